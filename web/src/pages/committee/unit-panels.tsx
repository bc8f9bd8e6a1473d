// The tabs of the unit page: members (filters, name search, paging, add), committee positions
// with terms (add, end), units directly below, and the unit's history.
import { useEffect, useState } from 'preact/hooks';
import { api, buildUrl } from '../../api/client';
import type { Member, MemberPage, Position, UnitDetail } from '../../api/types';
import { ApiState } from '../../components/ApiState';
import { Field, FormError } from '../../components/Field';
import { EmptyState, Loading } from '../../components/Loading';
import { formatDateTime } from '../../i18n/vi';
import {
  CHANGE_LABELS,
  POSITION_LABELS,
  STATUS_LABELS,
  confirmText,
  ddmmyyyy,
  vc,
} from '../../i18n/vi-committee';
import { flash } from '../../lib/flash';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { checkDate, todayIso, toInput } from './dates';
import { EMPTY_MEMBER, MemberFields, bodyOf, type MemberValues } from './member-form';
import { Check, Collapsible, DateField, Dialog, DialogButtons, MemberPicker, MoreButton, SelectField, WillChange, describeUnit, holdsMembers, importHref, memberHref, unitHref, useDebounced, useSubmit } from './ui';

const PAGE = 50;

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <span class={`badge badge-${status}`}>{label ?? STATUS_LABELS[status] ?? status}</span>;
}

// ---- members ----

const STATUS_FILTERS = [
  { value: 'official,probationary', label: vc.members.statusActive },
  { value: '', label: vc.all },
  { value: 'official', label: STATUS_LABELS.official! },
  { value: 'probationary', label: STATUS_LABELS.probationary! },
  { value: 'left', label: STATUS_LABELS.left! },
  { value: 'transferred', label: STATUS_LABELS.transferred! },
  { value: 'deceased', label: STATUS_LABELS.deceased! },
];

const POSITION_FILTERS = [
  { value: '', label: vc.members.positionAny },
  ...Object.entries(POSITION_LABELS).map(([value, label]) => ({ value, label })),
];

export function MembersPanel({ unit, version }: { unit: UnitDetail; version: number }) {
  const cellLike = holdsMembers(unit.kind);
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const [status, setStatus] = useState('official,probationary');
  const [position, setPosition] = useState('');
  // Committees have no members of their own: their list starts with the whole subtree.
  const [subtree, setSubtree] = useState(!cellLike);
  const [adding, setAdding] = useState(false);
  const [tick, setTick] = useState(0);

  const fetchPage = (cursor: string | null, signal?: AbortSignal) =>
    api.get('/units/{id}/members', {
      path: { id: unit.id },
      query: {
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
        ...(status ? { status } : {}),
        ...(position ? { position } : {}),
        ...(query ? { q: query } : {}),
        ...(subtree ? { subtree: '1' } : {}),
      },
      ...(signal ? { signal } : {}),
    });

  const first = useApi((signal) => fetchPage(null, signal), [unit.id, query, status, position, subtree, version, tick]);
  const [more, setMore] = useState<MemberPage | null>(null);
  const [moreLoading, setMoreLoading] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  useEffect(() => {
    setMore(null);
    setMoreError(null);
  }, [first.data]);

  async function loadMore(cursor: string) {
    setMoreLoading(true);
    setMoreError(null);
    try {
      const page = await fetchPage(cursor);
      setMore((m) => ({ members: [...(m?.members ?? []), ...page.members], next_cursor: page.next_cursor }));
    } catch (e) {
      setMoreError(e instanceof Error ? e.message : String(e));
    } finally {
      setMoreLoading(false);
    }
  }

  const filtered = !!query || status !== 'official,probationary' || !!position;
  const filterSummary = [
    STATUS_FILTERS.find((f) => f.value === status)?.label ?? '',
    position ? (POSITION_LABELS[position] ?? '') : '',
    subtree && !cellLike ? '' : subtree ? vc.members.subtreeShort : '',
  ]
    .filter(Boolean)
    .join(', ');
  const canAdd = unit.can_edit_members && cellLike && !unit.closed;

  return (
    <div>
      <div class="c-list-head">
        {canAdd && (
          <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
            {vc.members.add}
          </button>
        )}
        {unit.can_edit_members && !unit.closed && (
          <Link class="btn btn-secondary" href={importHref(unit.id)}>
            {vc.unit.import}
          </Link>
        )}
        {!cellLike && unit.can_edit_members && !unit.closed && <p class="muted small c-grow">{vc.members.addOnlyCells}</p>}
      </div>
      <form class="c-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field
          label={vc.members.search}
          type="search"
          name="q"
          value={q}
          onValue={setQ}
          placeholder={vc.members.searchPlaceholder}
          autocomplete="off"
          spellcheck={false}
        />
        <Collapsible label={vc.filters} summary={filterSummary}>
          <div class="c-filter-grid">
            <SelectField label={vc.members.status} name="status" value={status} onValue={setStatus} options={STATUS_FILTERS} />
            <SelectField label={vc.members.position} name="position" value={position} onValue={setPosition} options={POSITION_FILTERS} />
            {(!cellLike || unit.child_count > 0 || (unit.subtree?.unit_count ?? 1) > 1) && (
              <div class="c-filter-check">
                <Check label={vc.members.subtree} checked={subtree} onChange={setSubtree} />
              </div>
            )}
          </div>
        </Collapsible>
      </form>
      <ApiState result={first}>
        {(page) => {
          const list = [...page.members, ...(more?.members ?? [])];
          const next = more ? more.next_cursor : page.next_cursor;
          if (list.length === 0)
            return <EmptyState title={filtered ? vc.members.empty : vc.members.emptyUnit} />;
          return (
            <>
              <p class="muted small" aria-live="polite">
                {first.loading ? <Loading /> : vc.members.shown(list.length, !!next)}
              </p>
              <MemberTable members={list} showUnit={subtree} />
              {moreError && (
                <p class="alert alert-error" role="alert">
                  {moreError}
                </p>
              )}
              {next && <MoreButton loading={moreLoading} onClick={() => void loadMore(next)} />}
              <ExportLinks unit={unit} />
            </>
          );
        }}
      </ApiState>
      {adding && (
        <AddMemberDialog
          unit={unit}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            setTick((t) => t + 1);
          }}
        />
      )}
    </div>
  );
}

