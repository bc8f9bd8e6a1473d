// The editor forms as plain data: what the screen holds (dates as typed, chosen units and
// documents as objects), the checks done before sending (each with its Vietnamese message, next to
// its field), and the conversion to the API's input. No DOM here: EditorForm.test.ts covers it.
import { DOCUMENT_KINDS, DOCUMENT_LEVELS, LEGAL_STATUSES, NEWS_CATEGORIES, ve, type RelationKind } from '../../i18n/vi-editor';
import { vc } from '../../i18n/vi-committee';
import type { DocRef, DocumentDetail, DocumentInput, NewsDetail, NewsInput, UnitRef } from './EditorApi';
import { parseDate, toInput } from './dates';

export interface DocumentForm {
  kind: string;
  number: string;
  title: string;
  summary: string;
  issuer: string;
  level: string;
  issued_on: string; // as typed: dd/mm/yyyy
  effective_on: string;
  legal_status: string;
  superseded_by: DocRef | null;
  topics: string[];
  audience: UnitRef[];
  owner_unit_id: number | null;
  body: string;
  relations: { relation: RelationKind; document: DocRef }[];
}

export type Errors = Record<string, string>;

export function emptyDocumentForm(ownerUnitId: number | null): DocumentForm {
  return {
    kind: 'nghi_quyet',
    number: '',
    title: '',
    summary: '',
    issuer: '',
    level: 'base',
    issued_on: '',
    effective_on: '',
    legal_status: 'in_force',
    superseded_by: null,
    topics: [],
    audience: [],
    owner_unit_id: ownerUnitId,
    body: '',
    relations: [],
  };
}

export function documentFormOf(d: DocumentDetail): DocumentForm {
  return {
    kind: d.kind,
    number: d.number ?? '',
    title: d.title ?? '',
    summary: d.summary ?? '',
    issuer: d.issuer ?? '',
    level: d.level,
    issued_on: toInput(d.issued_on),
    effective_on: toInput(d.effective_on),
    legal_status: d.legal_status,
    superseded_by: d.superseded_by ?? null,
    topics: [...(d.topics ?? [])],
    audience: (d.audience ?? []).map((u) => ({ id: u.id, name: u.name })),
    owner_unit_id: d.owner_unit_id,
    body: d.body ?? '',
    relations: (d.relations ?? []).map((r) => ({ relation: r.relation, document: r.document })),
  };
}

const codes = (list: readonly (readonly [string, string])[]) => new Set(list.map(([c]) => c));
const KIND_CODES = codes(DOCUMENT_KINDS);
const LEVEL_CODES = codes(DOCUMENT_LEVELS);
const STATUS_CODES = codes(LEGAL_STATUSES);
const CATEGORY_CODES = codes(NEWS_CATEGORIES);

// An optional date: '' → null; a typed date → YYYY-MM-DD; anything else → the message.
function optionalDate(text: string, errors: Errors, field: string): string | null {
  if (!text.trim()) return null;
  const iso = parseDate(text);
  if (!iso) errors[field] = vc.dateInvalid;
  return iso;
}

export function validateDocument(
  form: DocumentForm,
  selfId: number | null = null,
): { ok: true; input: DocumentInput } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const t = ve.documents;
  const title = form.title.trim();
  if (!title) errors.title = t.titleRequired;
  else if (title.length > 500) errors.title = t.titleTooLong;
  if (!KIND_CODES.has(form.kind)) errors.kind = t.kindRequired;
  if (!LEVEL_CODES.has(form.level)) errors.level = t.levelRequired;
  const number = form.number.trim().replace(/\s+/g, ' ');
  if (number.length > 60) errors.number = t.numberTooLong;
  const issued = optionalDate(form.issued_on, errors, 'issued_on');
  const effective = optionalDate(form.effective_on, errors, 'effective_on');
  if (issued && effective && effective < issued) errors.effective_on = t.effectiveBeforeIssued;
  const status = STATUS_CODES.has(form.legal_status) ? form.legal_status : 'in_force';
  if (status === 'superseded' && !form.superseded_by) errors.superseded_by = t.supersededRequired;
  if (selfId !== null && form.superseded_by?.id === selfId) errors.superseded_by = t.relationSelf;
  if (selfId !== null && form.relations.some((r) => r.document.id === selfId)) errors.relations = t.relationSelf;
  if (form.owner_unit_id === null) errors.owner_unit_id = ve.common.ownerRequired;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      kind: form.kind as DocumentInput['kind'],
      number,
      title,
      summary: form.summary.trim(),
      issuer: form.issuer.trim(),
      level: form.level as DocumentInput['level'],
      issued_on: issued,
      effective_on: effective,
      legal_status: status as DocumentInput['legal_status'],
      superseded_by: status === 'superseded' ? (form.superseded_by?.id ?? null) : null,
      topics: normalizeTopics(form.topics),
      audience_unit_ids: form.audience.map((u) => u.id),
      owner_unit_id: form.owner_unit_id!,
      // Line ends as the server splits them; trailing spaces on lines are noise.
      body: form.body.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, ''),
      relations: form.relations.map((r) => ({ relation: r.relation, target_id: r.document.id })),
    },
  };
}

// ---- topics (chips) ----

