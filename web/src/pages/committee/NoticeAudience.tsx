// Who receives a notice: the units of the committee's scope as a tree with member counts and a
// box to tick (a unit ticked covers everything below it; the data comes from unit-tree.ts, like
// the organization tree), a search to add a unit without opening the tree, positions (Bí thư, Phó
// bí thư, Cấp ủy viên) to narrow it down, and named members. The number of recipients is asked
// from the server as the choice changes (POST /notices/preview).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../../api/client';
import type { Member, NoticeRole, Unit } from '../../api/types';
import { Loading } from '../../components/Loading';
import { vi } from '../../i18n/vi';
import { POSITION_LABELS, members as memberCount, vc } from '../../i18n/vi-committee';
import { ve } from '../../i18n/vi-editor';
import {
  addMember,
  audienceEmpty,
  audienceInput,
  coveredBy,
  removeMember,
  toggleRole,
  toggleUnit,
  type AudienceState,
  type PickedUnit,
} from './notice-form';
import { Check, MemberPicker, SelectField, UnitPicker, useDebounced } from './ui';
import { useUnitTree } from './unit-tree';

const t = vc.notices;
export const NOTICE_ROLES: readonly NoticeRole[] = ['secretary', 'deputy_secretary', 'committee_member'];

function Tree({ roots, audience, onChange }: { roots: Unit[]; audience: AudienceState; onChange: (a: AudienceState) => void }) {
  const tree = useUnitTree(roots);
  const chosen = new Set(audience.units.map((u) => u.id));

  function rows(ids: number[], depth: number, ancestors: number[]) {
    return ids.map((id) => {
      const u = tree.byId.get(id);
      if (!u) return null;
      const has = tree.hasChildren(id);
      const open = has && tree.expanded.has(id);
      const kids = tree.children[id];
      const cover = coveredBy(audience, ancestors);
      const total = tree.memberTotal(u);
      const picked: PickedUnit = { id, name: u.name, ancestors };
      return (
        <li key={id} class="n-tree-item">
          <div class="n-tree-row" style={{ paddingLeft: `${(depth - 1) * 1.25}rem` }}>
            {has ? (
              <button
                type="button"
                class="c-tree-toggle"
                aria-expanded={open ? 'true' : 'false'}
                aria-label={open ? t.collapse(u.name) : t.expand(u.name)}
                onClick={() => (open ? tree.collapse(id) : tree.expand([id]))}
              >
                <span aria-hidden="true">{open ? '▾' : '▸'}</span>
              </button>
            ) : (
              <span class="c-tree-toggle c-tree-leaf" aria-hidden="true" />
            )}
            <label class="check n-tree-check">
              <input
                type="checkbox"
                checked={chosen.has(id) || !!cover}
                disabled={!!cover}
                onChange={(e) => onChange(toggleUnit(audience, picked, e.currentTarget.checked))}
              />
              <span class="n-tree-text">
                <span class="n-tree-name">{u.name}</span>
                <span class="n-tree-meta">
                  {cover ? t.included(cover.name) : total !== undefined ? memberCount(total) : u.kind_label}
                </span>
              </span>
            </label>
          </div>
          {open && (
            <ul class="n-tree-group">
              {tree.loading.has(id) && !kids && <li class="n-tree-note">{vi.app.loading}</li>}
              {tree.failed[id] && (
                <li class="n-tree-note c-tree-error">
                  {tree.failed[id]}{' '}
                  <button type="button" class="btn btn-link" onClick={() => void tree.load(id, true)}>
                    {vi.app.retry}
                  </button>
                </li>
              )}
              {kids && rows(kids, depth + 1, [...ancestors, id])}
            </ul>
          )}
        </li>
      );
    });
  }

  return (
    <ul class="n-tree" aria-label={t.treeLabel}>
      {rows(tree.rootIds, 1, [])}
    </ul>
  );
}

// A unit found by search: its ancestors come from GET /units/{id}, so it is covered like the
// units ticked in the tree.
async function pickedFromSearch(u: Unit): Promise<PickedUnit> {
  try {
    const d = await api.get('/units/{id}', { path: { id: u.id } });
    return { id: u.id, name: u.name, ancestors: d.ancestors.map((a) => a.id) };
  } catch {
    return { id: u.id, name: u.name, ancestors: u.parent_id ? [u.parent_id] : [] };
  }
}

