// Notices heard live while the app is open: "Thông báo mới: <title>" at the top of the screen
// with "Xem". An urgent one is red, announced at once (role="alert") and stays until closed or
// opened; the others leave by themselves after a while.
import { useEffect } from 'preact/hooks';
import { vi } from '../i18n/vi';
import { dismissToast, noticeToasts, type NoticeToast } from '../lib/inbox';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';
import { noticeHref } from '../paths';

const STAYS_MS = 10_000;

export function toastText(t: Pick<NoticeToast, 'event' | 'notice'>): string {
  const title = t.notice.title;
  switch (t.event) {
    case 'corrected':
      return vi.live.corrected(title);
    case 'recalled':
      return vi.live.recalled(title);
    case 'reminded':
      return vi.live.reminded(title);
    default:
      return t.notice.priority === 'urgent' ? vi.live.urgent(title) : vi.live.sent(title);
  }
}

function Toast({ toast }: { toast: NoticeToast }) {
  const urgent = toast.notice.priority === 'urgent' && toast.event !== 'recalled';
  useEffect(() => {
    if (urgent) return;
    const t = setTimeout(() => dismissToast(toast.key), STAYS_MS);
    return () => clearTimeout(t);
  }, [toast, urgent]);
  return (
    <div class={urgent ? 'notice-toast is-urgent' : 'notice-toast'} role={urgent ? 'alert' : undefined} data-testid="notice-toast">
      <span class="notice-toast-text">{toastText(toast)}</span>
      <Link class="btn notice-toast-open" href={noticeHref(toast.notice.id)} onClick={() => dismissToast(toast.key)}>
        {vi.live.open}
      </Link>
      <button type="button" class="notice-toast-close" aria-label={vi.app.close} onClick={() => dismissToast(toast.key)}>
        ×
      </button>
    </div>
  );
}

export function NoticeToasts() {
  const list = useStore(noticeToasts);
  // Always in the page, so screen readers hear what is added to it.
  return (
    <div class="notice-toasts" aria-live="polite">
      {list.map((t) => (
        <Toast key={t.key} toast={t} />
      ))}
    </div>
  );
}
