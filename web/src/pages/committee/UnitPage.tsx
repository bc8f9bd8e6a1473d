// The unit page: where the unit sits (breadcrumbs), what it is, its counts, and tabs for its
// members, committee positions, units below and history; import and export; and, for those who
// manage it, the unit operations (create below, rename, move, merge, close).
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { UnitDetail } from '../../api/types';
import { ApiState } from '../../components/ApiState';
import { Loading } from '../../components/Loading';
import { vi } from '../../i18n/vi';
import { ddmmyyyy, members as memberCount, units as unitCount, vc } from '../../i18n/vi-committee';
import { Link, navigate } from '../../lib/router';
import { session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { useApi } from '../../lib/use-api';
import type { RouteProps } from '../../routes';
import { UnitOpDialog, type OpKind } from './unit-ops';
import { ChildrenPanel, HistoryPanel, MembersPanel, PositionsPanel } from './unit-panels';
import { Frame, TabPanel, Tabs, holdsMembers, unitHref } from './ui';

type Tab = 'members' | 'positions' | 'children' | 'history' | 'changes';
const TABS: readonly Tab[] = ['members', 'positions', 'children', 'history', 'changes'];

// A committee may not move, merge or close the unit its own grant sits on — only units strictly
// inside its scope (domain/org_tree.cpp require_strictly_inside).
function useStrictlyInside(unit: UnitDetail): boolean {
  const s = useStore(session);
  if (s.status !== 'signed_in') return false;
  return s.me.roles.some(
    (g) =>
      (g.role === 'committee' || g.role === 'admin') &&
      (g.unit_id === null || unit.ancestors.some((a) => a.id === g.unit_id)),
  );
}

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div class="c-stat">
      <dt>{label}</dt>
      <dd>
        <span class="c-stat-value">{value}</span>
        {detail && <span class="c-stat-detail">{detail}</span>}
      </dd>
    </div>
  );
}

// The unit operations, each with a line saying what it does; a dialog asks for the details and
// says what will change before anything does.
function ChangesPanel({ unit, inside, onOpen }: { unit: UnitDetail; inside: boolean; onOpen: (op: OpKind) => void }) {
  const ops: { op: OpKind; label: string; hint: string; danger?: boolean; show: boolean }[] = [
    { op: 'create', label: vc.ops.create, hint: vc.ops.createHint, show: unit.kind !== 'group' },
    { op: 'rename', label: vc.ops.rename, hint: vc.ops.renameHint, show: true },
    { op: 'move', label: vc.ops.move, hint: vc.ops.moveHint, show: inside },
    { op: 'merge', label: vc.ops.merge, hint: vc.ops.mergeHint, show: inside },
    { op: 'close', label: vc.ops.close, hint: vc.ops.closeHint, danger: true, show: inside },
  ];
  return (
    <div>
      <p class="muted">{vc.unit.opsHint}</p>
      <ul class="c-cards">
        {ops
          .filter((o) => o.show)
          .map((o) => (
            <li key={o.op} class="c-card c-op">
              <div class="c-card-main">
                <p class="c-card-title">{o.label}</p>
                <p class="muted small">{o.hint}</p>
              </div>
              <button
                type="button"
                class={o.danger ? 'btn btn-secondary c-btn-danger' : 'btn btn-secondary'}
                onClick={() => onOpen(o.op)}
              >
                {o.label}…
              </button>
            </li>
          ))}
      </ul>
      {!inside && <p class="alert alert-info">{vc.ops.notOwnScope}</p>}
    </div>
  );
}

