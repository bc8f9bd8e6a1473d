// One news article: title, category and date, cover, the text (body_html: Markdown rendered and
// sanitized by the server, put into its own container and nowhere else), the favourite star and
// "Đánh dấu đã đọc" at the end. Reading is tracked like documents.
import { useEffect } from 'preact/hooks';
import { api } from '../../api/client';
import { dayOf, vl } from '../../i18n/vi-library';
import { useApi } from '../../lib/use-api';
import { PATHS } from '../../paths';
import type { RouteProps } from '../../routes';
import { FavouriteButton, useReading } from '../library/parts';
import { ReadingEnd, ReadingPage } from '../library/ReadingPage';
import type { NewsArticle as Article } from '../library/types';

function Reader({ item }: { item: Article }) {
  const reading = useReading('news', item.id, true, item.read.reached_end);
  useEffect(() => {
    const before = document.title;
    document.title = `${item.title} · Sổ tay`;
    return () => {
      document.title = before;
    };
  }, [item.id]);
  return (
    <article class="article" aria-labelledby="article-title">
      <p class="doc-kind">{[item.category, dayOf(item.published_at)].filter(Boolean).join(' · ')}</p>
      <div class="doc-title-row">
        <h1 id="article-title" tabIndex={-1}>
          {item.title}
        </h1>
        <FavouriteButton kind="news" id={item.id} initial={item.favourite ?? false} title={item.title} />
      </div>
      {item.cover_url && <img class="article-cover" src={item.cover_url} alt="" width={640} height={360} decoding="async" />}
      {item.summary && <p class="article-lead">{item.summary}</p>}
      {/* Sanitized on the server (allow-listed tags, no scripts, no event attributes). */}
      <div class="prose" dangerouslySetInnerHTML={{ __html: item.body_html }} />
      <ReadingEnd reading={reading} labels={vl.news} back={PATHS.news} backLabel={vl.news.backToNews} />
    </article>
  );
}

export default function NewsArticle({ params }: RouteProps) {
  const id = Number(params.id);
  const result = useApi((signal) => api.get('/news/{id}', { path: { id }, signal }), [id]);
  return (
    <ReadingPage id={id} result={result} pageClass="news" back={PATHS.news} backLabel={vl.news.title}>
      {(item) => <Reader key={item.id} item={item} />}
    </ReadingPage>
  );
}
