// Thư viện tài liệu: search box first (what most members come for), then what the committee asks
// them to read, then the whole library with filters by kind, level, topic and year (counts from
// GET /documents/facets), or the documents they saved. Offline, when the list cannot be loaded,
// it shows the documents kept on this device.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiState } from '../../components/ApiState';
import { EmptyState, Loading } from '../../components/Loading';
import { KIND_LABELS, LEVEL_LABELS, vl } from '../../i18n/vi-library';
import { offlineDocuments, useOfflineIds } from '../../lib/offline-library';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { PATHS } from '../../paths';
import type { RouteProps } from '../../routes';
import { activeCount, documentFilters, hrefWith } from './filters';
import { FiltersPanel } from './FiltersPanel';
import { ChipGroup, DocumentCard, ErrorBox, MoreButton, SearchBox, usePaged } from './parts';
import { NewsCard } from '../news/NewsFeed';
import type { DocumentKind, DocumentLevel, DocumentSummary, Facet, NewsSummary } from './types';

const FILTER_KEYS = ['kind', 'level', 'topic', 'year'] as const;

function DocumentList({ docs, empty }: { docs: DocumentSummary[]; empty: string }) {
  const onDevice = useOfflineIds(
    'document',
    docs.map((d) => d.id),
  );
  if (docs.length === 0) return <EmptyState title={empty} />;
  return (
    <ul class="doc-list">
      {docs.map((d) => (
        <DocumentCard key={d.id} doc={d} onDevice={onDevice.has(d.id)} />
      ))}
    </ul>
  );
}

function RequiredReadings() {
  const result = useApi((signal) => api.get('/reading/required', { signal }), []);
  const items = result.data?.items.filter((r) => !r.document.read.reached_end) ?? [];
  const onDevice = useOfflineIds(
    'document',
    items.map((r) => r.document.id),
  );
  if (items.length === 0) return null;
  return (
    <section class="card required" aria-labelledby="required-title">
      <h2 id="required-title">{vl.library.required}</h2>
      <p class="muted">{vl.library.requiredIntro}</p>
      <ul class="doc-list">
        {items.map((r) => (
          <DocumentCard key={r.id} doc={r.document} deadline={r.deadline} overdue={r.overdue} onDevice={onDevice.has(r.document.id)} />
        ))}
      </ul>
    </section>
  );
}

function OfflineFallback() {
  const [docs, setDocs] = useState<DocumentSummary[] | null>(null);
  useEffect(() => {
    void offlineDocuments().then(setDocs);
  }, []);
  if (docs === null) return <Loading />;
  return (
    <section aria-labelledby="offline-title">
      <h2 id="offline-title">{vl.library.offlineList}</h2>
      <p class="muted">{vl.library.offlineListIntro}</p>
      <DocumentList docs={docs} empty={vl.library.offlineNone} />
    </section>
  );
}

function Filters({ query, facets }: { query: URLSearchParams; facets: { kinds: Facet[]; levels: Facet[]; topics: Facet[]; years: Facet[] } }) {
  const path = PATHS.documents;
  const n = activeCount(documentFilters(query));
  return (
    <FiltersPanel path={path} query={query} count={n} keys={FILTER_KEYS}>
      <ChipGroup
        title={vl.library.facetKind}
        facets={facets.kinds}
        param="kind"
        path={path}
        query={query}
        labelOf={(f) => KIND_LABELS[f.value as DocumentKind] ?? f.label}
      />
      <ChipGroup
        title={vl.library.facetLevel}
        facets={facets.levels}
        param="level"
        path={path}
        query={query}
        labelOf={(f) => LEVEL_LABELS[f.value as DocumentLevel] ?? f.label}
      />
      <ChipGroup title={vl.library.facetTopic} facets={facets.topics} param="topic" path={path} query={query} />
      <ChipGroup title={vl.library.facetYear} facets={facets.years} param="year" path={path} query={query} />
    </FiltersPanel>
  );
}

function AllDocuments({ query }: { query: URLSearchParams }) {
  const filters = documentFilters(query);
  const key = JSON.stringify(filters);
  const facets = useApi((signal) => api.get('/documents/facets', { signal }), []);
  const paged = usePaged<DocumentSummary, string>(key, async (cursor, signal) => {
    const page = await api.get('/documents', { query: { ...filters, ...(cursor ? { cursor } : {}), limit: 20 }, signal });
    return { items: page.documents, next: page.next_cursor };
  });
  return (
    <>
      {facets.data && <Filters query={query} facets={facets.data} />}
      {paged.error && paged.items.length === 0 ? (
        paged.error.network ? (
          <OfflineFallback />
        ) : (
          <ErrorBox error={paged.error} onRetry={paged.reload} />
        )
      ) : paged.loading ? (
        <Loading />
      ) : (
        <>
          <DocumentList docs={paged.items} empty={activeCount(filters) ? vl.library.emptyFiltered : vl.library.empty} />
          <MoreButton paged={paged} label={vl.library.more} />
        </>
      )}
    </>
  );
}

function SavedNews({ items }: { items: NewsSummary[] }) {
  const onDevice = useOfflineIds(
    'news',
    items.map((n) => n.id),
  );
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="saved-news-title">
      <h2 id="saved-news-title" class="section-title">
        {vl.library.savedNews}
      </h2>
      <ul class="news-list news-list-compact">
        {items.map((n) => (
          <NewsCard key={n.id} item={n} onDevice={onDevice.has(n.id)} headingLevel={3} />
        ))}
      </ul>
    </section>
  );
}

function Favourites() {
  const result = useApi((signal) => api.get('/favourites', { signal }), []);
  if (result.error?.network) return <OfflineFallback />;
  return (
    <ApiState result={result}>
      {(data) => (
        <>
          <DocumentList docs={data.documents} empty={data.news.length ? vl.library.noSavedDocuments : vl.library.emptyFavourites} />
          <SavedNews items={data.news} />
        </>
      )}
    </ApiState>
  );
}

export default function Library({ query }: RouteProps) {
  const favourites = query.get('xem') === 'da-luu';
  return (
    <section class="page library" aria-labelledby="library-title">
      <h1 id="library-title" tabIndex={-1}>
        {vl.library.title}
      </h1>
      <SearchBox />
      <RequiredReadings />
      <nav class="tabs" aria-label={vl.library.title}>
        <Link class="tab" href={PATHS.documents} aria-current={favourites ? undefined : 'page'}>
          {vl.library.all}
        </Link>
        <Link class="tab" href={hrefWith(PATHS.documents, new URLSearchParams(), { xem: 'da-luu' })} aria-current={favourites ? 'page' : undefined}>
          {vl.library.favourites}
        </Link>
      </nav>
      {favourites ? <Favourites /> : <AllDocuments query={query} />}
    </section>
  );
}
