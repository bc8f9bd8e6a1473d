// On the home screen, under the card: documents the committee asks the member to read, and the
// latest three news. A lazy chunk of its own, so the first screen stays small; it also sends
// read records left on the device from an earlier visit.
import { useEffect } from 'preact/hooks';
import { api } from '../../api/client';
import { vl } from '../../i18n/vi-library';
import { useOfflineIds } from '../../lib/offline-library';
import { flushReading } from '../../lib/reading';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { PATHS } from '../../paths';
import { Glyph } from '../library/parts';
import { NewsCard } from './NewsFeed';

export default function HomeFeed() {
  const news = useApi((signal) => api.get('/news', { query: { limit: 3 }, signal }), []);
  const required = useApi((signal) => api.get('/reading/required', { signal }), []);
  useEffect(() => {
    void flushReading();
  }, []);
  const items = news.data?.items.slice(0, 3) ?? [];
  const onDevice = useOfflineIds(
    'news',
    items.map((n) => n.id),
  );
  const toRead = required.data?.items.filter((r) => !r.document.read.reached_end) ?? [];
  const overdue = toRead.some((r) => r.overdue);
  return (
    <div class="home-feed">
      {toRead.length > 0 && (
        <Link class={overdue ? 'home-required home-required-late' : 'home-required'} href={PATHS.documents}>
          <Glyph name="check" />
          <span>{vl.library.requiredCount(toRead.length)}</span>
        </Link>
      )}
      {items.length > 0 && (
        <section aria-labelledby="home-news-title">
          <h2 id="home-news-title" class="section-title">
            {vl.news.latest}
          </h2>
          <ul class="news-list news-list-compact">
            {items.map((n) => (
              <NewsCard key={n.id} item={n} onDevice={onDevice.has(n.id)} headingLevel={3} />
            ))}
          </ul>
          <p>
            <Link class="btn btn-secondary btn-block" href={PATHS.news}>
              {vl.news.seeAll}
            </Link>
          </p>
        </section>
      )}
    </div>
  );
}