// "  điều lệ   Đảng " → "điều lệ Đảng"; '' when nothing is left.
export function cleanTopic(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// Adds a typed topic unless it is empty or already there (compared without case).
export function addTopic(topics: string[], text: string): { topics: string[]; error?: string } {
  const topic = cleanTopic(text);
  if (!topic) return { topics };
  if (topic.length > 60) return { topics, error: ve.documents.topicTooLong };
  const key = topic.toLocaleLowerCase('vi');
  if (topics.some((x) => x.toLocaleLowerCase('vi') === key)) return { topics };
  return { topics: [...topics, topic] };
}

export function normalizeTopics(topics: string[]): string[] {
  let out: string[] = [];
  for (const t of topics) out = addTopic(out, t).topics;
  return out;
}

// ---- relations and audience ----

export function addRelation(
  list: DocumentForm['relations'],
  relation: RelationKind,
  doc: DocRef,
  selfId: number | null,
): { relations: DocumentForm['relations']; error?: string } {
  if (selfId !== null && doc.id === selfId) return { relations: list, error: ve.documents.relationSelf };
  if (list.some((r) => r.document.id === doc.id && r.relation === relation))
    return { relations: list, error: ve.documents.relationAlready };
  return { relations: [...list, { relation, document: { id: doc.id, number: doc.number, title: doc.title } }] };
}

export function addAudience(list: UnitRef[], unit: UnitRef): { audience: UnitRef[]; error?: string } {
  if (list.some((u) => u.id === unit.id)) return { audience: list, error: ve.common.audienceAlready };
  return { audience: [...list, { id: unit.id, name: unit.name }] };
}

// ---- news ----

export interface NewsForm {
  title: string;
  summary: string;
  category: string;
  body: string;
  pinned: boolean;
  audience: UnitRef[];
  owner_unit_id: number | null;
}

export function emptyNewsForm(ownerUnitId: number | null): NewsForm {
  return { title: '', summary: '', category: NEWS_CATEGORIES[0][0], body: '', pinned: false, audience: [], owner_unit_id: ownerUnitId };
}

export function newsFormOf(d: NewsDetail): NewsForm {
  return {
    title: d.title ?? '',
    summary: d.summary ?? '',
    category: d.category,
    body: d.body ?? '',
    pinned: !!d.pinned,
    audience: (d.audience ?? []).map((u) => ({ id: u.id, name: u.name })),
    owner_unit_id: d.owner_unit_id,
  };
}

export function validateNews(form: NewsForm): { ok: true; input: NewsInput } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const t = ve.news;
  const title = form.title.trim();
  if (!title) errors.title = t.titleRequired;
  else if (title.length > 300) errors.title = t.titleTooLong;
  if (!CATEGORY_CODES.has(form.category)) errors.category = t.categoryRequired;
  if (!form.body.trim()) errors.body = t.bodyRequired;
  if (form.owner_unit_id === null) errors.owner_unit_id = ve.common.ownerRequired;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      title,
      summary: form.summary.trim(),
      category: form.category,
      body: form.body.replace(/\r\n?/g, '\n'),
      pinned: form.pinned,
      audience_unit_ids: form.audience.map((u) => u.id),
      owner_unit_id: form.owner_unit_id!,
    },
  };
}

// ---- required reading ----

export function validateRequired(
  unit: UnitRef | null,
  deadlineText: string,
  note: string,
  today: string,
): { ok: true; body: { unit_id: number; deadline: string; note: string } } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  if (!unit) errors.unit_id = vc.picker.required;
  let deadline: string | null = null;
  if (!deadlineText.trim()) errors.deadline = ve.required.deadlineRequired;
  else {
    deadline = parseDate(deadlineText);
    if (!deadline) errors.deadline = vc.dateInvalid;
    else if (deadline < today) errors.deadline = ve.required.deadlinePast;
  }
  if (note.trim().length > 500) errors.note = ve.required.noteTooLong;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { unit_id: unit!.id, deadline: deadline!, note: note.trim() } };
}

// ---- scheduled publishing ----

// The value of an <input type="datetime-local"> ("2026-05-01T08:00", the device's local time) →
// the instant to send (unix seconds), or the message to show.
export function parseSchedule(value: string, now: Date = new Date()): { ok: true; at: Date; unix: number } | { ok: false; error: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return { ok: false, error: ve.workflow.scheduleRequired };
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi, 0, 0);
  if (Number.isNaN(at.getTime()) || at.getMonth() !== mo - 1 || at.getDate() !== d)
    return { ok: false, error: ve.workflow.scheduleRequired };
  if (at.getTime() <= now.getTime() + 30_000) return { ok: false, error: ve.workflow.schedulePast };
  return { ok: true, at, unix: Math.floor(at.getTime() / 1000) };
}

// ---- unsaved changes ----

export function sameForm<T>(a: T, b: T): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// Which workflow steps make sense from a state (the server has the last word on permissions).
export function stepsFor(state: string): ('submit' | 'publish' | 'schedule' | 'return' | 'withdraw')[] {
  switch (state) {
    case 'draft':
      return ['submit', 'publish', 'schedule'];
    case 'submitted':
      return ['publish', 'schedule', 'return'];
    case 'published':
      return ['withdraw'];
    case 'withdrawn':
      return ['publish'];
    default:
      return [];
  }
}

// After the server changed an item by itself (text extracted from an attachment fills the body),
// take its values for the fields the person has not touched and keep their own edits: a three-way
// merge of (what was loaded, what is on screen, what the server has now).
export function rebaseForm<T extends object>(base: T, mine: T, server: T): T {
  const out = { ...server };
  for (const key of Object.keys(mine) as (keyof T)[]) {
    if (JSON.stringify(mine[key]) !== JSON.stringify(base[key])) out[key] = mine[key];
  }
  return out;
}
