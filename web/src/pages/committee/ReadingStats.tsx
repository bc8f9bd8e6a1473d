// Who has read a document, for one unit (the person's own by default, ?unit= after drilling down):
// the rate as a big number and a bar, one bar per child unit (tap to open it), the list of members
// who have not finished (for a cell or base committee in scope), "Nhắc người chưa đọc", "Tải Excel".
// The numbers refresh every 10 seconds while the page is visible, so a committee can watch the
// rate climb during a meeting.
import { useState } from 'preact/hooks';
import { ApiState } from '../../components/ApiState';
import { EmptyState } from '../../components/Loading';
import { ddmmyyyy, vc } from '../../i18n/vi-committee';
import { timeText, ve } from '../../i18n/vi-editor';
import { flash } from '../../lib/flash';
import { Link, navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { RouteProps } from '../../routes';
import { editorApi, type DocumentDetail, type ReadingStats as Stats } from './EditorApi';
import { childBars, daysUntil, formatPercent, notFinished, openedPercent, readPercent } from './ReadingStatsMath';
import { PeopleTable, RateBar, usePolling } from './stats-ui';
import { documentHref, readingHref } from './EditorUi';
import { RequireDialog, useMayRequire } from './ReadingStatsRequire';
import { COMMITTEE_PATHS } from './routes';
import { todayIso } from './dates';
import { Dialog, DialogButtons, Frame, WillChange, useSubmit } from './ui';

const t = ve.stats;
export const REFRESH_MS = 10_000;

// Unit names seen while drilling down, for the "Các cấp đã xem" links (ids are in the address).
const unitNames = new Map<number, string>();

function Summary({ stats }: { stats: Stats }) {
  const pct = readPercent(stats);
  const opened = openedPercent(stats);
  const today = todayIso();
  return (
    <section class="card e-rate" aria-labelledby="e-rate-title">
      <h2 id="e-rate-title" class="e-rate-unit">
        {stats.unit.name}
      </h2>
      {stats.members === 0 ? (
        <p class="muted">{t.noMembers}</p>
      ) : (
        <>
          <p class="e-rate-big">
            <span class="e-rate-number" data-testid="read-rate">
              {formatPercent(pct)}
            </span>
            <span class="e-rate-caption">{t.rateLabel}</span>
          </p>
          <RateBar pct={pct} />
          <p class="e-rate-detail">
            <strong>{t.rateOf(stats.reached_end, stats.members)}</strong>
          </p>
          <p class="muted small">
            {t.opened(stats.opened)} ({formatPercent(opened)}) · {t.notOpened(Math.max(0, stats.members - stats.opened))}
          </p>
        </>
      )}
      {stats.required ? (
        <p class={daysUntil(stats.required.deadline, today) < 0 ? 'e-deadline e-overdue' : 'e-deadline'}>
          {t.deadline(ddmmyyyy(stats.required.deadline))}
          {daysUntil(stats.required.deadline, today) < 0 && <span class="badge e-badge-overdue">{t.overdue}</span>}
        </p>
      ) : (
        <p class="muted">{t.notRequired}</p>
      )}
    </section>
  );
}

function Children({ stats, documentId, trail }: { stats: Stats; documentId: number; trail: number[] }) {
  const bars = childBars(stats);
  return (
    <section class="card e-children" aria-labelledby="e-children-title">
      <h2 id="e-children-title">{t.children}</h2>
      {bars.length === 0 ? (
        <p class="muted">{t.childrenEmpty}</p>
      ) : (
        <>
          <p class="hint">{t.childrenHint}</p>
          <ul class="e-bars">
            {bars.map((b) => (
              <li key={b.id}>
                <a
                  class="e-bar-row"
                  href={readingHref(documentId, b.id)}
                  aria-label={t.barLabel(b.name, b.text, b.readers, b.members)}
                  onClick={(e) => {
                    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    unitNames.set(stats.unit.id, stats.unit.name);
                    unitNames.set(b.id, b.name);
                    const nextTrail = [...trail, stats.unit.id].join(',');
                    navigate(`${readingHref(documentId, b.id)}&trail=${nextTrail}`);
                  }}
                >
                  <span class="e-bar-name">{b.name}</span>
                  <span class="e-bar-value">
                    <strong>{b.text}</strong> <span class="muted small">({b.readers}/{b.members})</span>
                  </span>
                  <RateBar pct={b.pct} />
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function NotRead({ stats }: { stats: Stats }) {
  if (stats.not_read === null) return <p class="muted e-not-read-hidden">{t.notReadHidden}</p>;
  const list = [...stats.not_read].sort((a, b) => a.unit_name.localeCompare(b.unit_name, 'vi') || a.full_name.localeCompare(b.full_name, 'vi'));
  return (
    <section class="card e-not-read" aria-labelledby="e-not-read-title">
      <h2 id="e-not-read-title">{t.notReadCount(list.length)}</h2>
      {list.length === 0 ? (
        <p class="alert alert-success">{t.notReadEmpty}</p>
      ) : (
        <PeopleTable rows={list} nameLabel={t.colName} unitLabel={t.colUnit} />
      )}
    </section>
  );
}

function RemindDialog({ stats, title, onClose, onDone }: { stats: Stats; title: string; onClose: () => void; onDone: (n: number) => void }) {
  const s = useSubmit();
  const count = stats.not_read ? stats.not_read.length : notFinished(stats);
  async function confirm() {
    const r = await s.run(() => editorApi.remind(stats.required!.id));
    if (r.ok) onDone(r.value.reminded);
  }
  return (
    <Dialog
      title={t.remindTitle}
      onClose={onClose}
      failures={s.failures}
      footer={<DialogButtons pending={s.pending} label={t.remind} onConfirm={() => void confirm()} onCancel={onClose} />}
    >
      {s.error && (
        <p class="alert alert-error" role="alert">
          {s.error}
        </p>
      )}
      <WillChange text={t.remindConfirm(count, stats.unit.name, title)} />
    </Dialog>
  );
}

function StatsView({ doc, unit, trail }: { doc: DocumentDetail; unit: number | null; trail: number[] }) {
  const poll = usePolling((signal) => editorApi.readingStats(doc.id, unit, signal), [doc.id, unit], REFRESH_MS);
  const [remind, setRemind] = useState(false);
  const [require, setRequire] = useState(false);
  const [reminded, setReminded] = useState<string | null>(null);
  const mayRequire = useMayRequire();
  return (
    <ApiState result={poll}>
      {(stats) => {
        unitNames.set(stats.unit.id, stats.unit.name);
        return (
          <>
            {trail.length > 0 && (
              <nav class="e-trail" aria-label={t.trail}>
                <ol>
                  {trail.map((id, i) => (
                    <li key={id}>
                      <Link href={readingHref(doc.id, id) + (i > 0 ? `&trail=${trail.slice(0, i).join(',')}` : '')}>
                        {unitNames.get(id) ?? `#${id}`}
                      </Link>
                    </li>
                  ))}
                  <li aria-current="page">{stats.unit.name}</li>
                </ol>
              </nav>
            )}
            <div class="e-stats-grid">
              <Summary stats={stats} />
              <section class="card e-stats-actions" aria-label={vc.unit.tools}>
                <div class="actions e-actions-column">
                  {stats.required ? (
                    mayRequire && (
                      <button type="button" class="btn btn-primary" onClick={() => setRemind(true)} disabled={notFinished(stats) === 0}>
                        {t.remind}
                      </button>
                    )
                  ) : (
                    doc.state === 'published' &&
                    mayRequire && (
                      <button type="button" class="btn btn-primary" onClick={() => setRequire(true)}>
                        {ve.documents.required}
                      </button>
                    )
                  )}
                  <a class="btn btn-secondary" href={editorApi.readingStatsXlsxUrl(doc.id, unit ?? stats.unit.id)} download>
                    {t.excel}
                  </a>
                  <button type="button" class="btn btn-secondary" onClick={poll.refresh}>
                    {t.refresh}
                  </button>
                </div>
                {reminded && (
                  <p class="alert alert-success" role="status">
                    {reminded}
                  </p>
                )}
                {poll.error && <p class="field-error">{poll.error.message}</p>}
                <p class="muted small e-refreshed">{poll.at ? t.refreshed(timeText(poll.at)) : ''}</p>
              </section>
            </div>
            <Children stats={stats} documentId={doc.id} trail={trail} />
            <NotRead stats={stats} />
            {remind && stats.required && (
              <RemindDialog
                stats={stats}
                title={doc.title}
                onClose={() => setRemind(false)}
                onDone={(n) => {
                  setRemind(false);
                  setReminded(t.reminded(n));
                  flash(t.reminded(n), 'success');
                }}
              />
            )}
            {require && (
              <RequireDialog
                document={{ id: doc.id, title: doc.title }}
                initialUnit={stats.unit}
                onClose={() => setRequire(false)}
                onDone={() => {
                  setRequire(false);
                  poll.refresh();
                }}
              />
            )}
          </>
        );
      }}
    </ApiState>
  );
}

export function parseTrail(text: string | null): number[] {
  if (!text) return [];
  return text
    .split(',')
    .map((x) => Number(x))
    .filter((x) => Number.isInteger(x) && x > 0)
    .slice(0, 12);
}

export default function ReadingStats({ params, query }: RouteProps) {
  const id = Number(params.id);
  const unitParam = Number(query.get('unit'));
  const unit = Number.isInteger(unitParam) && unitParam > 0 ? unitParam : null;
  const trail = parseTrail(query.get('trail'));
  const docResult = useApi((signal) => editorApi.document(id, signal), [id]);
  return (
    <ApiState result={docResult}>
      {(doc) => (
        <Frame
          title={t.title}
          crumbs={[{ href: COMMITTEE_PATHS.readingList, label: t.listTitle }]}
          lead={
            <p class="c-lead">
              {doc.number ? <span class="mono">{doc.number}</span> : null}
              {doc.number ? ' — ' : ''}
              {doc.can_edit ? <Link href={documentHref(doc.id)}>{doc.title}</Link> : doc.title}
            </p>
          }
          wide
        >
          {doc.state !== 'published' && <EmptyState title={ve.documents.requiredOnlyPublished} />}
          <StatsView key={`${unit}`} doc={doc} unit={unit} trail={trail} />
        </Frame>
      )}
    </ApiState>
  );
}
