// Thông báo: the member's inbox (GET /inbox), newest first, "Xem thêm thông báo" for older ones.
// Unread notices are bold with a dot; badges say urgent, to acknowledge, recalled, corrected.
// Notices heard live are added or replaced in place; after the connection comes back the list is
// read again (what was sent meanwhile is only on the server).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { InboxItem } from '../../api/types';
import { EmptyState, Loading } from '../../components/Loading';
import { noticeWhen, vn } from '../../i18n/vi-notices';
import { inboxCount, isUnread, noteInboxPage, upsertItem } from '../../lib/inbox';
import { live } from '../../lib/live';
import { countInboxVisit } from '../../lib/push';
import { Link } from '../../lib/router';
import { useStore } from '../../lib/store';
import { noticeHref } from '../../paths';
import { usePaged } from '../../lib/use-paged';
import { ErrorBox, MoreButton } from '../library/parts';
import { NoticeBadges, PushOffer } from './parts';
import { snippet } from './text';

function Row({ item }: { item: InboxItem }) {
  const unread = isUnread(item);
  const cls = ['inbox-item', unread ? 'is-unread' : '', item.priority === 'urgent' ? 'is-urgent' : '', item.recalled_at ? 'is-recalled' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li class={cls}>
      <Link class="inbox-link" href={noticeHref(item.id)}>
        <span class="inbox-meta">
          {unread && (
            <span class="unread-dot" role="img" aria-label={vn.inbox.unreadMark} />
          )}
          <NoticeBadges item={item} />
          <span>{noticeWhen(item.sent_at)}</span>
        </span>
        <h2 class="inbox-title">{item.title}</h2>
        <span class="inbox-from">{vn.inbox.from(item.sender.name)}</span>
        {!item.recalled_at && <span class="inbox-snippet">{snippet(item.body)}</span>}
      </Link>
    </li>
  );
}

export default function Inbox() {
  const visits = useMemo(() => countInboxVisit(), []);
  const paged = usePaged<InboxItem, number>('inbox', async (before, signal) => {
    const page = await api.get('/inbox', { query: { ...(before ? { before } : {}), limit: 20 }, signal });
    noteInboxPage(page);
    return { items: page.items, next: page.next_before };
  });
  // Notices heard live since the list was read, laid over it by id.
  const [heard, setHeard] = useState<InboxItem[]>([]);
  const count = useStore(inboxCount);
  useEffect(
    () =>
      live.subscribe((ev) => {
        if (ev.type === 'notice') setHeard((list) => upsertItem(list, ev.notice));
        else if (ev.reconnect) {
          setHeard([]);
          paged.reload();
        }
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const items = heard.reduce((list, item) => upsertItem(list, item), paged.items);

  return (
    <section class="page notices" aria-labelledby="inbox-title">
      <h1 id="inbox-title" tabIndex={-1}>
        {vn.inbox.title}
      </h1>
      <p class="muted">{count.unread === null ? vn.inbox.intro : vn.inbox.unreadCount(count.unread)}</p>
      <PushOffer moment={visits >= 2} />
      {paged.loading && items.length === 0 ? (
        <Loading />
      ) : paged.error && items.length === 0 ? (
        <ErrorBox error={paged.error} onRetry={paged.reload} />
      ) : items.length === 0 ? (
        <EmptyState title={vn.inbox.empty}>
          <p class="muted">{vn.inbox.emptyHint}</p>
        </EmptyState>
      ) : (
        <ul class="inbox-list" aria-labelledby="inbox-title">
          {items.map((item) => (
            <Row key={item.id} item={item} />
          ))}
        </ul>
      )}
      {paged.error && items.length > 0 && <ErrorBox error={paged.error} onRetry={paged.more} />}
      <MoreButton paged={paged} label={vn.inbox.more} />
    </section>
  );
}
