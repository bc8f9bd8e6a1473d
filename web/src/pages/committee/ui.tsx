// Building blocks the committee screens share and the app's shared components do not have:
// the page frame with breadcrumbs, a modal dialog, a select and a date field in the style of
// <Field>, unit and member pickers that search as one types, tabs, the one-time temporary
// password panel, and two hooks (debounce, submit with field errors).
//
// The committee stylesheet is injected from here, so it travels inside the committee chunks
// (members never download it; see styles-committee.css).
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import css from '../../styles-committee.css?inline';
import { ApiError, api } from '../../api/client';
import type { Member, Unit } from '../../api/types';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { vi } from '../../i18n/vi';
import { members as memberCount, vc } from '../../i18n/vi-committee';
import { SentFieldValues } from '../../lib/field-messages';
import { Link } from '../../lib/router';
import { COMMITTEE_PATHS, committeePath } from './routes';

// ---- styles ----

const STYLE_ID = 'sotay-committee-css';
export function ensureStyles(): void {
  if (typeof document === 'undefined' || document.getElementById(STYLE_ID)) return;
  const el = document.createElement('style');
  el.id = STYLE_ID;
  el.textContent = css;
  document.head.appendChild(el);
}
ensureStyles();

// ---- addresses and kinds ----

export const unitHref = (id: number) => committeePath(COMMITTEE_PATHS.unit, { id });
export const memberHref = (id: number) => committeePath(COMMITTEE_PATHS.member, { id });
export const importHref = (id: number) => committeePath(COMMITTEE_PATHS.import, { id });

export { holdsMembers, mayContain } from './rules';
import { holdsMembers } from './rules';

// ---- page frame ----

export interface Crumb {
  href: string;
  label: string;
}

