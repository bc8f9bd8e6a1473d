// Building blocks shared by the document and news editors: a text area in the style of <Field>,
// the state badge, the owner and audience fields, a document search picker (by number or title),
// the workflow panel with its plain-words confirmations, the version history and the "someone
// else saved first" message.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Grant, Unit } from '../../api/types';
import { Field, FormError } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { vc } from '../../i18n/vi-committee';
import { ITEM_STATES, dateTimeText, labelOf, unixText, ve, type ItemState } from '../../i18n/vi-editor';
import { flash } from '../../lib/flash';
import { session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { useApi } from '../../lib/use-api';
import { editorApi, type DocRef, type ItemKind, type UnitRef, type Workflow } from './EditorApi';
import { addAudience, parseSchedule, stepsFor } from './EditorForm';
import { COMMITTEE_PATHS, committeePath } from './routes';
import { Dialog, DialogButtons, FieldFrame, SelectField, TypeaheadResults, UnitPicker, WillChange, useSubmit, useTypeahead } from './ui';

// ---- addresses ----

export const documentHref = (id: number) => committeePath(COMMITTEE_PATHS.document, { id });
export const newsHref = (id: number) => committeePath(COMMITTEE_PATHS.newsItem, { id });
export const readingHref = (id: number, unit?: number | null) =>
  committeePath(COMMITTEE_PATHS.reading, { id }) + (unit ? `?unit=${unit}` : '');

// The list tabs, one per state; the tab is in the address (?state=submitted).
export const STATE_TABS = ITEM_STATES.map(([id, label]) => ({ id, label }));
export function stateFromQuery(query: URLSearchParams): ItemState {
  const s = query.get('state');
  return (ITEM_STATES.find(([c]) => c === s)?.[0] ?? 'draft') as ItemState;
}

// ---- text area ----

export function TextArea({
  label,
  value,
  onValue,
  error,
  hint,
  rows = 6,
  name,
  textareaRef,
}: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  rows?: number;
  name?: string;
  textareaRef?: { current: HTMLTextAreaElement | null };
}) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {(id, describedBy) => (
        <textarea
          id={id}
          name={name}
          rows={rows}
          class="e-textarea"
          value={value}
          ref={textareaRef}
          onInput={(e) => onValue(e.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

// ---- state ----

export function StateBadge({ state, publishAt }: { state: string; publishAt?: number | null | undefined }) {
  const scheduled = state === 'submitted' && publishAt;
  return (
    <span class={`badge e-state e-state-${state}`}>
      {scheduled ? ve.common.scheduledAt(unixText(publishAt)) : labelOf(ITEM_STATES, state)}
    </span>
  );
}

// ---- owner unit ----

const EDITING_ROLES = new Set(['editor', 'committee', 'admin']);

// The units the person edits for: their editor, committee and admin grants on a unit.
export function ownerChoices(roles: readonly Grant[]): UnitRef[] {
  const seen = new Set<number>();
  const out: UnitRef[] = [];
  for (const g of roles) {
    if (!EDITING_ROLES.has(g.role) || g.unit_id === null || seen.has(g.unit_id)) continue;
    seen.add(g.unit_id);
    out.push({ id: g.unit_id, name: g.unit_name });
  }
  return out;
}

export function useOwnerChoices(): UnitRef[] {
  const s = useStore(session);
  return s.status === 'signed_in' ? ownerChoices(s.me.roles) : [];
}

export function OwnerField({
  value,
  onChange,
  error,
  locked,
  knownName,
}: {
  value: number | null;
  onChange: (id: number | null, name: string) => void;
  error?: string | undefined;
  // An existing item keeps its owner: shown, not changed here.
  locked?: boolean;
  knownName?: string;
}) {
  const choices = useOwnerChoices();
  const [picked, setPicked] = useState<Unit | null>(null);
  const current = choices.find((c) => c.id === value);
  if (locked || (choices.length === 1 && current)) {
    return (
      <div class="field e-static">
        <p class="e-static-label">{ve.common.owner}</p>
        <p class="e-static-value">{current?.name ?? knownName ?? picked?.name ?? vc.none}</p>
      </div>
    );
  }
  if (choices.length > 0) {
    return (
      <SelectField
        label={ve.common.owner}
        hint={ve.common.ownerHint}
        value={value === null ? '' : String(value)}
        onValue={(v) => {
          const c = choices.find((x) => String(x.id) === v);
          onChange(c ? c.id : null, c?.name ?? '');
        }}
        options={[...(value === null ? [{ value: '', label: vc.picker.label }] : []), ...choices.map((c) => ({ value: String(c.id), label: c.name }))]}
        error={error}
      />
    );
  }
  // An administrator of the whole tree: any unit.
  return (
    <UnitPicker
      label={ve.common.owner}
      hint={ve.common.ownerHint}
      value={picked}
      onChange={(u) => {
        setPicked(u);
        onChange(u ? u.id : null, u?.name ?? '');
      }}
      error={error}
    />
  );
}

// ---- audience ----

export function AudienceField({
  audience,
  onChange,
  ownerName,
  error,
}: {
  audience: UnitRef[];
  onChange: (list: UnitRef[]) => void;
  ownerName: string;
  error?: string | undefined;
}) {
  const [round, setRound] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const headingId = useId();
  return (
    <fieldset class={error ? 'e-fieldset has-error' : 'e-fieldset'} aria-labelledby={headingId}>
      <legend id={headingId}>{ve.common.audience}</legend>
      <p class="hint">{ve.common.audienceHint(ownerName)}</p>
      {audience.length === 0 ? (
        <p class="muted e-none">{ve.common.audienceNone}</p>
      ) : (
        <ul class="e-chips" aria-label={ve.common.audience}>
          {audience.map((u) => (
            <li key={u.id} class="e-chip">
              <span>{u.name}</span>
              <button
                type="button"
                class="e-chip-x"
                aria-label={ve.common.removeLabel(u.name)}
                onClick={() => onChange(audience.filter((x) => x.id !== u.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <UnitPicker
        key={round}
        label={ve.common.audienceAdd}
        value={null}
        onChange={(u) => {
          if (!u) return;
          const r = addAudience(audience, u);
          setMessage(r.error ?? null);
          onChange(r.audience);
          setRound((x) => x + 1);
        }}
        error={message ?? undefined}
      />
      {error && <p class="field-error">{error}</p>}
    </fieldset>
  );
}

export function audienceSentence(audience: UnitRef[], ownerName: string): string {
  return audience.length ? ve.workflow.audienceUnits(audience.map((u) => u.name)) : ve.workflow.audienceAll(ownerName);
}

// ---- documents found by number or title ----

export function DocPicker({
  label,
  hint,
  onPick,
  error,
  excludeId,
}: {
  label: string;
  hint?: string;
  onPick: (d: DocRef) => void;
  error?: string | undefined;
  excludeId?: number | null;
}) {
  const [q, setQ] = useState('');
  const found = useTypeahead(
    q,
    (query, signal) => editorApi.searchDocuments(query, signal).then((list) => list.filter((d) => d.id !== excludeId)),
    [excludeId],
  );
  return (
    <div class="c-picker">
      <Field
        label={label}
        type="search"
        value={q}
        onValue={setQ}
        placeholder={ve.stats.searchPlaceholder}
        hint={hint}
        error={error}
        autocomplete="off"
        spellcheck={false}
      />
      <TypeaheadResults found={found} emptyText={vc.tree.noResults(found.query)}>
        {(d) => (
          <button
            type="button"
            class="c-option"
            onClick={() => {
              onPick(d);
              setQ('');
              found.setResults(null);
            }}
          >
            <span class="c-option-title">{d.number || ve.documents.noNumber}</span>
            <span class="c-option-desc">{d.title}</span>
          </button>
        )}
      </TypeaheadResults>
    </div>
  );
}

// Enter in a search box (unit, document) searches rather than saving the whole form.
export function keepEnterInSearch(e: KeyboardEvent): void {
  const t = e.target as HTMLElement | null;
  if (e.key === 'Enter' && t instanceof HTMLInputElement && t.type === 'search') e.preventDefault();
}

// ---- someone else saved first ----

export function ConflictAlert({ message, onReload }: { message: string; onReload: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class="alert alert-warning e-conflict" role="alert" tabIndex={-1} ref={ref}>
      <p>{message}</p>
      <button type="button" class="btn btn-secondary" onClick={onReload}>
        {ve.common.reload}
      </button>
    </div>
  );
}

// Asks the browser to warn before closing or reloading the tab with unsaved changes.
export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBefore = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ve.common.leaveUnsaved;
      return ve.common.leaveUnsaved;
    };
    window.addEventListener('beforeunload', onBefore);
    return () => window.removeEventListener('beforeunload', onBefore);
  }, [dirty]);
}

// ---- workflow ----

type Step = ReturnType<typeof stepsFor>[number];

// POST /{documents|news}/{id}/return answers 400 "Trường note không được hỗ trợ" for now.
const RETURN_NOTE = false;

const STEP_LABEL: Record<Step, string> = {
  submit: ve.workflow.submit,
  publish: ve.workflow.publish,
  schedule: ve.workflow.schedule,
  return: ve.workflow.return,
  withdraw: ve.workflow.withdraw,
};

// Now plus one hour, rounded to the quarter, as a datetime-local value.
function defaultSchedule(now = new Date()): string {
  const d = new Date(now.getTime() + 60 * 60 * 1000);
  d.setMinutes(Math.ceil(d.getMinutes() / 15) * 15, 0, 0);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function WorkflowPanel<T extends { id: number; state: string }>({
  run,
  item,
  title,
  audience,
  dirty,
  save,
  onDone,
}: {
  // The API call of a step: POST /{documents|news}/{id}/{step}.
  run: (step: Workflow, publishAt?: number, note?: string) => Promise<T>;
  item: T;
  title: string;
  audience: string;
  dirty: boolean;
  // Saves unsaved changes first; false when that failed (the form shows why).
  save: () => Promise<boolean>;
  onDone: (updated: T) => void;
}) {
  const [open, setOpen] = useState<Step | null>(null);
  const steps = stepsFor(item.state);
  if (steps.length === 0) return null;
  return (
    <section class="card e-workflow" aria-labelledby="e-workflow-title">
      <h2 id="e-workflow-title">{ve.workflow.title}</h2>
      <div class="actions">
        {steps.map((s) => (
          <button
            key={s}
            type="button"
            class={s === 'publish' ? 'btn btn-primary' : s === 'withdraw' ? 'btn btn-secondary c-btn-danger' : 'btn btn-secondary'}
            onClick={() => setOpen(s)}
          >
            {s === 'publish' && item.state === 'withdrawn' ? ve.workflow.republish : STEP_LABEL[s]}
          </button>
        ))}
      </div>
      {open && (
        <StepDialog
          run={run}
          step={open}
          item={item}
          title={title}
          audience={audience}
          dirty={dirty}
          save={save}
          onClose={() => setOpen(null)}
          onDone={(u) => {
            setOpen(null);
            onDone(u);
          }}
        />
      )}
    </section>
  );
}

function StepDialog<T extends { id: number; state: string }>({
  run,
  step,
  item,
  title,
  audience,
  dirty,
  save,
  onClose,
  onDone,
}: {
  run: (step: Workflow, publishAt?: number, note?: string) => Promise<T>;
  step: Step;
  item: T;
  title: string;
  audience: string;
  dirty: boolean;
  save: () => Promise<boolean>;
  onClose: () => void;
  onDone: (u: T) => void;
}) {
  const s = useSubmit();
  const [when, setWhen] = useState(defaultSchedule());
  const [note, setNote] = useState('');
  const whenId = useId();
  const schedule = step === 'schedule' ? parseSchedule(when) : null;
  const c = ve.workflow.confirm;
  const text =
    step === 'submit'
      ? c.submit(title)
      : step === 'publish'
        ? c.publish(title, audience)
        : step === 'schedule'
          ? c.schedule(title, schedule?.ok ? dateTimeText(schedule.at) : '…', audience)
          : step === 'withdraw'
            ? c.withdraw(title)
            : c.return(title);

  async function confirm() {
    if (step === 'schedule' && !schedule?.ok) {
      s.fail({ publish_at: schedule?.ok === false ? schedule.error : ve.workflow.scheduleRequired });
      return;
    }
    if (dirty) {
      const saved = await save();
      if (!saved) {
        onClose();
        return;
      }
    }
    const apiStep: Workflow = step === 'schedule' ? 'publish' : step;
    const r = await s.run(() =>
      run(apiStep, schedule?.ok ? schedule.unix : undefined, step === 'return' && RETURN_NOTE ? note.trim() : undefined),
    );
    if (r.ok) {
      const d = ve.workflow.done;
      flash(step === 'schedule' && schedule?.ok ? d.schedule(dateTimeText(schedule.at)) : d[step as Exclude<Step, 'schedule'>], 'success');
      onDone(r.value);
    }
  }

  const label = step === 'publish' && item.state === 'withdrawn' ? ve.workflow.republish : STEP_LABEL[step];
  const fieldError = s.fieldError('publish_at', when);
  return (
    <Dialog
      title={label}
      onClose={onClose}
      failures={s.failures}
      footer={<DialogButtons pending={s.pending} label={label} onConfirm={() => void confirm()} onCancel={onClose} />}
    >
      <FormError message={s.error} />
      {step === 'schedule' && (
        <div class={fieldError ? 'field has-error' : 'field'}>
          <label for={whenId}>{ve.workflow.scheduleAt}</label>
          <p class="hint" id={`${whenId}-hint`}>
            {ve.workflow.scheduleHint}
          </p>
          <input
            id={whenId}
            type="datetime-local"
            class="e-datetime"
            value={when}
            onInput={(e) => setWhen(e.currentTarget.value)}
            aria-invalid={fieldError ? 'true' : undefined}
            aria-describedby={`${whenId}-hint${fieldError ? ` ${whenId}-error` : ''}`}
          />
          {fieldError && (
            <p class="field-error" id={`${whenId}-error`}>
              {fieldError}
            </p>
          )}
        </div>
      )}
      {/* A note with "Trả lại" is in the contract ({note}) but the server does not take it yet:
          the field shows once it does (RETURN_NOTE). */}
      {step === 'return' && RETURN_NOTE && (
        <TextArea label={ve.workflow.returnNote} hint={ve.common.optional} value={note} onValue={setNote} rows={3} error={s.fieldError('note', note)} />
      )}
      <WillChange text={text} />
      {dirty && <p class="muted small">{ve.workflow.saveFirst}</p>}
    </Dialog>
  );
}

// ---- version history ----

export function VersionHistory({ kind, id, version }: { kind: ItemKind; id: number; version: number }) {
  const result = useApi(
    (signal) => (kind === 'documents' ? editorApi.documentVersions(id, signal) : editorApi.newsVersions(id, signal)),
    [kind, id, version],
  );
  // An older server without the history for this kind: the section is left out rather than failing.
  if (result.error && result.data === undefined) return null;
  return (
    <details class="card e-history">
      <summary>
        <h2 class="e-summary-title">{ve.common.history}</h2>
      </summary>
      {result.data === undefined ? (
        <Loading />
      ) : (
        <ol class="c-plain-list e-versions">
          <li>
            <strong>{ve.common.version(version)}</strong> — {ve.common.historyCurrent}
          </li>
          {[...result.data]
            .sort((a, b) => b.version - a.version)
            .map((v) => (
              <li key={v.version}>
                {ve.common.historyItem(v.version, unixText(v.at), v.actor_login || vc.none)}
                {v.title && <span class="muted small c-block">{v.title}</span>}
              </li>
            ))}
          {result.data.length === 0 && <li class="muted">{ve.common.historyEmpty}</li>}
        </ol>
      )}
    </details>
  );
}

// ---- page sections ----

export function Section({ title, id, children, hint }: { title: string; id: string; hint?: string; children: ComponentChildren }) {
  return (
    <section class="card e-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {hint && <p class="hint">{hint}</p>}
      {children}
    </section>
  );
}