function Chips<T extends { id: number }>({ label, items, name, onRemove }: { label: string; items: T[]; name: (x: T) => string; onRemove: (x: T) => void }) {
  if (items.length === 0) return null;
  return (
    <>
      <p class="n-chips-label">{label}</p>
      <ul class="e-chips" aria-label={label}>
        {items.map((x) => (
          <li key={x.id} class="e-chip">
            <span>{name(x)}</span>
            <button type="button" class="e-chip-x" aria-label={ve.common.removeLabel(name(x))} onClick={() => onRemove(x)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function AudiencePicker({
  roots,
  audience,
  onChange,
  error,
}: {
  roots: Unit[];
  audience: AudienceState;
  onChange: (a: AudienceState) => void;
  error?: string | undefined;
}) {
  const [unitRound, setUnitRound] = useState(0);
  const [memberRound, setMemberRound] = useState(0);
  const [memberError, setMemberError] = useState<string | null>(null);
  const [memberRoot, setMemberRoot] = useState<number | null>(roots[0]?.id ?? null);
  return (
    <fieldset class={error ? 'e-fieldset n-audience has-error' : 'e-fieldset n-audience'} aria-describedby="n-audience-hint">
      <legend class="c-visually-hidden">{t.audience}</legend>
      <p class="hint" id="n-audience-hint">
        {t.audienceHint}
      </p>
      {error && <p class="field-error">{error}</p>}
      <Tree roots={roots} audience={audience} onChange={onChange} />
      <UnitPicker
        key={unitRound}
        label={t.findUnit}
        value={null}
        onChange={(u) => {
          if (!u) return;
          void pickedFromSearch(u).then((p) => {
            onChange(toggleUnit(audience, p, true));
            setUnitRound((x) => x + 1);
          });
        }}
      />
      <Chips label={t.chosenUnits} items={audience.units} name={(u) => u.name} onRemove={(u) => onChange(toggleUnit(audience, u, false))} />

      <fieldset class="e-fieldset n-roles" aria-describedby="n-roles-hint">
        <legend>{t.roles}</legend>
        <p class="hint" id="n-roles-hint">
          {t.rolesHint}
        </p>
        {NOTICE_ROLES.map((r) => (
          <Check key={r} label={POSITION_LABELS[r] ?? r} checked={audience.roles.includes(r)} onChange={(on) => onChange(toggleRole(audience, r, on))} />
        ))}
      </fieldset>

      <fieldset class="e-fieldset n-members">
        <legend>{t.members}</legend>
        <p class="hint">{t.membersHint}</p>
        {roots.length > 1 && (
          <SelectField
            label={t.scopeFor}
            value={String(memberRoot ?? '')}
            onValue={(v) => setMemberRoot(Number(v))}
            options={roots.map((r) => ({ value: String(r.id), label: r.name }))}
          />
        )}
        {memberRoot !== null && (
          <MemberPicker
            key={`${memberRound}-${memberRoot}`}
            unitId={memberRoot}
            label={vc.memberPicker.label}
            value={null}
            error={memberError ?? undefined}
            onChange={(m: Member | null) => {
              if (!m) return;
              const r = addMember(audience, m);
              setMemberError(r.error ?? null);
              onChange(r.audience);
              setMemberRound((x) => x + 1);
            }}
          />
        )}
        <Chips label={t.chosenMembers} items={audience.members} name={(m) => m.full_name} onRemove={(m) => onChange(removeMember(audience, m.id))} />
      </fieldset>
    </fieldset>
  );
}

// "Sẽ gửi tới N đảng viên", asked from the server a moment after the choice stops changing.
export function useRecipientCount(audience: AudienceState): { count: number | null; loading: boolean; error: string | null } {
  const key = useDebounced(JSON.stringify(audienceInput(audience)), 400);
  const [state, setState] = useState<{ count: number | null; loading: boolean; error: string | null }>({ count: null, loading: false, error: null });
  useEffect(() => {
    if (key === '{}') {
      setState({ count: null, loading: false, error: null });
      return;
    }
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    api.post('/notices/preview', { body: { audience: JSON.parse(key) as ReturnType<typeof audienceInput> }, signal: ctrl.signal }).then(
      (d) => !ctrl.signal.aborted && setState({ count: d.recipients, loading: false, error: null }),
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        const fields = e instanceof ApiError ? Object.values(e.fields) : [];
        setState({ count: null, loading: false, error: fields[0] ?? (e instanceof ApiError ? e.message : vi.errors.generic) });
      },
    );
    return () => ctrl.abort();
  }, [key]);
  return state;
}

export function RecipientCount({ audience, preview }: { audience: AudienceState; preview: ReturnType<typeof useRecipientCount> }) {
  let body;
  if (audienceEmpty(audience)) body = <span class="muted">{t.nobody}</span>;
  else if (preview.error) body = <span class="field-error">{preview.error}</span>;
  else if (preview.count === null || preview.loading) body = <Loading label={t.counting} />;
  else if (preview.count === 0) body = <span class="n-count-zero">{t.noRecipients}</span>;
  else body = <strong data-testid="recipient-count">{t.willReach(preview.count)}</strong>;
  return (
    <div class="n-recipients" aria-live="polite">
      {body}
    </div>
  );
}
