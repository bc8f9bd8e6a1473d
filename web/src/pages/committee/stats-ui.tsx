// What the statistics screens share (reading statistics, notice follow-up): a load that repeats
// while the page is visible, the bar of a rate, and the table of who has not read (acknowledged).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, networkError } from '../../api/client';
import { barWidth, rateTone } from './ReadingStatsMath';

// Loads now, then again every `ms` while the tab is visible (and at once when it becomes visible
// again). Keeps the last answer on screen while the next one loads.
export function usePolling<T>(fetcher: (signal: AbortSignal) => Promise<T>, deps: unknown[], ms: number) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [at, setAt] = useState<Date | null>(null);
  const [tick, setTick] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  useEffect(() => {
    setData(undefined);
    setError(undefined);
  }, deps);
  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      timer = setTimeout(() => {
        if (document.visibilityState === 'hidden') schedule();
        else setTick((x) => x + 1);
      }, ms);
    };
    fetcherRef.current(ctrl.signal).then(
      (v) => {
        if (ctrl.signal.aborted) return;
        setData(() => v);
        setError(undefined);
        setAt(new Date());
        schedule();
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(e instanceof ApiError ? e : networkError());
        schedule();
      },
    );
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        if (timer) clearTimeout(timer);
        setTick((x) => x + 1);
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, ms]);
  const refresh = () => setTick((x) => x + 1);
  // `loading` and `reload` as in useApi, so <ApiState> shows the first load and its failure.
  return { data, error, at, refresh, reload: refresh, loading: data === undefined && !error };
}

export function RateBar({ pct, label }: { pct: number; label?: string }) {
  return (
    <div class={`e-bar e-tone-${rateTone(pct)}`} aria-hidden={label ? undefined : 'true'} role={label ? 'img' : undefined} aria-label={label}>
      <div class="e-bar-fill" style={{ width: barWidth(pct) }} />
    </div>
  );
}

// Members with their cell, and optional columns after them (a card per person on phones).
export function PeopleTable<T extends { id: number; full_name: string; unit_name: string }>({
  rows,
  nameLabel,
  unitLabel,
  extra = [],
}: {
  rows: readonly T[];
  nameLabel: string;
  unitLabel: string;
  extra?: readonly { label: string; cell: (row: T) => string }[];
}) {
  return (
    <table class="c-table">
      <thead>
        <tr>
          <th scope="col">{nameLabel}</th>
          <th scope="col">{unitLabel}</th>
          {extra.map((c) => (
            <th key={c.label} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.id}>
            <td data-label={nameLabel}>{m.full_name}</td>
            <td data-label={unitLabel}>{m.unit_name}</td>
            {extra.map((c) => (
              <td key={c.label} data-label={c.label}>
                {c.cell(m)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
