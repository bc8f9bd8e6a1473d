// Following up a notice: for one unit (the sender's by default, ?unit= after drilling down) how
// many recipients have it delivered, read and acknowledged, as numbers and bars (the pieces of the
// reading statistics), one bar per child unit (tap to open it, the levels above as breadcrumbs),
// the list of who has not acknowledged (or not read) yet, and what can still be done: correct,
// recall, or cancel a scheduled one. The numbers refresh every 5 seconds while the page is shown,
// so an acknowledgement appears while the committee watches.
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { NoticeDetail, NoticeFile, NoticePending, NoticeStats as Stats } from '../../api/types';
import { Field, FormError } from '../../components/Field';
import { ApiState } from '../../components/ApiState';
import { FileLinks } from '../../components/FileLinks';
import { POSITION_LABELS, vc } from '../../i18n/vi-committee';
import { timeText } from '../../i18n/vi-editor';
import { documentHref } from '../../paths';
import { flash } from '../../lib/flash';
import { Link } from '../../lib/router';
import { vnDateTimeText } from '../../lib/vn-time';
import type { RouteProps } from '../../routes';
import NotAllowed from '../NotAllowed';
import { TextArea } from './EditorUi';
import { MAX_NOTICE_FILES, NoticeComposerFiles } from './NoticeComposerFiles';
import { formatPercent, percentOf } from './ReadingStatsMath';
import { NoticeBadges, noticeStatsHref, noticeTimeText } from './notice-ui';
import { COMMITTEE_PATHS } from './routes';
import { PeopleTable, RateBar, usePolling } from './stats-ui';
import { Check, Dialog, DialogButtons, Frame, WillChange, useSubmit } from './ui';

const t = vc.notices;
export const NOTICE_REFRESH_MS = 5_000;

type Metric = 'delivered' | 'read' | 'acked';

const METRIC_LABEL: Record<Metric, string> = { delivered: t.delivered, read: t.read, acked: t.acked };

function metricsOf(n: Pick<NoticeDetail, 'require_ack'>): Metric[] {
  return n.require_ack ? ['delivered', 'read', 'acked'] : ['delivered', 'read'];
}

// The number that matters most: acknowledged when it was asked for, else read.
const mainMetric = (n: Pick<NoticeDetail, 'require_ack'>): Metric => (n.require_ack ? 'acked' : 'read');

function Summary({ notice, stats }: { notice: NoticeDetail; stats: Stats }) {
  const c = stats.counts;
  return (
    <section class="card e-rate n-summary" aria-labelledby="n-summary-title">
      <h2 id="n-summary-title" class="e-rate-unit">
        {stats.unit.name}
      </h2>
      <p class="muted">{c.recipients > 0 ? t.recipients(c.recipients) : t.noRecipients0}</p>
      <dl class="n-metrics">
        {metricsOf(notice).map((m) => {
          const pct = percentOf(c[m], c.recipients);
          return (
            <div key={m} class={m === mainMetric(notice) ? 'n-metric is-main' : 'n-metric'}>
              <dt>{METRIC_LABEL[m]}</dt>
              <dd>
                <span class="n-metric-pct" data-testid={`pct-${m}`}>
                  {formatPercent(pct)}
                </span>
                <span class="n-metric-of" data-testid={`count-${m}`}>
                  {t.rateOf(c[m], c.recipients)}
                </span>
                <RateBar pct={pct} />
              </dd>
            </div>
          );
        })}
      </dl>
      {notice.require_ack && notice.ack_deadline !== null && <p class="e-deadline">{t.ackDeadlineLine(vnDateTimeText(notice.ack_deadline))}</p>}
      {notice.require_ack && notice.priority === 'urgent' && (
        <p class="muted small">
          {t.reminders(
            notice.reminders_sent,
            notice.last_reminded_at ? vnDateTimeText(notice.last_reminded_at) : null,
            notice.next_reminder_at ? vnDateTimeText(notice.next_reminder_at) : null,
          )}
        </p>
      )}
    </section>
  );
}

