// Filters of the library and of search results live in the address (?kind=quy_dinh&year=2025),
// so the back button, a reload and a shared link all keep them. These helpers turn the address
// into the API's query and back, and build the links of the filter chips.
import type { DocumentKind, DocumentLevel, LegalStatus } from './types';

export const KINDS: readonly DocumentKind[] = [
  'nghi_quyet',
  'quy_dinh',
  'chi_thi',
  'ket_luan',
  'huong_dan',
  'ke_hoach',
  'quyet_dinh',
  'thong_bao',
  'cong_van',
  'tai_lieu_hoc_tap',
  'khac',
];
export const LEVELS: readonly DocumentLevel[] = ['central', 'province', 'base', 'cell'];
export const STATUSES: readonly LegalStatus[] = ['in_force', 'superseded', 'expired'];

function oneOf<T extends string>(list: readonly T[], v: string | null): T | undefined {
  return v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;
}
function positiveInt(v: string | null): number | undefined {
  if (v === null || !/^\d{1,9}$/.test(v)) return undefined;
  const n = Number(v);
  return n > 0 ? n : undefined;
}
function text(v: string | null): string | undefined {
  const t = v?.trim();
  return t ? t.slice(0, 200) : undefined;
}

export interface DocumentFilters {
  kind?: DocumentKind;
  level?: DocumentLevel;
  topic?: string;
  year?: number;
}

export interface SearchFilters {
  kind?: DocumentKind;
  level?: DocumentLevel;
  year?: number;
  status?: LegalStatus;
  unit?: number;
}

// Only known values: a hand-edited address must not send the API something it refuses.
export function documentFilters(q: URLSearchParams): DocumentFilters {
  const f: DocumentFilters = {};
  const kind = oneOf(KINDS, q.get('kind'));
  const level = oneOf(LEVELS, q.get('level'));
  const topic = text(q.get('topic'));
  const year = positiveInt(q.get('year'));
  if (kind) f.kind = kind;
  if (level) f.level = level;
  if (topic) f.topic = topic;
  if (year) f.year = year;
  return f;
}

export function searchFilters(q: URLSearchParams): SearchFilters {
  const f: SearchFilters = {};
  const kind = oneOf(KINDS, q.get('kind'));
  const level = oneOf(LEVELS, q.get('level'));
  const status = oneOf(STATUSES, q.get('status'));
  const year = positiveInt(q.get('year'));
  const unit = positiveInt(q.get('unit'));
  if (kind) f.kind = kind;
  if (level) f.level = level;
  if (year) f.year = year;
  if (status) f.status = status;
  if (unit) f.unit = unit;
  return f;
}

export function activeCount(f: object): number {
  return Object.values(f).filter((v) => v !== undefined).length;
}

// The address with some parameters set (a string) or removed (null); empty values are dropped.
// Paging parameters never survive a change of filter: page 3 of another list makes no sense.
export function hrefWith(path: string, query: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(query);
  next.delete('cursor');
  next.delete('offset');
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') next.delete(k);
    else next.set(k, v);
  }
  next.sort();
  const qs = next.toString();
  return qs ? `${path}?${qs}` : path;
}

// A chip's link: choosing the chosen value again removes the filter.
export function toggleHref(path: string, query: URLSearchParams, key: string, value: string): string {
  return hrefWith(path, query, { [key]: query.get(key) === value ? null : value });
}

export function clearHref(path: string, query: URLSearchParams, keys: readonly string[], keep: readonly string[] = []): string {
  const changes: Record<string, null> = {};
  for (const k of keys) if (!keep.includes(k)) changes[k] = null;
  return hrefWith(path, query, changes);
}
