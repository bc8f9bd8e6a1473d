// Thông báo: the member's inbox (GET /inbox), newest first, "Xem thêm thông báo" for older ones.
// Three views in the address (?xem=chua-doc, ?xem=can-xac-nhan, so "back" from a notice returns to
// the same one): all, unread, and those waiting for "Đã nhận" — what a secretary with a deadline
// looks for first. A search (?tim=…) keeps those whose sender, title or text has the words typed,
// with or without marks, within the view. Unread notices are bold with a dot; badges say urgent, to acknowledge,
// recalled, corrected. Notices heard live are added or replaced in place when they belong to the
// view; after the connection comes back the list is read again (what was sent meanwhile is only
// on the server).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { InboxItem } from '../../api/types';
import { EmptyState, Loading } from '../../components/Loading';
import { noticeWhen, vn } from '../../i18n/vi-notices';
import { inboxCount, isUnread, noteInboxPage, upsertItem } from '../../lib/inbox';
import { live } from '../../lib/live';
import { countInboxVisit } from '../../lib/push';
import { Link, navigate } from '../../lib/router';
import { useStore } from '../../lib/store';
import { PATHS, noticeHref } from '../../paths';
import type { RouteProps } from '../../routes';
import { usePaged } from '../../lib/use-paged';
import { hrefWith } from '../library/filters';
import { ErrorBox, MoreButton, SearchForm } from '../library/parts';
import { NoticeBadges, PushOffer } from './parts';
import { snippet } from './text';
import { SLUG_OF, belongs, showOf, wordsOf, type Show } from './views';

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

function Views({ show, query }: { show: Show; query: URLSearchParams }) {
  const { unread, toAck } = useStore(inboxCount);
  // Chips rather than tabs: they wrap onto a second line on a small phone or with large text.
  const chip = (s: Show, label: string) => (
    <li>
      <Link
        class={show === s ? 'chip chip-on' : 'chip'}
        href={hrefWith(PATHS.notices, query, { xem: SLUG_OF[s] })}
        aria-current={show === s ? 'page' : undefined}
      >
        {label}
      </Link>
    </li>
  );
  return (
    <nav class="chip-group" aria-label={vn.inbox.views}>
      <ul class="chips">
        {chip('all', vn.inbox.all)}
        {chip('unread', vn.inbox.unread(unread))}
        {chip('to_ack', vn.inbox.toAck(toAck))}
      </ul>
    </nav>
  );
}

export default function Inbox({ query }: RouteProps) {
  const show = showOf(query);
  const words = wordsOf(query);
  const visits = useMemo(() => countInboxVisit(), []);
  const paged = usePaged<InboxItem, number>(`inbox-${show}-${words}`, async (before, signal) => {
    const page = await api.get('/inbox', {
      query: { show, ...(words ? { q: words } : {}), ...(before ? { before } : {}), limit: 20 },
      signal,
    });
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
  // Laid over by id; in a filtered view, only what still belongs there (a notice read elsewhere
  // leaves "Chưa đọc", one recalled leaves "Cần xác nhận").
  // While searching, a notice heard live only updates one already found (the words are matched
  // by the server).
  const over = words ? heard.filter((h) => paged.items.some((p) => p.id === h.id)) : heard;
  const items = over
    .reduce((list, item) => upsertItem(list, item), paged.items)
    .filter((item) => belongs(show, item) || !over.some((h) => h.id === item.id));
  const empty = words
    ? vn.inbox.emptySearch(words)
    : show === 'unread'
      ? vn.inbox.emptyUnread
      : show === 'to_ack'
        ? vn.inbox.emptyToAck
        : vn.inbox.empty;
  const emptyHint = words ? vn.inbox.emptySearchHint : show === 'all' ? vn.inbox.emptyHint : null;

  return (
    <section class="page notices" aria-labelledby="inbox-title">
      <h1 id="inbox-title" tabIndex={-1}>
        {vn.inbox.title}
      </h1>
      <p class="muted">
        {show === 'to_ack' && count.toAck !== null
          ? vn.inbox.toAckCount(count.toAck)
          : count.unread === null
            ? vn.inbox.intro
            : vn.inbox.unreadCount(count.unread)}
      </p>
      <PushOffer moment={visits >= 2} />
      <Views show={show} query={query} />
      <SearchForm
        id="inbox-q"
        text={vn.inbox.search}
        initial={words}
        allowEmpty
        onSearch={(w) => navigate(hrefWith(PATHS.notices, query, { tim: w || null }))}
      />
      {words && (
        <p class="inbox-searching" data-testid="inbox-searching">
          <span>{vn.inbox.searchingFor(words)}</span>{' '}
          <Link href={hrefWith(PATHS.notices, query, { tim: null })}>{vn.inbox.clearSearch}</Link>
        </p>
      )}
      {paged.loading && items.length === 0 ? (
        <Loading />
      ) : paged.error && items.length === 0 ? (
        <ErrorBox error={paged.error} onRetry={paged.reload} />
      ) : items.length === 0 ? (
        <EmptyState title={empty}>{emptyHint && <p class="muted">{emptyHint}</p>}</EmptyState>
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
