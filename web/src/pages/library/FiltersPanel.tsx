// The filter chips' panel of the library and of search: open on a wide screen or when a filter is
// set, with the count of those set and "Bỏ lọc".
import type { ComponentChildren } from 'preact';
import { vl } from '../../i18n/vi-library';
import { Link } from '../../lib/router';
import { clearHref } from './filters';

export function FiltersPanel({
  path,
  query,
  count,
  keys,
  children,
}: {
  path: string;
  query: URLSearchParams;
  count: number;
  keys: readonly string[];
  children: ComponentChildren;
}) {
  const wide = typeof matchMedia !== 'undefined' && matchMedia('(min-width: 60rem)').matches;
  return (
    <details class="filters" open={wide || count > 0}>
      <summary>
        {vl.library.filters}
        {count > 0 ? ` (${count})` : ''}
      </summary>
      {children}
      {count > 0 && (
        <p>
          <Link class="btn btn-link" href={clearHref(path, query, keys)}>
            {vl.library.clearFilters}
          </Link>
        </p>
      )}
    </details>
  );
}
