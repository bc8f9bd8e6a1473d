// The audit log (admins, within their scope): who did what and when, filtered by action, object
// and dates, paged backwards with `before`; each entry's before/after shown field by field in
// Vietnamese with the changed fields highlighted.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { ApiState } from '../../components/ApiState';
import { FormError } from '../../components/Field';
import { EmptyState } from '../../components/Loading';
import { formatDateTime, vi } from '../../i18n/vi';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, vc } from '../../i18n/vi-committee';
import { useApi } from '../../lib/use-api';
import { actionLabel, diffEntries, entityLabel, type DiffRow } from './audit-diff';
import { checkDate, dayEndUnix, dayStartUnix } from './dates';
import { Collapsible, DateField, Frame, MoreButton, SelectField } from './ui';

const t = vc.audit;
const LIMIT = 30;

interface Filters {
  action: string;
  entity: string;
  since: number | null;
  until: number | null;
}
const NO_FILTERS: Filters = { action: '', entity: '', since: null, until: null };

function DiffTable({ rows, caption }: { rows: DiffRow[]; caption?: string }) {
  return (
    <table class="c-table c-diff">
      {caption && <caption class="c-visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{t.field}</th>
          <th scope="col">{t.before}</th>
          <th scope="col">{t.after}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} class={r.changed ? 'c-changed' : undefined}>
            <th scope="row">{r.label}</th>
            <td data-label={t.before}>{r.changed ? <del>{r.before}</del> : r.before}</td>
            <td data-label={t.after}>{r.changed ? <mark>{r.after}</mark> : r.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Entry({ e }: { e: AuditEntry }) {
  const rows = diffEntries(e.before, e.after);
  const changed = rows.filter((r) => r.changed);
  const same = rows.filter((r) => !r.changed);
  return (
    <li class="c-audit">
      <div class="c-audit-head">
        <strong class="c-audit-action">{actionLabel(e.action)}</strong>
        <time class="muted" dateTime={e.at}>
          {formatDateTime(e.at)}
        </time>
      </div>
      <p class="small c-audit-meta">
        {t.by}: <span class="mono">{e.actor_login || t.system}</span>
        {' · '}
        {entityLabel(e.entity)}
        {e.entity_id !== null ? ` #${e.entity_id}` : ''}
        {e.ip && (
          <>
            {' · '}
            {t.ip} <span class="mono">{e.ip}</span>
          </>
        )}
      </p>
      {rows.length === 0 ? (
        <p class="muted small">{t.noDetails}</p>
      ) : (
        <>
          {changed.length > 0 && <DiffTable rows={changed} caption={t.changes} />}
          {same.length > 0 && (
            <details class="c-unchanged">
              <summary>{t.unchanged(same.length)}</summary>
              <DiffTable rows={same} />
            </details>
          )}
        </>
      )}
    </li>
  );
}

export default function AuditLog() {
  const [action, setAction] = useState('');
  const [entity, setEntity] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);

  const fetchPage = (before: number | null, signal?: AbortSignal) =>
    api.get('/audit', {
      query: {
        limit: LIMIT,
        ...(filters.action ? { action: filters.action } : {}),
        ...(filters.entity ? { entity: filters.entity } : {}),
        ...(filters.since !== null ? { since: filters.since } : {}),
        ...(filters.until !== null ? { until: filters.until } : {}),
        ...(before !== null ? { before } : {}),
      },
      ...(signal ? { signal } : {}),
    });
  const first = useApi((signal) => fetchPage(null, signal), [filters]);
  const [more, setMore] = useState<{ entries: AuditEntry[]; next: number | null } | null>(null);
  const [moreLoading, setMoreLoading] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  useEffect(() => {
    setMore(null);
    setMoreError(null);
  }, [first.data]);

  async function loadMore(before: number) {
    setMoreLoading(true);
    setMoreError(null);
    try {
      const page = await fetchPage(before);
      setMore((m) => ({ entries: [...(m?.entries ?? []), ...page.entries], next: page.next_before }));
    } catch (err) {
      setMoreError(err instanceof Error ? err.message : vi.errors.generic);
    } finally {
      setMoreLoading(false);
    }
  }

  function apply(e: Event) {
    e.preventDefault();
    const msgs = { requiredMessage: '', invalidMessage: vc.dateInvalid };
    const s = checkDate(since, { required: false, ...msgs });
    const u = checkDate(until, { required: false, ...msgs });
    const next: Record<string, string> = {};
    if (s.error) next.since = s.error;
    if (u.error) next.until = u.error;
    if (!next.since && !next.until && s.iso && u.iso && u.iso < s.iso) next.until = t.rangeInvalid;
    setErrors(next);
    if (Object.keys(next).length) return;
    setFilters({
      action,
      entity,
      since: s.iso ? dayStartUnix(s.iso) : null,
      until: u.iso ? dayEndUnix(u.iso) : null,
    });
  }
  function clear() {
    setAction('');
    setEntity('');
    setSince('');
    setUntil('');
    setErrors({});
    setFilters(NO_FILTERS);
  }

  const summary = [
    filters.action ? actionLabel(filters.action) : '',
    filters.entity ? entityLabel(filters.entity) : '',
    since && filters.since !== null ? `${t.since.toLowerCase()} ${since}` : '',
    until && filters.until !== null ? `${t.until.toLowerCase()} ${until}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Frame wide title={vi.committee.audit} lead={<p class="muted">{vi.committee.auditHint}</p>}>
      <form class="card c-audit-form" onSubmit={apply} noValidate aria-label={t.filters}>
        <Collapsible label={t.filters} summary={summary}>
          <div class="c-audit-filters">
            <SelectField
              label={t.action}
              name="action"
              value={action}
              onValue={setAction}
              options={[{ value: '', label: vc.all }, ...Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))]}
            />
            <SelectField
              label={t.entity}
              name="entity"
              value={entity}
              onValue={setEntity}
              options={[{ value: '', label: vc.all }, ...Object.entries(AUDIT_ENTITIES).map(([value, label]) => ({ value, label }))]}
            />
            <DateField label={t.since} name="since" value={since} onValue={setSince} error={errors.since} hint={vc.dateHintShort} />
            <DateField label={t.until} name="until" value={until} onValue={setUntil} error={errors.until} hint={vc.dateHintShort} />
            <div class="actions c-filter-actions">
              <button type="submit" class="btn btn-primary">
                {t.apply}
              </button>
              <button type="button" class="btn btn-secondary" onClick={clear}>
                {t.reset}
              </button>
            </div>
          </div>
        </Collapsible>
      </form>
      <ApiState result={first}>
        {(page) => {
          const entries = [...page.entries, ...(more?.entries ?? [])];
          const next = more ? more.next : page.next_before;
          if (entries.length === 0) return <EmptyState title={t.empty} />;
          return (
            <>
              <ol class="c-audit-list" aria-busy={first.loading ? 'true' : 'false'}>
                {entries.map((e) => (
                  <Entry key={e.id} e={e} />
                ))}
              </ol>
              <FormError message={moreError} />
              {next !== null && <MoreButton loading={moreLoading} onClick={() => void loadMore(next)} />}
            </>
          );
        }}
      </ApiState>
    </Frame>
  );
}
