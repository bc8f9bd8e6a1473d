// Pieces the committee's notice screens share: the address of a notice's follow-up page, its
// badges (state, urgent, acknowledgement asked, recalled, corrected) and its time line.
import type { NoticeSummary } from '../../api/types';
import { vc } from '../../i18n/vi-committee';
import { vnDateTimeText } from '../../lib/vn-time';
import { COMMITTEE_PATHS, committeePath } from './routes';

export const noticeStatsHref = (id: number, unit?: number | null) =>
  committeePath(COMMITTEE_PATHS.notice, { id }) + (unit ? `?unit=${unit}` : '');

const STATE_BADGE: Record<string, string> = {
  scheduled: 'badge-corrected',
  sending: 'badge-read',
  sent: 'badge-read',
  cancelled: 'badge-recalled',
};

export function NoticeBadges({ n }: { n: NoticeSummary }) {
  const t = vc.notices;
  return (
    <span class="n-badges">
      {n.recalled_at !== null ? (
        <span class="badge badge-recalled">{t.recalled}</span>
      ) : (
        <span class={`badge ${STATE_BADGE[n.state] ?? ''}`}>{t.states[n.state] ?? n.state}</span>
      )}
      {n.priority === 'urgent' && <span class="badge badge-urgent">{t.urgent}</span>}
      {n.require_ack && <span class="badge badge-ack">{t.needsAck}</span>}
      {n.version > 1 && <span class="badge badge-corrected">{t.corrected(n.version)}</span>}
    </span>
  );
}

export function noticeTimeText(n: Pick<NoticeSummary, 'state' | 'send_at' | 'sent_at'>): string {
  if (n.state === 'scheduled' || n.state === 'cancelled') return vc.notices.scheduledAt(vnDateTimeText(n.send_at));
  return vc.notices.sentAt(vnDateTimeText(n.sent_at ?? n.send_at));
}
