// News in the editor's scope, one tab per state, and "Viết tin mới".
import { ApiState } from '../../components/ApiState';
import { EmptyState } from '../../components/Loading';
import { NEWS_CATEGORIES, labelOf, unixText, ve, type ItemState } from '../../i18n/vi-editor';
import { Link, navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { RouteProps } from '../../routes';
import { editorApi, type EditorNewsSummary } from './EditorApi';
import { STATE_TABS, StateBadge, newsHref, stateFromQuery } from './EditorUi';
import { COMMITTEE_PATHS } from './routes';
import { Frame, TabPanel, Tabs } from './ui';

function Row({ n, state }: { n: EditorNewsSummary; state: ItemState }) {
  const when =
    state === 'published' && n.published_at
      ? ve.common.publishedAt(unixText(n.published_at))
      : n.updated_at
        ? ve.common.updated(unixText(n.updated_at))
        : '';
  return (
    <li class="c-card e-item e-news-item">
      {n.cover_url && <img class="e-news-thumb" src={n.cover_url} alt="" loading="lazy" width={96} height={64} />}
      <div class="c-card-main">
        <p class="c-card-title">
          <Link href={newsHref(n.id)}>{n.title}</Link>
        </p>
        <p class="muted small">
          {labelOf(NEWS_CATEGORIES, n.category)}
          {n.pinned ? ` · ${ve.news.pinnedBadge}` : ''}
        </p>
        <p class="small e-item-meta">
          <StateBadge state={n.state} publishAt={n.publish_at} /> {when}
        </p>
      </div>
    </li>
  );
}

export default function NewsEditorList({ query }: RouteProps) {
  const state = stateFromQuery(query);
  const result = useApi((signal) => editorApi.listNews(state, signal), [state]);
  return (
    <Frame title={ve.news.title} lead={<p>{ve.news.intro}</p>} wide>
      <div class="actions e-top-actions">
        <Link class="btn btn-primary" href={COMMITTEE_PATHS.newsNew}>
          {ve.nav.newNews}
        </Link>
      </div>
      <Tabs
        label={ve.news.tabs}
        prefix="e-news"
        tabs={STATE_TABS}
        current={state}
        onChange={(s) => navigate(`${COMMITTEE_PATHS.newsList}?state=${s}`, { replace: true })}
      />
      <TabPanel prefix="e-news" id={state}>
        <ApiState result={result}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title={ve.news.empty[state] ?? ve.common.empty} />
            ) : (
              <ul class="c-cards e-items">
                {list.map((n) => (
                  <Row key={n.id} n={n} state={state} />
                ))}
              </ul>
            )
          }
        </ApiState>
      </TabPanel>
    </Frame>
  );
}