function UnitView({ unit, tab, reload }: { unit: UnitDetail; tab: Tab; reload: () => void }) {
  const [op, setOp] = useState<OpKind | null>(null);
  const [version, setVersion] = useState(0);
  const inside = useStrictlyInside(unit);
  const cellLike = holdsMembers(unit.kind);
  const manage = unit.can_manage && !unit.closed;
  const setTab = (t: Tab) => navigate(`${unitHref(unit.id)}?tab=${t}`, { replace: true });
  const refresh = () => {
    setOp(null);
    setVersion((v) => v + 1);
    reload();
  };
  const subtree = unit.subtree;
  const below = Math.max(0, (subtree?.unit_count ?? 1) - 1);
  const tabs = [
    { id: 'members' as const, label: vc.unit.tabMembers },
    { id: 'positions' as const, label: vc.unit.tabPositions },
    { id: 'children' as const, label: vc.unit.tabChildren },
    { id: 'history' as const, label: vc.unit.tabHistory },
    ...(manage ? [{ id: 'changes' as const, label: vc.unit.operations }] : []),
  ];
  const current: Tab = tab === 'changes' && !manage ? 'members' : tab;

  return (
    <Frame
      wide
      title={unit.name}
      crumbs={unit.ancestors.map((a) => ({ href: unitHref(a.id), label: a.name }))}
      lead={
        <p class="c-unit-kind">
          <span class="badge c-badge-kind">{unit.kind_label}</span>
          <span class="mono">{unit.code}</span>
          <span class="muted">
            {vc.unit.since} {ddmmyyyy(unit.valid_from)}
            {unit.valid_to ? ` · ${vc.unit.until} ${ddmmyyyy(unit.valid_to)}` : ''}
          </span>
          {unit.closed && <span class="badge c-badge-closed">{unit.merged_into ? vc.mergedBadge : vc.closedBadge}</span>}
        </p>
      }
    >
      {unit.closed && (
        <div class="alert alert-warning">
          <p>{vc.unit.closedNote(ddmmyyyy(unit.valid_to))}</p>
          {unit.merged_into && (
            <Link class="btn btn-secondary" href={unitHref(unit.merged_into)}>
              {vc.unit.mergedInto}
            </Link>
          )}
        </div>
      )}

      <dl class="c-stats">
        {(cellLike || unit.member_count > 0) && (
          <Stat
            label={vc.unit.directMembers}
            value={memberCount(unit.member_count)}
            detail={`${vc.unit.official} ${unit.official_count} · ${vc.unit.probationary} ${unit.probationary_count}`}
          />
        )}
        {subtree && !cellLike && (
          <Stat
            label={vc.unit.subtreeMembers}
            value={memberCount(subtree.member_count)}
            detail={`${vc.unit.official} ${subtree.official_count} · ${vc.unit.probationary} ${subtree.probationary_count}`}
          />
        )}
        {below > 0 && <Stat label={vc.unit.subtreeUnits} value={unitCount(below)} />}
      </dl>

      <Tabs label={vc.unit.tabs} tabs={tabs} current={current} onChange={setTab} prefix="unit" />
      <TabPanel prefix="unit" id={current}>
        {current === 'members' && <MembersPanel unit={unit} version={version} />}
        {current === 'positions' && <PositionsPanel unit={unit} version={version} />}
        {current === 'children' && (
          <ChildrenPanel unit={unit} version={version} {...(manage && unit.kind !== 'group' ? { onCreate: () => setOp('create') } : {})} />
        )}
        {current === 'history' && <HistoryPanel unit={unit} version={version} />}
        {current === 'changes' && <ChangesPanel unit={unit} inside={inside} onOpen={setOp} />}
      </TabPanel>

      {op && <UnitOpDialog op={op} unit={unit} onClose={() => setOp(null)} onDone={refresh} />}
    </Frame>
  );
}

export default function UnitPage({ params, query }: RouteProps) {
  const id = Number(params.id);
  const result = useApi((signal) => api.get('/units/{id}', { path: { id }, signal }), [id]);
  const asked = query.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'members';
  if (!Number.isInteger(id) || id <= 0) return <p class="alert alert-error">{vi.notFound.body}</p>;
  return (
    <ApiState result={result}>
      {(unit) => (unit.id === id ? <UnitView key={unit.id} unit={unit} tab={tab} reload={result.reload} /> : <Loading />)}
    </ApiState>
  );
}