export function Frame({
  title,
  crumbs = [],
  lead,
  children,
  wide,
}: {
  title: ComponentChildren;
  crumbs?: Crumb[];
  lead?: ComponentChildren;
  children?: ComponentChildren;
  wide?: boolean;
}) {
  return (
    <section class={wide ? 'page committee-page wide' : 'page committee-page'} aria-labelledby="committee-page-title">
      <nav class="crumbs c-crumbs" aria-label={vc.crumbsLabel}>
        <ol>
          <li>
            <Link href={COMMITTEE_PATHS.home}>{vc.home}</Link>
          </li>
          {crumbs.map((c) => (
            <li key={c.href}>
              <Link href={c.href}>{c.label}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <h1 id="committee-page-title" tabIndex={-1}>
        {title}
      </h1>
      {lead}
      {children}
    </section>
  );
}

// ---- hooks ----

export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(() => value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export interface SubmitState {
  pending: boolean;
  error: string | null;
  fields: Record<string, string>;
  // Counts refusals (by the server or by the form itself), so focus can move to the first error
  // each time, even when the message is the same as before.
  failures: number;
}

// Runs a change against the API and keeps what a form shows: pending, the summary message and the
// per-field messages of a 422 (or ones the form found itself before sending).
export function useSubmit() {
  const [state, setState] = useState<SubmitState>({ pending: false, error: null, fields: {}, failures: 0 });
  async function run<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    setState((s) => ({ ...s, pending: true, error: null, fields: {} }));
    try {
      const value = await fn();
      setState((s) => ({ ...s, pending: false, error: null, fields: {} }));
      return { ok: true, value };
    } catch (e) {
      const err = e instanceof ApiError ? { error: e.message, fields: e.fields } : { error: vi.errors.generic, fields: {} };
      setState((s) => ({ pending: false, ...err, failures: s.failures + 1 }));
      return { ok: false };
    }
  }
  const fail = (fields: Record<string, string> = {}, error: string | null = null) =>
    setState((s) => ({ pending: false, error, fields, failures: s.failures + 1 }));
  const reset = () => setState((s) => ({ ...s, pending: false, error: null, fields: {} }));
  // The message for a field, while it still holds what was refused (see field-messages.ts).
  const sent = useRef(new SentFieldValues()).current;
  const fieldError = (name: string, value: unknown): string | undefined =>
    sent.message(state.fields, state.failures, name, value);
  // The same for a form whose values are keyed by the server's field names (the member form).
  const fieldErrors = (values: object): Record<string, string> => {
    const byName = values as Record<string, unknown>;
    const shown: Record<string, string> = {};
    for (const name of Object.keys(state.fields)) {
      const message = name in byName ? fieldError(name, byName[name]) : state.fields[name];
      if (message !== undefined) shown[name] = message;
    }
    return shown;
  };
  return { ...state, run, fail, reset, fieldError, fieldErrors };
}

// After a refused change, put keyboard and screen-reader users on the first field in error (its
// message is tied to it), or on the summary when no field is named.
export function useFocusOnError(ref: { current: HTMLElement | null }, failures: number | undefined): void {
  useEffect(() => {
    if (!failures || !ref.current) return;
    const target =
      ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      ref.current.querySelector<HTMLElement>('.c-picked.has-error button') ??
      ref.current.querySelector<HTMLElement>('.alert-error');
    if (!target) return;
    if (!target.matches('input, select, button, textarea, [tabindex]')) target.setAttribute('tabindex', '-1');
    target.focus();
  }, [failures]);
}

// ---- dialog ----

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

// A modal dialog: focus moves in (to the first field, else the first button), Tab stays inside,
// Escape or the × closes, and focus returns to what opened it.
export function Dialog({
  title,
  onClose,
  children,
  footer,
  failures,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  footer?: ComponentChildren;
  // useSubmit().failures: after each refusal, focus goes to the first field in error.
  failures?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useFocusOnError(ref, failures);

  // Escape closes even when focus has fallen out of the dialog (a button disabled while sending).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        closeRef.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const previously = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const box = ref.current;
    const first =
      box?.querySelector<HTMLElement>('.dialog-body input:not([type=hidden]), .dialog-body select') ??
      box?.querySelector<HTMLElement>('.dialog-foot button, .dialog-body button');
    (first ?? box)?.focus();
    document.documentElement.classList.add('c-dialog-open');
    return () => {
      document.documentElement.classList.remove('c-dialog-open');
      if (previously && document.contains(previously)) previously.focus();
    };
  }, []);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <div class="c-backdrop" onClick={(e) => e.target === e.currentTarget && closeRef.current()}>
      <div class="c-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref} tabIndex={-1} onKeyDown={onKeyDown}>
        <div class="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" class="dialog-x" aria-label={vc.close} onClick={() => closeRef.current()}>
            ×
          </button>
        </div>
        <div class="dialog-body">{children}</div>
        {footer && <div class="dialog-foot">{footer}</div>}
      </div>
    </div>
  );
}

// The "what will change" box of a confirmation dialog.
// A dialog's footer: "Hủy" and the confirming button, which submits form {form} or calls onConfirm.
export function DialogButtons({
  pending,
  label,
  danger,
  disabled,
  form,
  onConfirm,
  onCancel,
}: {
  pending: boolean;
  label: string;
  danger?: boolean;
  disabled?: boolean;
  form?: string;
  onConfirm?: () => void;
  onCancel: () => void;
}) {
  return (
    <>
      <button type="button" class="btn btn-secondary" onClick={onCancel}>
        {vc.cancel}
      </button>
      <button
        type={form ? 'submit' : 'button'}
        form={form}
        class={danger ? 'btn btn-primary c-btn-danger' : 'btn btn-primary'}
        disabled={pending || disabled}
        onClick={onConfirm}
      >
        {pending ? vc.working : label}
      </button>
    </>
  );
}

export function WillChange({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div class="c-will-change" role="status">
      <p class="c-will-change-title">{vc.whatChanges}</p>
      <p>{text}</p>
    </div>
  );
}

// Field messages from the server for fields the form does not show (a PATCH of the status may
// be refused because of the admission date): listed under the summary so none is lost.
export function OtherErrors({ fields, shown }: { fields: Record<string, string>; shown: readonly string[] }) {
  const rest = Object.entries(fields).filter(([k]) => !shown.includes(k));
  if (rest.length === 0) return null;
  return (
    <ul class="c-other-errors">
      {rest.map(([k, msg]) => (
        <li key={k}>{msg}</li>
      ))}
    </ul>
  );
}

// ---- fields ----

export interface Option {
  value: string;
  label: string;
}

// A labelled control in the style of <Field>: the label, the hint and the error, tied to the
// control by its id and aria-describedby.
export function FieldFrame({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (id: string, describedBy: string | undefined) => ComponentChildren;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children(id, describedBy)}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <div class="c-progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <div class="c-progress-bar" style={{ width: `${percent}%` }} />
    </div>
  );
}