// The whole list of the unit (and the units below it) as a file; not only what the filters show.
function ExportLinks({ unit }: { unit: UnitDetail }) {
  return (
    <div class="c-export">
      <span class="muted">{vc.unit.export}</span>
      <a class="btn btn-secondary" href={buildUrl('/units/{id}/export', { id: unit.id }, { format: 'xlsx' })} download>
        {vc.unit.exportXlsx}
      </a>
      <a class="btn btn-secondary" href={buildUrl('/units/{id}/export', { id: unit.id }, { format: 'csv' })} download>
        {vc.unit.exportCsv}
      </a>
    </div>
  );
}

function MemberTable({ members, showUnit }: { members: Member[]; showUnit: boolean }) {
  const m = vc.members;
  return (
    <table class="c-table c-member-table">
      <thead>
        <tr>
          <th scope="col">{m.colName}</th>
          <th scope="col">{m.colStatus}</th>
          <th scope="col">{m.colBirth}</th>
          <th scope="col">{m.colCard}</th>
          {showUnit && <th scope="col">{m.colUnit}</th>}
          <th scope="col">{m.colPhone}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((x) => (
          <tr key={x.id}>
            <th scope="row" class="c-cell-name">
              <Link href={memberHref(x.id)}>{x.full_name}</Link>
            </th>
            <td data-label={m.colStatus}>
              <StatusBadge status={x.status} label={x.status_label} />
            </td>
            <td data-label={m.colBirth}>{ddmmyyyy(x.birth_date) || vc.none}</td>
            <td data-label={m.colCard} class="mono">
              {x.card_number ?? vc.none}
            </td>
            {showUnit && <td data-label={m.colUnit}>{x.unit_name}</td>}
            <td data-label={m.colPhone}>{x.phone ?? vc.none}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddMemberDialog({ unit, onClose, onDone }: { unit: UnitDetail; onClose: () => void; onDone: () => void }) {
  const [values, setValues] = useState<MemberValues>(EMPTY_MEMBER);
  const s = useSubmit();
  async function submit(e: Event) {
    e.preventDefault();
    const r = await s.run(() => api.post('/units/{id}/members', { path: { id: unit.id }, body: bodyOf(values, { withStatus: true }) }));
    if (r.ok) {
      flash(vc.members.added(r.value.full_name), 'success');
      onDone();
    }
  }
  return (
    <Dialog
      failures={s.failures}
      title={vc.members.addTitle(unit.name)}
      onClose={onClose}
      footer={<DialogButtons pending={s.pending} label={vc.members.add} form="c-add-member" onCancel={onClose} />}
    >
      <form id="c-add-member" onSubmit={submit} noValidate>
        <FormError message={s.error} />
        <MemberFields values={values} onChange={setValues} errors={s.fieldErrors(values)} withStatus />
      </form>
    </Dialog>
  );
}

// ---- positions ----

export function canEditPositions(unit: UnitDetail): boolean {
  return !unit.closed && (unit.can_manage || (unit.can_edit_members && holdsMembers(unit.kind)));
}

export function PositionsPanel({ unit, version }: { unit: UnitDetail; version: number }) {
  const [ended, setEnded] = useState(false);
  const [tick, setTick] = useState(0);
  const [ending, setEnding] = useState<Position | null>(null);
  const [adding, setAdding] = useState(false);
  const result = useApi(
    (signal) => api.get('/units/{id}/positions', { path: { id: unit.id }, query: ended ? { include_ended: '1' } : {}, signal }),
    [unit.id, ended, version, tick],
  );
  const editable = canEditPositions(unit);
  const done = () => {
    setEnding(null);
    setAdding(false);
    setTick((t) => t + 1);
  };
  return (
    <div>
      <div class="c-list-head">
        <Check label={vc.positions.includeEnded} checked={ended} onChange={setEnded} />
        {editable && (
          <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
            {vc.positions.add}
          </button>
        )}
      </div>
      <ApiState result={result}>
        {(d) =>
          d.positions.length === 0 ? (
            <EmptyState title={vc.positions.empty} />
          ) : (
            <ul class="c-cards">
              {d.positions.map((p) => (
                <li key={p.id} class={p.term_to ? 'c-card c-ended' : 'c-card'}>
                  <div class="c-card-main">
                    <p class="c-card-title">
                      {p.position_label}
                      {p.term_to && <span class="badge c-badge-muted">{vc.positions.ended}</span>}
                    </p>
                    <p>
                      <Link href={memberHref(p.member_id)}>{p.member_name}</Link>
                    </p>
                    <p class="muted small">{vc.positions.term(ddmmyyyy(p.term_from), p.term_to ? ddmmyyyy(p.term_to) : null)}</p>
                  </div>
                  {editable && !p.term_to && (
                    <button type="button" class="btn btn-secondary" onClick={() => setEnding(p)} aria-label={`${vc.positions.end}: ${p.position_label} ${p.member_name}`}>
                      {vc.positions.end}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </ApiState>
      {ending && <EndTermDialog unit={unit} position={ending} onClose={() => setEnding(null)} onDone={done} />}
      {adding && <AddPositionDialog unit={unit} onClose={() => setAdding(false)} onDone={done} />}
    </div>
  );
}

function EndTermDialog({ unit, position, onClose, onDone }: { unit: UnitDetail; position: Position; onClose: () => void; onDone: () => void }) {
  const [date, setDate] = useState(toInput(todayIso()));
  const [tried, setTried] = useState(false);
  const s = useSubmit();
  const checked = checkDate(date, { required: true, requiredMessage: vc.dateRequired, invalidMessage: vc.dateInvalid });
  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!checked.iso) {
      s.fail();
      return;
    }
    const r = await s.run(() => api.post('/positions/{id}/end', { path: { id: position.id }, body: { date: checked.iso! } }));
    if (r.ok) {
      flash(vc.positions.endDone, 'success');
      onDone();
    }
  }
  return (
    <Dialog
      failures={s.failures}
      title={vc.positions.endTitle}
      onClose={onClose}
      footer={<DialogButtons pending={s.pending} label={vc.positions.end} form="c-end-term" onCancel={onClose} />}
    >
      <form id="c-end-term" onSubmit={submit} noValidate>
        <FormError message={s.error} />
        <DateField
          label={vc.positions.endDate}
          name="date"
          value={date}
          onValue={setDate}
          error={s.fieldError('term_to', date) ?? s.fieldError('date', date) ?? (tried ? checked.error : undefined)}
        />
        <WillChange
          text={checked.iso ? confirmText.endTerm(position.position_label, position.member_name, unit.name, checked.iso) : null}
        />
      </form>
    </Dialog>
  );
}

function AddPositionDialog({ unit, onClose, onDone }: { unit: UnitDetail; onClose: () => void; onDone: () => void }) {
  const [member, setMember] = useState<Member | null>(null);
  const [position, setPosition] = useState('committee_member');
  const [from, setFrom] = useState(toInput(todayIso()));
  const [to, setTo] = useState('');
  const [tried, setTried] = useState(false);
  const s = useSubmit();
  const fromChecked = checkDate(from, { required: true, requiredMessage: vc.dateRequired, invalidMessage: vc.dateInvalid });
  const toChecked = checkDate(to, { required: false, requiredMessage: '', invalidMessage: vc.dateInvalid });
  const label = POSITION_LABELS[position] ?? position;
  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!member || !fromChecked.iso || toChecked.error) {
      s.fail();
      return;
    }
    const body = {
      member_id: member.id,
      position,
      term_from: fromChecked.iso,
      ...(toChecked.iso ? { term_to: toChecked.iso } : {}),
    };
    const r = await s.run(() => api.post('/units/{id}/positions', { path: { id: unit.id }, body }));
    if (r.ok) {
      flash(vc.positions.added, 'success');
      onDone();
    }
  }
  return (
    <Dialog
      failures={s.failures}
      title={`${vc.positions.addTitle}: ${unit.name}`}
      onClose={onClose}
      footer={<DialogButtons pending={s.pending} label={vc.positions.add} form="c-add-position" onCancel={onClose} />}
    >
      <form id="c-add-position" onSubmit={submit} noValidate>
        <FormError message={s.error} />
        <MemberPicker
          unitId={unit.id}
          label={vc.memberPicker.label}
          value={member}
          onChange={setMember}
          error={s.fieldError('member_id', member) ?? (tried && !member ? vc.memberPicker.required : undefined)}
        />
        <SelectField
          label={vc.positions.position}
          name="position"
          value={position}
          onValue={setPosition}
          error={s.fieldError('position', position)}
          options={Object.entries(POSITION_LABELS).map(([value, l]) => ({ value, label: l }))}
        />
        <DateField label={vc.positions.termFrom} name="term_from" value={from} onValue={setFrom} error={s.fieldError('term_from', from) ?? (tried ? fromChecked.error : undefined)} />
        <DateField
          label={vc.positions.termTo}
          name="term_to"
          value={to}
          onValue={setTo}
          hint={`${vc.positions.termToHint} ${vc.dateHint}`}
          error={s.fieldError('term_to', to) ?? (tried ? toChecked.error : undefined)}
        />
        <WillChange text={member && fromChecked.iso ? confirmText.addPosition(label, member.full_name, unit.name, fromChecked.iso) : null} />
      </form>
    </Dialog>
  );
}

// ---- units below ----

export function ChildrenPanel({ unit, version, onCreate }: { unit: UnitDetail; version: number; onCreate?: () => void }) {
  const [closed, setClosed] = useState(false);
  const result = useApi(
    (signal) => api.get('/units/{id}/children', { path: { id: unit.id }, query: closed ? { include_closed: '1' } : {}, signal }),
    [unit.id, closed, version],
  );
  return (
    <div>
      <div class="c-list-head">
        <Check label={vc.children.includeClosed} checked={closed} onChange={setClosed} />
        {onCreate && (
          <button type="button" class="btn btn-primary" onClick={onCreate}>
            {vc.ops.create}
          </button>
        )}
      </div>
      <ApiState result={result}>
        {(d) =>
          d.units.length === 0 ? (
            <EmptyState title={vc.children.empty} />
          ) : (
            <ul class="c-results">
              {d.units.map((u) => (
                <li key={u.id}>
                  <Link href={unitHref(u.id)} class="c-result">
                    <span class="c-result-title">{u.name}</span>
                    <span class="c-result-desc">
                      {describeUnit(u)}
                      {u.child_count > 0 ? ` · ${vc.tree.childCount(u.child_count)}` : ''}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </ApiState>
    </div>
  );
}

// ---- history ----

export function HistoryPanel({ unit, version }: { unit: UnitDetail; version: number }) {
  const result = useApi((signal) => api.get('/units/{id}/history', { path: { id: unit.id }, signal }), [unit.id, version]);
  return (
    <ApiState result={result}>
      {(d) => {
        if (d.history.length === 0) return <EmptyState title={vc.history.empty} />;
        // Newest first: what changed last is what people come to check.
        const list = [...d.history].sort((a, b) =>
          a.valid_from === b.valid_from ? (a.at < b.at ? 1 : -1) : a.valid_from < b.valid_from ? 1 : -1,
        );
        return (
          <ol class="c-history">
            {list.map((v, i) => (
              <li key={`${v.valid_from}-${v.at}-${i}`} class="c-history-item">
                <p class="c-history-head">
                  <strong class="c-change">{CHANGE_LABELS[v.change] ?? v.change}</strong>
                  <span>
                    {vc.history.from} {ddmmyyyy(v.valid_from)}
                    {v.valid_to ? ` ${vc.history.to} ${ddmmyyyy(v.valid_to)}` : ` (${vc.history.current})`}
                  </span>
                </p>
                {v.note && v.note !== CHANGE_LABELS[v.change] && <p class="c-history-note">{v.note}</p>}
                <p class="muted small">
                  {vc.history.nameThen}: {v.name} · {v.kind_label} · {v.code}
                  <br />
                  {vc.history.recorded} {formatDateTime(v.at)}
                </p>
              </li>
            ))}
          </ol>
        );
      }}
    </ApiState>
  );
}