function Children({ notice, stats }: { notice: NoticeDetail; stats: Stats }) {
  const m = mainMetric(notice);
  const rows = stats.children
    .map((ch) => ({ ...ch, pct: percentOf(ch.counts[m], ch.counts.recipients) }))
    .filter((ch) => ch.counts.recipients > 0)
    .sort((a, b) => a.pct - b.pct || a.unit.name.localeCompare(b.unit.name, 'vi'));
  if (rows.length === 0) return null;
  return (
    <section class="card e-children" aria-labelledby="n-children-title">
      <h2 id="n-children-title">{t.children}</h2>
      <p class="hint">{t.childrenHint}</p>
      <ul class="e-bars">
        {rows.map((ch) => (
          <li key={ch.unit.id}>
            <Link
              class="e-bar-row"
              href={noticeStatsHref(notice.id, ch.unit.id)}
              aria-label={t.barLabel(ch.unit.name, formatPercent(ch.pct), ch.counts[m], ch.counts.recipients, METRIC_LABEL[m])}
            >
              <span class="e-bar-name">{ch.unit.name}</span>
              <span class="e-bar-value">
                <strong>{formatPercent(ch.pct)}</strong> <span class="muted small">({ch.counts[m]}/{ch.counts.recipients})</span>
              </span>
              <RateBar pct={ch.pct} />
              <span class="n-bar-counts muted small">{t.countsLine(ch.counts, notice.require_ack)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Person = NoticePending['members'][number];

function Pending({ pending }: { pending: NoticePending }) {
  const ack = pending.what === 'ack';
  const list = pending.members;
  return (
    <section class="card e-not-read n-pending" aria-labelledby="n-pending-title">
      <h2 id="n-pending-title">{ack ? t.pendingAck(pending.total) : t.pendingRead(pending.total)}</h2>
      {pending.total === 0 ? (
        <p class="alert alert-success">{ack ? t.pendingEmptyAck : t.pendingEmptyRead}</p>
      ) : (
        <>
          {list.length < pending.total && <p class="muted small">{t.pendingShown(list.length, pending.total)}</p>}
          <PeopleTable
            rows={list}
            nameLabel={t.colName}
            unitLabel={t.colUnit}
            extra={[
              ...(ack ? [{ label: t.colRead, cell: (m: Person) => (m.read_at ? vnDateTimeText(m.read_at) : t.notOpened) }] : []),
              { label: t.colReminded, cell: (m: Person) => (m.reminded_at ? vnDateTimeText(m.reminded_at) : vc.none) },
            ]}
          />
        </>
      )}
    </section>
  );
}

function audienceLines(n: NoticeDetail): string[] {
  const a = n.audience;
  const out: string[] = [];
  if (a.units.length) out.push(t.audienceUnits(a.units.map((u) => u.name)));
  if (a.roles.length) out.push(t.audienceRoles(a.roles.map((r) => POSITION_LABELS[r] ?? r)));
  if (a.members.length) out.push(t.audienceMembers(a.members.map((m) => m.full_name)));
  return out.length ? out : [t.audienceAll];
}

function Content({ notice }: { notice: NoticeDetail }) {
  const history = notice.history ?? [];
  return (
    <section class="card n-content" aria-labelledby="n-content-title">
      <h2 id="n-content-title">{t.sentText}</h2>
      {notice.recall_reason && <p class="alert alert-warning">{t.recallReason(notice.recall_reason)}</p>}
      <div class="n-body">{notice.body}</div>
      <h3 class="c-h-small">{t.audienceLine}</h3>
      <ul class="c-plain-list">
        {audienceLines(notice).map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      {notice.documents.length > 0 && (
        <>
          <h3 class="c-h-small">{t.documents}</h3>
          <ul class="c-plain-list">
            {notice.documents.map((d) => (
              <li key={d.id}>
                <Link href={documentHref(d.id)}>{d.number ? `${d.number} — ${d.title}` : d.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {notice.files.length > 0 && (
        <>
          <h3 class="c-h-small">{t.files}</h3>
          <FileLinks files={notice.files} label={t.fileDownload} />
        </>
      )}
      {notice.sender_name && <p class="muted small">{t.sentBy(notice.sender_name)}</p>}
      {history.length > 1 && (
        <>
          <h3 class="c-h-small">{t.history}</h3>
          <ol class="c-plain-list n-history">
            {history.map((h) => (
              <li key={`${h.version}-${h.change}-${h.changed_at}`}>
                <strong>{t.historyItem[h.change] ?? h.change}</strong> — {vnDateTimeText(h.changed_at)}
                {h.note && <span class="c-block muted small">{h.note}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

type Action = 'correct' | 'recall' | 'cancel' | 'remind';

function ActionDialog({ action, notice, onClose, onDone }: { action: Action; notice: NoticeDetail; onClose: () => void; onDone: () => void }) {
  const s = useSubmit();
  const [title, setTitle] = useState(notice.title);
  const [body, setBody] = useState(notice.body);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [files, setFiles] = useState<NoticeFile[]>([]);
  const [removed, setRemoved] = useState<number[]>([]);
  const [uploading, setUploading] = useState(false);
  const path = { id: notice.id };

  async function confirm() {
    if (uploading) return s.fail({ files: t.filesUploading });
    if (action === 'correct' && !note.trim()) return s.fail({ note: t.noteRequired });
    if (action === 'correct' && !body.trim()) return s.fail({ body: t.bodyRequired });
    if (action === 'recall' && !reason.trim()) return s.fail({ reason: t.reasonRequired });
    const r = await s.run<unknown>(() =>
      action === 'correct'
        ? api.post('/notices/{id}/correct', {
            path,
            body: {
              title: title.trim() || notice.title,
              body: body.trim(),
              note: note.trim(),
              files: files.map((f) => f.id),
              remove_files: removed,
            },
          })
        : action === 'recall'
          ? api.post('/notices/{id}/recall', { path, body: { reason: reason.trim() } })
          : action === 'remind'
            ? api.post('/notices/{id}/remind', { path })
            : api.post('/notices/{id}/cancel', { path }),
    );
    if (!r.ok) return;
    const done =
      action === 'correct'
        ? t.correctedDone
        : action === 'recall'
          ? t.recalledDone
          : action === 'remind'
            ? t.remindedDone((r.value as { reminded: number }).reminded)
            : t.cancelledDone;
    flash(done, 'success');
    onDone();
  }

  const label = { correct: t.correct, recall: t.recall, cancel: t.cancel, remind: t.remind }[action];
  const titleText = { correct: t.correctTitle, recall: t.recallTitle, cancel: t.cancelTitle, remind: t.remindTitle }[action];
  const will =
    action === 'correct'
      ? t.correctConfirm(notice.counts.recipients)
      : action === 'recall'
        ? t.recallConfirm(notice.counts.recipients)
        : action === 'remind'
          ? t.remindConfirm(notice.counts.recipients - notice.counts.acked)
          : t.cancelConfirm(vnDateTimeText(notice.send_at));
  return (
    <Dialog
      title={titleText}
      onClose={onClose}
      failures={s.failures}
      footer={
        <DialogButtons
          pending={s.pending}
          label={label}
          danger={action === 'recall' || action === 'cancel'}
          onConfirm={() => void confirm()}
          onCancel={onClose}
        />
      }
    >
      <FormError message={s.error} />
      {action === 'correct' && (
        <>
          <p class="hint">{t.correctIntro}</p>
          <Field label={t.newTitle} value={title} onValue={setTitle} error={s.fieldError('title', title)} maxLength={300} />
          <TextArea label={t.newBody} value={body} onValue={setBody} error={s.fieldError('body', body)} rows={6} />
          <Field label={t.note} value={note} onValue={setNote} hint={t.noteHint} error={s.fieldError('note', note)} />
          {notice.files.length > 0 && (
            <fieldset class={s.fieldError('remove_files', removed) ? 'e-fieldset n-sent-files has-error' : 'e-fieldset n-sent-files'}>
              <legend>{t.sentFiles}</legend>
              <p class="hint">{t.sentFilesHint}</p>
              {notice.files.map((f) => (
                <Check
                  key={f.id}
                  label={t.removeSentFile(f.file_name)}
                  checked={removed.includes(f.id)}
                  onChange={(on) => setRemoved(on ? [...removed, f.id] : removed.filter((id) => id !== f.id))}
                />
              ))}
              {s.fieldError('remove_files', removed) && <p class="field-error">{s.fieldError('remove_files', removed)}</p>}
            </fieldset>
          )}
          <NoticeComposerFiles
            files={files}
            onChange={setFiles}
            onBusy={setUploading}
            error={s.fieldError('files', files)}
            title={t.correctFiles}
            max={MAX_NOTICE_FILES - notice.files.length + removed.length}
          />
        </>
      )}
      {action === 'recall' && <TextArea label={t.reason} value={reason} onValue={setReason} hint={t.reasonHint} error={s.fieldError('reason', reason)} rows={3} />}
      <WillChange text={will} />
    </Dialog>
  );
}

function View({ id, unit }: { id: number; unit: number | null }) {
  const poll = usePolling(
    async (signal) => {
      const notice = await api.get('/notices/{id}', { path: { id }, signal });
      if (notice.state === 'scheduled' || notice.state === 'cancelled') return { notice, stats: null, pending: null };
      const q = unit ? { unit } : {};
      const [stats, pending] = await Promise.all([
        api.get('/notices/{id}/stats', { path: { id }, query: q, signal }),
        api.get('/notices/{id}/pending', { path: { id }, query: { ...q, what: notice.require_ack ? 'ack' : 'read' }, signal }),
      ]);
      return { notice, stats, pending };
    },
    [id, unit],
    NOTICE_REFRESH_MS,
  );
  return <ApiState result={poll}>{(data) => <Loaded data={data} poll={poll} />}</ApiState>;
}

type Poll = ReturnType<typeof usePolling<{ notice: NoticeDetail; stats: Stats | null; pending: NoticePending | null }>>;

function Loaded({ data, poll }: { data: NonNullable<Poll['data']>; poll: Poll }) {
  const [action, setAction] = useState<Action | null>(null);
  const { notice, stats, pending } = data;
  const live = notice.state === 'sent' || notice.state === 'sending';
  const crumbs = stats ? stats.breadcrumbs.filter((b) => b.id !== stats.unit.id) : [];

  return (
    <Frame
      title={notice.title}
      crumbs={[{ href: COMMITTEE_PATHS.notices, label: t.title }]}
      lead={
        <p class="n-lead">
          <NoticeBadges n={notice} />
          <span>{noticeTimeText(notice)}</span>
          <span class="muted">{t.from(notice.sender.name)}</span>
        </p>
      }
      wide
    >
      {crumbs.length > 0 && stats && (
        <nav class="e-trail" aria-label={t.trail}>
          <ol>
            {crumbs.map((b) => (
              <li key={b.id}>
                <Link href={noticeStatsHref(notice.id, b.id)}>{b.name}</Link>
              </li>
            ))}
            <li aria-current="page">{stats.unit.name}</li>
          </ol>
        </nav>
      )}
      <div class="e-stats-grid">
        {stats ? <Summary notice={notice} stats={stats} /> : <Content notice={notice} />}
        <section class="card e-stats-actions" aria-label={t.actions}>
          <div class="actions e-actions-column">
            {notice.state === 'sent' &&
              notice.recalled_at === null &&
              notice.require_ack &&
              notice.counts.acked < notice.counts.recipients && (
                <button type="button" class="btn btn-primary" onClick={() => setAction('remind')}>
                  {t.remind}
                </button>
              )}
            {live && notice.recalled_at === null && (
              <>
                <button type="button" class="btn btn-secondary" onClick={() => setAction('correct')}>
                  {t.correct}
                </button>
                <button type="button" class="btn btn-secondary c-btn-danger" onClick={() => setAction('recall')}>
                  {t.recall}
                </button>
              </>
            )}
            {notice.state === 'scheduled' && (
              <button type="button" class="btn btn-secondary c-btn-danger" onClick={() => setAction('cancel')}>
                {t.cancel}
              </button>
            )}
            <button type="button" class="btn btn-secondary" onClick={poll.refresh}>
              {t.refresh}
            </button>
          </div>
          {poll.error && <p class="field-error">{poll.error.message}</p>}
          <p class="muted small e-refreshed">{poll.at ? t.refreshed(timeText(poll.at)) : ''}</p>
        </section>
      </div>
      {stats && <Children notice={notice} stats={stats} />}
      {pending && <Pending pending={pending} />}
      {stats && <Content notice={notice} />}
      {action && (
        <ActionDialog
          action={action}
          notice={notice}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            poll.refresh();
          }}
        />
      )}
    </Frame>
  );
}

export default function NoticeStats({ params, query }: RouteProps) {
  const id = Number(params.id);
  const unitParam = Number(query.get('unit'));
  const unit = Number.isInteger(unitParam) && unitParam > 0 ? unitParam : null;
  if (!Number.isInteger(id) || id <= 0) return <NotAllowed />;
  return <View key={`${id}-${unit}`} id={id} unit={unit} />;
}