// A file picker: the native file input covers the styled box (transparent), so a tap anywhere on
// it opens the picker, and the button text is ours rather than the browser's language.
export function FileField({
  label,
  hint,
  button,
  fileName,
  error,
  errorAlert = false,
  inputRef,
  name,
  accept,
  disabled,
  onChange,
}: {
  label: string;
  hint: string;
  button: string;
  // The chosen file's line beside the button; none leaves the line out.
  fileName?: string | undefined;
  error: string | null;
  // The message is announced as it appears (role="alert").
  errorAlert?: boolean;
  inputRef?: { current: HTMLInputElement | null };
  name?: string;
  accept: string;
  disabled: boolean;
  onChange: (e: Event) => void;
}) {
  const inputId = useId();
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={inputId}>{label}</label>
      <p class="hint" id={`${inputId}-hint`}>
        {hint}
      </p>
      <div class="c-file-box">
        <input
          id={inputId}
          ref={inputRef}
          class="c-file-input"
          type="file"
          name={name}
          accept={accept}
          onChange={onChange}
          disabled={disabled}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ''}`}
        />
        <span class="btn btn-secondary c-file-button" aria-hidden="true">
          {button}
        </span>
        {fileName !== undefined && (
          <span class="c-file-name" aria-hidden="true">
            {fileName}
          </span>
        )}
      </div>
      {error && (
        <p class="field-error" id={`${inputId}-error`} role={errorAlert ? 'alert' : undefined}>
          {error}
        </p>
      )}
    </div>
  );
}

export function SelectField({
  label,
  value,
  onValue,
  options,
  error,
  hint,
  name,
}: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  options: readonly Option[];
  error?: string | undefined;
  hint?: string | undefined;
  name?: string;
}) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {(id, describedBy) => (
        <select
          id={id}
          name={name}
          value={value}
          onChange={(e) => onValue(e.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

// A date typed as dd/mm/yyyy (see dates.ts for what else is accepted).
export function DateField({
  label,
  value,
  onValue,
  error,
  hint = vc.dateHint,
  name,
  required,
}: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
  hint?: string;
  name?: string;
  required?: boolean;
}) {
  return (
    <Field
      label={label}
      value={value}
      onValue={onValue}
      error={error}
      hint={hint}
      placeholder="dd/mm/yyyy"
      autocomplete="off"
      maxLength={10}
      {...(name ? { name } : {})}
      {...(required ? { required } : {})}
    />
  );
}

export function Check({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label class="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>{label}</span>
    </label>
  );
}

// ---- pickers ----

// Searches as the person types: the typed text, trimmed and debounced, once it has two characters
// or more, and while {active}; the search runs again when {deps} change.
export function useTypeahead<T>(q: string, search: (q: string, signal: AbortSignal) => Promise<T[]>, deps: unknown[], active = true) {
  const query = useDebounced(q.trim(), 300);
  const [results, setResults] = useState<T[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (!active || query.length < 2) {
      setResults(null);
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    setFailure(null);
    search(query, ctrl.signal).then(
      (list) => {
        if (ctrl.signal.aborted) return;
        setResults(list);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setFailure(e instanceof ApiError ? e.message : vi.errors.generic);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, active, ...deps]);
  return { query, results, setResults, loading, failure };
}

// Under a search box: searching, the failure, "nothing found", or the results, one option each.
export function TypeaheadResults<T extends { id: number }>({
  found,
  emptyText,
  children,
}: {
  found: { results: T[] | null; loading: boolean; failure: string | null };
  emptyText: string;
  children: (r: T) => ComponentChildren;
}) {
  const { results, loading, failure } = found;
  return (
    <>
      {loading && <Loading label={vc.tree.searching} />}
      {failure && (
        <p class="alert alert-error" role="alert">
          {failure}
        </p>
      )}
      {!loading && results && results.length === 0 && <p class="muted c-picker-empty">{emptyText}</p>}
      {!loading && results && results.length > 0 && (
        <ul class="c-picker-results" aria-label={vc.picker.results}>
          {results.map((r) => (
            <li key={r.id}>{children(r)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

interface PickerProps<T> {
  label: string;
  value: T | null;
  onChange: (v: T | null) => void;
  error?: string | undefined;
  hint?: string;
  // Why an option cannot be chosen here (shown under it, the option disabled); null when it can.
  reject?: (v: T) => string | null;
}

function Picker<T extends { id: number }>({
  label,
  value,
  onChange,
  error,
  hint,
  reject,
  placeholder,
  search,
  describe,
  title,
  emptyText,
}: PickerProps<T> & {
  placeholder: string;
  search: (q: string, signal: AbortSignal) => Promise<T[]>;
  describe: (v: T) => string;
  title: (v: T) => string;
  emptyText: (q: string) => string;
}) {
  const [q, setQ] = useState('');
  const found = useTypeahead(q, search, [], !value);
  const inputRef = useRef<HTMLInputElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const previous = useRef(value);

  // Keyboard users keep their place: after choosing, focus goes to "Chọn đơn vị khác"; after
  // that, back to the search box. Not on the first render (the dialog decides that).
  useEffect(() => {
    const before = previous.current;
    previous.current = value;
    if (value && !before) changeRef.current?.focus();
    else if (!value && before) inputRef.current?.focus();
  }, [value]);

  if (value) {
    return (
      <div class={error ? 'field c-picked has-error' : 'field c-picked'}>
        <p class="c-picked-label">{label}</p>
        <div class="c-picked-box">
          <div>
            <strong>{title(value)}</strong>
            <span class="muted small c-block">{describe(value)}</span>
          </div>
          <button type="button" class="btn btn-secondary" ref={changeRef} onClick={() => onChange(null)}>
            {vc.picker.change}
          </button>
        </div>
        {error && <p class="field-error">{error}</p>}
      </div>
    );
  }

  return (
    <div class="c-picker">
      <Field
        label={label}
        type="search"
        value={q}
        onValue={setQ}
        placeholder={placeholder}
        hint={hint ?? vc.picker.hint}
        error={error}
        autocomplete="off"
        spellcheck={false}
        inputRef={inputRef}
      />
      <TypeaheadResults found={found} emptyText={emptyText(found.query)}>
        {(r) => {
          const why = reject?.(r) ?? null;
          return (
            <button type="button" class="c-option" disabled={!!why} onClick={() => onChange(r)}>
              <span class="c-option-title">{title(r)}</span>
              <span class="c-option-desc">{why ?? describe(r)}</span>
            </button>
          );
        }}
      </TypeaheadResults>
    </div>
  );
}

export function describeUnit(u: Unit): string {
  const parts = [u.kind_label, u.code];
  if (holdsMembers(u.kind)) parts.push(memberCount(u.member_count));
  if (u.closed) parts.push(u.merged_into ? vc.mergedBadge : vc.closedBadge);
  return parts.join(' · ');
}

export function UnitPicker(props: PickerProps<Unit>) {
  return (
    <Picker<Unit>
      {...props}
      placeholder={vc.picker.placeholder}
      search={(q, signal) => api.get('/units/search', { query: { q, limit: 20 }, signal }).then((d) => d.units)}
      title={(u) => u.name}
      describe={describeUnit}
      emptyText={vc.picker.empty}
    />
  );
}

// Members of a unit and the units below it (to give someone a committee position).
export function MemberPicker(props: PickerProps<Member> & { unitId: number }) {
  const { unitId, ...rest } = props;
  return (
    <Picker<Member>
      {...rest}
      placeholder={vc.memberPicker.placeholder}
      search={(q, signal) =>
        api
          .get('/units/{id}/members', {
            path: { id: unitId },
            query: { q, limit: 15, subtree: '1', status: 'official,probationary' },
            signal,
          })
          .then((d) => d.members)
      }
      title={(m) => m.full_name}
      describe={(m) => [m.unit_name, m.status_label, m.birth_date ? m.birth_date.slice(0, 4) : ''].filter(Boolean).join(' · ')}
      emptyText={vc.memberPicker.empty}
    />
  );
}

// ---- collapsible filters ----

// Filters that fold away on phones (the list matters more there) and always show on wide screens
// (styles-committee.css keeps the body visible and hides the toggle from 48rem).
export function Collapsible({ label, summary, children }: { label: string; summary?: string; children: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div class="c-collapsible">
      <button type="button" class="btn btn-secondary c-collapse-toggle" aria-expanded={open ? 'true' : 'false'} aria-controls={id} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        <span>
          {label}
          {summary ? `: ${summary}` : ''}
        </span>
      </button>
      <div id={id} class="c-collapse-body" hidden={!open}>
        {children}
      </div>
    </div>
  );
}

// ---- tabs ----

export function Tabs<T extends string>({
  label,
  tabs,
  current,
  onChange,
  prefix,
}: {
  label: string;
  tabs: readonly { id: T; label: string }[];
  current: T;
  onChange: (id: T) => void;
  prefix: string;
}) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  function onKeyDown(e: KeyboardEvent) {
    const i = tabs.findIndex((t) => t.id === current);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const id = tabs[next]!.id;
    onChange(id);
    refs.current[id]?.focus();
  }
  return (
    <div class="c-tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`${prefix}-tab-${t.id}`}
          aria-selected={t.id === current ? 'true' : 'false'}
          aria-controls={`${prefix}-panel-${t.id}`}
          tabIndex={t.id === current ? 0 : -1}
          ref={(el) => {
            refs.current[t.id] = el;
          }}
          class="c-tab"
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ prefix, id, children }: { prefix: string; id: string; children: ComponentChildren }) {
  return (
    <div role="tabpanel" id={`${prefix}-panel-${id}`} aria-labelledby={`${prefix}-tab-${id}`} class="c-tabpanel" tabIndex={-1}>
      {children}
    </div>
  );
}

// ---- the temporary password, shown once ----

export function TempPassword({ login, password, onDone }: { login: string; password: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      // No clipboard (plain http on a LAN address): select the text so Ctrl+C works.
      const el = ref.current;
      if (el) {
        const range = document.createRange();
        range.selectNodeContents(el);
        const sel = window.getSelection();
        sel?.removeAllRanges();
        sel?.addRange(range);
      }
    }
  }
  return (
    <div class="c-temp" role="alert">
      <p>{vc.temp.intro(login)}</p>
      <dl class="c-temp-values">
        <div>
          <dt>{vc.temp.login}</dt>
          <dd class="mono">{login}</dd>
        </div>
        <div>
          <dt>{vc.temp.password}</dt>
          <dd>
            <code class="c-temp-password" data-testid="temporary-password" ref={ref}>
              {password}
            </code>
          </dd>
        </div>
      </dl>
      <p class="small">{vc.temp.after}</p>
      <div class="actions">
        <button type="button" class="btn btn-secondary" onClick={() => void copy()}>
          {copied ? vc.temp.copied : vc.temp.copy}
        </button>
        <button type="button" class="btn btn-primary" onClick={onDone}>
          {vc.temp.done}
        </button>
      </div>
    </div>
  );
}

// A "Xem thêm" button for cursor paging.
export function MoreButton({ loading, onClick }: { loading: boolean; onClick: () => void }) {
  return (
    <div class="c-more">
      <button type="button" class="btn btn-secondary" disabled={loading} onClick={onClick}>
        {loading ? vc.loadingMore : vc.loadMore}
      </button>
    </div>
  );
}
