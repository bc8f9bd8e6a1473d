// One notice (GET /inbox/{id}, which marks it read on the server): title, sender, time, the text
// with its line breaks, the linked documents, what was corrected or why it was recalled, and a big
// "Đã nhận" when the committee asks for acknowledgement (POST /notices/{id}/ack; it waits in the
// outbox when the phone is offline). A correction or recall heard live reloads the page.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, sendOrQueue } from '../../api/client';
import type { InboxItem } from '../../api/types';
import { vi } from '../../i18n/vi';
import { noticeWhen, vn } from '../../i18n/vi-notices';
import { flash } from '../../lib/flash';
import { dismissToast, noteAcked, noteOpened } from '../../lib/inbox';
import { live } from '../../lib/live';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { vnDateTimeText } from '../../lib/vn-time';
import { documentHref, PATHS } from '../../paths';
import type { RouteProps } from '../../routes';
import { FileLinks } from '../../components/FileLinks';
import { Glyph } from '../library/parts';
import { ReadingPage } from '../library/ReadingPage';
import { NoticeBadges, PushOffer } from './parts';

function AckBox({ item, onAcked }: { item: InboxItem; onAcked: (at: number) => void }) {
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = Date.now() / 1000;
  const late = item.ack_deadline !== null && item.ack_deadline < now;

  async function ack() {
    setBusy(true);
    setError(null);
    try {
      const r = await sendOrQueue('post', '/notices/{id}/ack', { path: { id: item.id } }, vn.view.ackLabel);
      noteAcked();
      if (r.queued) {
        setQueued(true);
        flash(vn.view.ackQueued, 'info');
      } else {
        flash(vn.view.ackDone, 'success');
        onAcked(r.data.acked_at);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : vi.errors.generic);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="ack-box" aria-labelledby="ack-title">
      <p id="ack-title" class="ack-ask">
        {vn.view.askAck}
      </p>
      {item.ack_deadline !== null && (
        <p class={late ? 'ack-deadline is-late' : 'ack-deadline'}>
          {late ? vn.view.deadlinePassed(vnDateTimeText(item.ack_deadline)) : vn.view.deadline(vnDateTimeText(item.ack_deadline))}
        </p>
      )}
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {queued ? (
        <p class="alert alert-info" role="status">
          {vn.view.ackQueued}
        </p>
      ) : (
        <button type="button" class="btn btn-primary btn-block btn-large" disabled={busy} onClick={() => void ack()}>
          <Glyph name="check" />
          <span>{busy ? vn.view.acking : vn.view.ack}</span>
        </button>
      )}
    </section>
  );
}

function History({ item }: { item: InboxItem }) {
  const history = item.history ?? [];
  if (history.length < 2) return null;
  return (
    <details class="card notice-history">
      <summary>
        <h2 class="notice-history-title">{vn.view.history}</h2>
      </summary>
      <ol class="notice-history-list">
        {history.map((h) => (
          <li key={`${h.version}-${h.change}-${h.changed_at}`}>
            <p>
              <strong>{vn.view.historyItem[h.change] ?? h.change}</strong> — {vnDateTimeText(h.changed_at)}
            </p>
            {h.note && h.change !== 'sent' && <p>{vn.view.historyNote[h.change](h.note)}</p>}
            {h.change !== 'recalled' && (h.body !== item.body || h.title !== item.title) && (
              <details class="notice-history-text">
                <summary>{vn.view.historyText}</summary>
                <p class="notice-history-old-title">{h.title}</p>
                <div class="notice-body">{h.body}</div>
              </details>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

function Notice({ item, onAcked }: { item: InboxItem; onAcked: (at: number) => void }) {
  const recalled = item.recalled_at !== null;
  const [justAcked, setJustAcked] = useState(false);
  useEffect(() => {
    const before = document.title;
    document.title = `${item.title} · ${vi.app.shortName}`;
    return () => {
      document.title = before;
    };
  }, [item.title]);
  return (
    <article class={item.priority === 'urgent' ? 'notice is-urgent' : 'notice'} aria-labelledby="notice-title">
      <p class="badges notice-badges">
        <NoticeBadges item={item} withAcked />
      </p>
      <h1 id="notice-title" tabIndex={-1}>
        {item.title}
      </h1>
      <p class="notice-sent">{vn.view.sentLine(item.sender.name, noticeWhen(item.sent_at))}</p>
      {recalled && (
        <div class="alert alert-warning notice-recalled" role="status">
          <p class="notice-recalled-title">{vn.view.recalledTitle}</p>
          <p>{item.recall_reason ? vn.view.recalledReason(item.recall_reason) : vn.view.recalledNoReason}</p>
          <p class="small">{vn.view.recalledAt(vnDateTimeText(item.recalled_at!))}</p>
        </div>
      )}
      {!recalled && item.version > 1 && <p class="alert alert-info">{vn.view.correctedNote}</p>}
      <div class={recalled ? 'notice-body is-recalled' : 'notice-body'}>{item.body}</div>
      {item.documents.length > 0 && (
        <section class="notice-documents" aria-labelledby="notice-docs-title">
          <h2 id="notice-docs-title">{vn.view.documents}</h2>
          <ul class="link-list">
            {item.documents.map((d) => (
              <li key={d.id}>
                <Link href={documentHref(d.id)}>{d.number ? `${d.number} — ${d.title}` : d.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* Notices kept on the phone from before files existed have none. */}
      {(item.files ?? []).length > 0 && (
        <section class="notice-documents" aria-labelledby="notice-files-title">
          <h2 id="notice-files-title">{vn.view.files}</h2>
          <FileLinks files={item.files} label={vn.view.download} />
        </section>
      )}
      {item.require_ack && !recalled && item.acked_at === null && (
        <AckBox
          item={item}
          onAcked={(at) => {
            setJustAcked(true);
            onAcked(at);
          }}
        />
      )}
      {item.require_ack && item.acked_at !== null && (
        <p class="read-done" role="status" data-testid="acked">
          <Glyph name="check" />
          <span>{vn.view.acked(vnDateTimeText(item.acked_at))}</span>
        </p>
      )}
      <PushOffer moment={justAcked} />
      <History item={item} />
      <p class="center notice-back">
        <Link class="btn btn-secondary" href={PATHS.notices}>
          {vn.view.back}
        </Link>
      </p>
    </article>
  );
}

export default function NoticeView({ params }: RouteProps) {
  const id = Number(params.id);
  const result = useApi(
    (signal) =>
      api.get('/inbox/{id}', { path: { id }, signal }).then((item) => {
        noteOpened(item.id);
        return item;
      }),
    [id],
  );
  useEffect(() => {
    dismissToast(String(id));
    return live.subscribe((ev) => {
      if (ev.type === 'notice' && ev.notice.id === id && ev.event !== 'reminded') {
        dismissToast(String(id));
        result.reload();
      }
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  return (
    <ReadingPage id={id} result={result} pageClass="notices" back={PATHS.notices} backLabel={vn.view.back}>
      {(item) => <Notice key={item.id} item={item} onAcked={(at) => result.setData({ ...item, acked_at: at })} />}
    </ReadingPage>
  );
}
