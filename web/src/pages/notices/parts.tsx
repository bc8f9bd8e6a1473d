// Pieces of the member's notice screens: the badges a notice carries (Khẩn, Cần xác nhận, Đã thu
// hồi, Đã đính chính) and the card that offers Web Push at a sensible moment.
import { useEffect, useId, useState } from 'preact/hooks';
import type { InboxItem } from '../../api/types';
import { Icon } from '../../components/Icon';
import { vi } from '../../i18n/vi';
import { vn } from '../../i18n/vi-notices';
import { flash } from '../../lib/flash';
import { PushRefused, enablePush, pushState, rememberLater, shouldOffer, type PushState } from '../../lib/push';
import '../../styles-notices.css';

export function NoticeBadges({ item, withAcked = false }: { item: InboxItem; withAcked?: boolean }) {
  const recalled = item.recalled_at !== null;
  return (
    <>
      {item.priority === 'urgent' && <span class="badge badge-urgent">{vn.badge.urgent}</span>}
      {recalled && <span class="badge badge-recalled">{vn.badge.recalled}</span>}
      {!recalled && item.require_ack && item.acked_at === null && <span class="badge badge-ack">{vn.badge.needsAck}</span>}
      {withAcked && item.acked_at !== null && <span class="badge badge-read">{vn.badge.acked}</span>}
      {item.version > 1 && <span class="badge badge-corrected">{vn.badge.corrected}</span>}
    </>
  );
}

// "Nhận thông báo khi không mở ứng dụng?" — only when `moment` says it is a good time, the
// browser can push, the person has not refused it, and "Để sau" was not pressed lately.
export function PushOffer({ moment }: { moment: boolean }) {
  const [state, setState] = useState<PushState | null>(null);
  const [closed, setClosed] = useState(false);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  useEffect(() => {
    if (!moment) return;
    let alive = true;
    void pushState().then((s) => alive && setState(s));
    return () => {
      alive = false;
    };
  }, [moment]);
  if (closed || !state || !shouldOffer(state, moment)) return null;

  async function agree() {
    setBusy(true);
    try {
      await enablePush();
      flash(vi.push.enabled, 'success');
    } catch (e) {
      flash(e instanceof PushRefused ? vi.push.refused : vi.push.failed, e instanceof PushRefused ? 'info' : 'error');
      if (e instanceof PushRefused) rememberLater();
    } finally {
      setBusy(false);
      setClosed(true);
    }
  }

  return (
    <section class="card push-offer" aria-labelledby={titleId} data-testid="push-offer">
      <Icon name="notices" class="push-offer-icon" />
      <div>
        <h2 id={titleId} class="push-offer-title">
          {vi.push.offerTitle}
        </h2>
        <p>{vi.push.offerBody}</p>
        <div class="actions">
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void agree()}>
            {busy ? vi.push.working : vi.push.agree}
          </button>
          <button
            type="button"
            class="btn btn-secondary"
            disabled={busy}
            onClick={() => {
              rememberLater();
              setClosed(true);
            }}
          >
            {vi.push.later}
          </button>
        </div>
      </div>
    </section>
  );
}
