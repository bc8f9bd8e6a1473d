// A list read page by page ("Xem thêm"): the first page keyed by the filters, later pages
// appended in memory (not in the address). Used by the library, the news, the inbox and the
// committee's list of notices.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, networkError } from '../api/client';

export interface Paged<T> {
  items: T[];
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | undefined;
  hasMore: boolean;
  more: () => void;
  reload: () => void;
}

// First page keyed by `key` (the filters); later pages appended in memory, not in the address.
export function usePaged<T, C>(
  key: string,
  fetchPage: (cursor: C | undefined, signal: AbortSignal) => Promise<{ items: T[]; next: C | null | undefined }>,
): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<C | null | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const ctrl = useRef<AbortController | null>(null);

  const run = (cursor: C | undefined, append: boolean) => {
    ctrl.current?.abort();
    const c = new AbortController();
    ctrl.current = c;
    if (append) setLoadingMore(true);
    else setLoading(true);
    setError(undefined);
    fetchRef.current(cursor, c.signal).then(
      (page) => {
        if (c.signal.aborted) return;
        setItems((old) => (append ? [...old, ...page.items] : page.items));
        setNext(page.next);
        setLoading(false);
        setLoadingMore(false);
      },
      (e: unknown) => {
        if (c.signal.aborted) return;
        setError(e instanceof ApiError ? e : networkError());
        setLoading(false);
        setLoadingMore(false);
      },
    );
  };

  useEffect(() => {
    setItems([]);
    setNext(undefined);
    run(undefined, false);
    return () => ctrl.current?.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);

  return {
    items,
    loading,
    loadingMore,
    error,
    hasMore: next !== null && next !== undefined,
    more: () => {
      if (next !== null && next !== undefined && !loadingMore) run(next, true);
    },
    reload: () => setTick((t) => t + 1),
  };
}
