// Search results: each names the document (number and title) and the passage matched ("Điều 4",
// "3.2"), with the words found highlighted; tapping one opens the reading view at that passage.
// Filters by kind, level, year, status and issuing unit, with counts from the answer's facets.
import { api } from '../../api/client';
import { EmptyState, Loading } from '../../components/Loading';
import { KIND_LABELS, LEVEL_LABELS, STATUS_LABELS, vl } from '../../i18n/vi-library';
import { Link } from '../../lib/router';
import { documentHref, newsHref, PATHS } from '../../paths';
import type { RouteProps } from '../../routes';
import { useEffect, useRef } from 'preact/hooks';
import { activeCount, searchFilters } from './filters';
import { FiltersPanel } from './FiltersPanel';
import { ChipGroup, ErrorBox, MoreButton, SearchBox, Snippet, usePaged } from './parts';
import type { DocumentKind, DocumentLevel, Facet, LegalStatus, SearchResponse, SearchResult } from './types';

const PAGE = 20;
const FILTER_KEYS = ['kind', 'level', 'year', 'status', 'unit'] as const;

function resultHref(r: SearchResult): string {
  if (r.document) return documentHref(r.document.id, r.section?.anchor);
  if (r.news) return newsHref(r.news.id);
  return PATHS.documents;
}

function ResultItem({ r }: { r: SearchResult }) {
  const doc = r.document;
  const heading = doc ? [KIND_LABELS[doc.kind], doc.number].filter(Boolean).join(' ') : vl.search.news;
  const title = doc?.title ?? r.news?.title ?? '';
  return (
    <li class="result">
      <Link class="result-link" href={resultHref(r)}>
        <span class="result-doc">{heading}</span>
        <span class="result-title">{title}</span>
        {r.section && <span class="result-section">{vl.search.at(r.section.label)}</span>}
      </Link>
      {r.snippet && (
        <p class="snippet">
          <Snippet html={r.snippet} />
        </p>
      )}
    </li>
  );
}

function SearchFacets({ query, facets }: { query: URLSearchParams; facets: SearchResponse['facets'] }) {
  const path = PATHS.documentSearch;
  const n = activeCount(searchFilters(query));
  const group = (title: string, list: Facet[], param: string, labelOf?: (f: Facet) => string) => (
    <ChipGroup title={title} facets={list} param={param} path={path} query={query} {...(labelOf ? { labelOf } : {})} />
  );
  return (
    <FiltersPanel path={path} query={query} count={n} keys={FILTER_KEYS}>
      {group(vl.library.facetKind, facets.kind, 'kind', (f) => KIND_LABELS[f.value as DocumentKind] ?? f.label)}
      {group(vl.library.facetLevel, facets.level, 'level', (f) => LEVEL_LABELS[f.value as DocumentLevel] ?? f.label)}
      {group(vl.library.facetYear, facets.year, 'year')}
      {group(vl.library.facetStatus, facets.status, 'status', (f) => STATUS_LABELS[f.value as LegalStatus] ?? f.label)}
      {group(vl.library.facetUnit, facets.unit, 'unit')}
    </FiltersPanel>
  );
}

export default function Search({ query }: RouteProps) {
  const q = (query.get('q') ?? '').trim();
  const filters = searchFilters(query);
  const key = JSON.stringify([q, filters]);
  // The first page's answer carries the total and the facets.
  const first = useRef<SearchResponse | null>(null);
  const paged = usePaged<SearchResult, number>(key, async (offset, signal) => {
    if (!q) return { items: [], next: null };
    const answer = await api.get('/search', { query: { q, ...filters, limit: PAGE, offset: offset ?? 0 }, signal });
    if (!offset) first.current = answer;
    const reached = (offset ?? 0) + answer.results.length;
    return { items: answer.results, next: answer.results.length === PAGE && reached < answer.total ? reached : null };
  });
  const answer = q && !paged.loading ? first.current : null;
  useEffect(() => {
    if (!q) return;
    const before = document.title;
    document.title = `${vl.search.title}: ${q} · Sổ tay`;
    return () => {
      document.title = before;
    };
  }, [q]);

  return (
    <section class="page library" aria-labelledby="search-title">
      <p class="crumbs">
        <Link href={PATHS.documents}>← {vl.library.title}</Link>
      </p>
      <h1 id="search-title" tabIndex={-1}>
        {vl.search.title}
      </h1>
      <SearchBox initial={q} autoFocus />
      {!q ? (
        <p class="muted">{vl.search.empty}</p>
      ) : paged.loading ? (
        <Loading />
      ) : paged.error && paged.items.length === 0 ? (
        <ErrorBox error={paged.error} onRetry={paged.reload}>
          {paged.error.network && <p>{vl.search.offline}</p>}
          {paged.error.network && (
            <p>
              <Link href={PATHS.documents}>{vl.library.offlineList}</Link>
            </p>
          )}
        </ErrorBox>
      ) : (
        <>
          {answer && <SearchFacets query={query} facets={answer.facets} />}
          {paged.items.length === 0 ? (
            <EmptyState title={vl.search.none(q)}>
              <p>{vl.search.noneHint}</p>
            </EmptyState>
          ) : (
            <>
              <p class="result-total" role="status">
                {vl.search.total(answer?.total ?? paged.items.length, q)}
              </p>
              <ol class="results">
                {paged.items.map((r, i) => (
                  <ResultItem key={i} r={r} />
                ))}
              </ol>
              <MoreButton paged={paged} label={vl.library.more} />
            </>
          )}
        </>
      )}
    </section>
  );
}
