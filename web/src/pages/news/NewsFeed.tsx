// Tin tức: the province's official news, newest first with pinned articles on top, category chips,
// a cover picture that loads only when scrolled to, "Mới" on what the member has not opened, and
// "Xem thêm tin" for older articles (GET /news?before=…).
import { api } from '../../api/client';
import { EmptyState, Loading } from '../../components/Loading';
import { dayOf, vl } from '../../i18n/vi-library';
import { useOfflineIds } from '../../lib/offline-library';
import { localRead } from '../../lib/reading';
import { Link } from '../../lib/router';
import { newsHref, PATHS } from '../../paths';
import type { RouteProps } from '../../routes';
import { hrefWith } from '../library/filters';
import { ErrorBox, Glyph, MoreButton, usePaged } from '../library/parts';
import type { NewsSummary } from '../library/types';

// Categories seen in this page's life, so the chips stay while one of them is chosen.
const seenCategories = new Set<string>();

// Pinned first, then newest first: the server's order, made sure of (the sort is stable).
export function feedOrder(items: readonly NewsSummary[]): NewsSummary[] {
  return [...items].sort((a, b) => Number(b.pinned) - Number(a.pinned) || (b.published_at ?? 0) - (a.published_at ?? 0));
}

export function NewsCard({ item, onDevice, headingLevel = 2 }: { item: NewsSummary; onDevice: boolean; headingLevel?: 2 | 3 }) {
  const read = item.read.opened || localRead('news', item.id).opened;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class={item.pinned ? 'news-card news-pinned' : 'news-card'}>
      <Link class="news-link" href={newsHref(item.id)}>
        {item.cover_url && (
          <img class="news-cover" src={item.cover_url} alt="" width={640} height={360} loading="lazy" decoding="async" />
        )}
        <span class="news-body">
          <span class="news-meta">
            {item.pinned && <span class="badge badge-pinned">{vl.news.pinned}</span>}
            {item.is_new && !read && <span class="badge badge-new">{vl.library.isNew}</span>}
            <span>{[item.category, dayOf(item.published_at)].filter(Boolean).join(' · ')}</span>
          </span>
          <H class="news-title">{item.title}</H>
          {item.summary && <span class="news-summary">{item.summary}</span>}
          {onDevice && (
            <span class="badge badge-device">
              <Glyph name="device" />
              {vl.library.onDevice}
            </span>
          )}
        </span>
      </Link>
    </li>
  );
}

export default function NewsFeed({ query }: RouteProps) {
  const category = query.get('chuyen-muc')?.trim() || undefined;
  const paged = usePaged<NewsSummary, number>(category ?? '', async (before, signal) => {
    const page = await api.get('/news', { query: { ...(category ? { category } : {}), ...(before ? { before } : {}), limit: 15 }, signal });
    page.items.forEach((n) => seenCategories.add(n.category));
    return { items: page.items, next: page.next_before };
  });
  const items = feedOrder(paged.items);
  const onDevice = useOfflineIds(
    'news',
    items.map((n) => n.id),
  );
  const categories = [...seenCategories].filter(Boolean).sort((a, b) => a.localeCompare(b, 'vi'));
  return (
    <section class="page news" aria-labelledby="news-title">
      <h1 id="news-title" tabIndex={-1}>
        {vl.news.title}
      </h1>
      <p class="muted">{vl.news.intro}</p>
      {categories.length > 1 && (
        <nav class="chip-group" aria-label={vl.news.category}>
          <ul class="chips">
            <li>
              <Link class={category ? 'chip' : 'chip chip-on'} href={PATHS.news} aria-current={category ? undefined : 'page'}>
                {vl.news.all}
              </Link>
            </li>
            {categories.map((c) => (
              <li key={c}>
                <Link
                  class={c === category ? 'chip chip-on' : 'chip'}
                  href={hrefWith(PATHS.news, query, { 'chuyen-muc': c === category ? null : c })}
                  aria-current={c === category ? 'page' : undefined}
                >
                  {c}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {paged.loading ? (
        <Loading />
      ) : paged.error && items.length === 0 ? (
        <ErrorBox error={paged.error} onRetry={paged.reload} />
      ) : items.length === 0 ? (
        <EmptyState title={vl.news.empty} />
      ) : (
        <>
          <ul class="news-list">
            {items.map((n) => (
              <NewsCard key={n.id} item={n} onDevice={onDevice.has(n.id)} />
            ))}
          </ul>
          <MoreButton paged={paged} label={vl.news.more} />
        </>
      )}
    </section>
  );
}
