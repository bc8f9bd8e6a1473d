// The notices sent within the committee's scope (GET /notices), newest first: each with its state,
// time and follow-up counts ("Đã nhận x/y · Đã đọc … · Đã xác nhận …"); "Gửi thông báo mới".
import { api } from '../../api/client';
import type { NoticeSummary } from '../../api/types';
import { LoadError } from '../../components/ApiState';
import { EmptyState, Loading } from '../../components/Loading';
import { vc } from '../../i18n/vi-committee';
import { Link } from '../../lib/router';
import { usePaged } from '../../lib/use-paged';
import NotAllowed from '../NotAllowed';
import { NoticeBadges, noticeStatsHref, noticeTimeText } from './notice-ui';
import { COMMITTEE_PATHS } from './routes';
import { Frame, MoreButton } from './ui';

function Row({ n }: { n: NoticeSummary }) {
  const t = vc.notices;
  return (
    <li class={n.priority === 'urgent' ? 'c-card n-card is-urgent' : 'c-card n-card'}>
      <div class="c-card-main">
        <p class="n-card-meta">
          <NoticeBadges n={n} />
          <span class="muted small">{noticeTimeText(n)}</span>
        </p>
        <p class="c-card-title">
          <Link href={noticeStatsHref(n.id)}>{n.title}</Link>
        </p>
        <p class="muted small">{t.from(n.sender.name)}</p>
        {n.state !== 'scheduled' && n.state !== 'cancelled' && <p class="n-counts">{t.countsLine(n.counts, n.require_ack)}</p>}
      </div>
    </li>
  );
}

export default function NoticeList() {
  const t = vc.notices;
  const paged = usePaged<NoticeSummary, number>('notices', async (before, signal) => {
    const page = await api.get('/notices', { query: { ...(before ? { before } : {}), limit: 20 }, signal });
    return { items: page.items, next: page.next_before };
  });
  return (
    <Frame title={t.title} lead={<p class="c-lead">{t.listIntro}</p>}>
      <p>
        <Link class="btn btn-primary" href={COMMITTEE_PATHS.noticeNew}>
          {t.new}
        </Link>
      </p>
      {paged.loading && paged.items.length === 0 ? (
        <Loading />
      ) : paged.error && paged.items.length === 0 ? (
        paged.error.notAllowed ? (
          <NotAllowed />
        ) : (
          <LoadError error={paged.error} onRetry={paged.reload} />
        )
      ) : paged.items.length === 0 ? (
        <EmptyState title={t.empty} />
      ) : (
        <ul class="c-cards n-list">
          {paged.items.map((n) => (
            <Row key={n.id} n={n} />
          ))}
        </ul>
      )}
      {paged.error && paged.items.length > 0 && <p class="field-error">{paged.error.message}</p>}
      {paged.hasMore && <MoreButton loading={paged.loadingMore} onClick={paged.more} />}
    </Frame>
  );
}
