// The audit log's before/after, made readable: one row per field with Vietnamese names and
// values (dates as dd/mm/yyyy, statuses and roles in words), the fields that changed marked.
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  FIELD_LABELS,
  KIND_LABELS,
  POSITION_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  ddmmyyyy,
  vc,
} from '../../i18n/vi-committee';

export interface DiffRow {
  key: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: STATUS_LABELS,
  role: ROLE_LABELS,
  kind: KIND_LABELS,
  position: POSITION_LABELS,
  sex: { nam: 'Nam', nu: 'Nữ' },
};

export function formatValue(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return vc.none;
  if (typeof v === 'boolean') return v ? vc.yes : vc.no;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    const labels = VALUE_LABELS[key];
    if (labels && labels[v]) return labels[v]!;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return ddmmyyyy(v);
    return v;
  }
  return JSON.stringify(v);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  return JSON.stringify(a) === JSON.stringify(b);
}

// Fields of `before` and `after` (either may be null: a creation has no before, a deletion no
// after), in the order they first appear.
export function diffEntries(before: unknown, after: unknown): DiffRow[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys: string[] = [];
  for (const k of [...Object.keys(b), ...Object.keys(a)]) if (!keys.includes(k)) keys.push(k);
  const oneSided = !isRecord(before) || !isRecord(after);
  return keys.map((key) => ({
    key,
    label: FIELD_LABELS[key] ?? key,
    before: key in b ? formatValue(key, b[key]) : vc.none,
    after: key in a ? formatValue(key, a[key]) : vc.none,
    // When one side is missing every field is news; otherwise only what differs.
    changed: oneSided ? true : !same(b[key], a[key]),
  }));
}

export function actionLabel(action: string): string {
  return AUDIT_ACTIONS[action] ?? action;
}

export function entityLabel(entity: string): string {
  return AUDIT_ENTITIES[entity] ?? entity;
}
