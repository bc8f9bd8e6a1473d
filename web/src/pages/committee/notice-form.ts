// The notice composer as plain data (no DOM; notice-form.test.ts covers it): who receives it (the
// audience: units with their subtrees, positions, named members), the checks done before sending
// with their Vietnamese messages next to the fields, and the conversion to NoticeInput. Dates and
// times are typed in Vietnam time and sent as unix seconds (lib/vn-time.ts).
import type { NoticeAudience, NoticeFile, NoticeInput, NoticePriority, NoticeRole } from '../../api/types';
import { POSITION_LABELS, vc } from '../../i18n/vi-committee';
import { vnDateInput, vnToUnix } from '../../lib/vn-time';
import type { DocRef } from './EditorApi';

// ---- the audience ----

export interface PickedUnit {
  id: number;
  name: string;
  // Ids of the units above it (any order): a unit chosen above covers it.
  ancestors: readonly number[];
}

export interface PickedMember {
  id: number;
  full_name: string;
}

export interface AudienceState {
  units: PickedUnit[];
  roles: NoticeRole[];
  members: PickedMember[];
}

export const EMPTY_AUDIENCE: AudienceState = { units: [], roles: [], members: [] };

// The chosen unit that already covers a unit (one of its ancestors), if any.
export function coveredBy(a: AudienceState, ancestors: readonly number[]): PickedUnit | null {
  return a.units.find((u) => ancestors.includes(u.id)) ?? null;
}

// Ticks or unticks a unit. Ticking a unit covers those below it: they leave the list (their
// members are included anyway); a unit already covered from above is not added twice.
export function toggleUnit(a: AudienceState, unit: PickedUnit, on: boolean): AudienceState {
  if (!on) return { ...a, units: a.units.filter((u) => u.id !== unit.id) };
  if (a.units.some((u) => u.id === unit.id) || coveredBy(a, unit.ancestors)) return a;
  return { ...a, units: [...a.units.filter((u) => !u.ancestors.includes(unit.id)), unit] };
}

export function toggleRole(a: AudienceState, role: NoticeRole, on: boolean): AudienceState {
  const roles = a.roles.filter((r) => r !== role);
  return { ...a, roles: on ? [...roles, role] : roles };
}

export function addMember(a: AudienceState, m: PickedMember): { audience: AudienceState; error?: string } {
  if (a.members.some((x) => x.id === m.id)) return { audience: a, error: vc.notices.memberAlready };
  return { audience: { ...a, members: [...a.members, { id: m.id, full_name: m.full_name }] } };
}

export function removeMember(a: AudienceState, id: number): AudienceState {
  return { ...a, members: a.members.filter((m) => m.id !== id) };
}

export function audienceEmpty(a: AudienceState): boolean {
  return a.units.length === 0 && a.roles.length === 0 && a.members.length === 0;
}

// What the API takes: ids only, and only the parts that were chosen.
export function audienceInput(a: AudienceState): NoticeAudience {
  const out: NoticeAudience = {};
  if (a.units.length) out.units = a.units.map((u) => u.id);
  if (a.roles.length) out.roles = [...a.roles];
  if (a.members.length) out.members = a.members.map((m) => m.id);
  return out;
}

// The choice in words, for the confirmation: "Đảng bộ khu vực Tân Lập; chỉ Bí thư; Nguyễn Văn An".
export function audienceText(a: AudienceState): string {
  const t = vc.notices;
  const parts: string[] = [];
  if (a.units.length) parts.push(a.units.map((u) => u.name).join(', '));
  if (a.roles.length) parts.push(t.onlyRoles(a.roles.map((r) => POSITION_LABELS[r] ?? r), a.units.length === 0));
  if (a.members.length) parts.push(a.members.map((m) => m.full_name).join(', '));
  return parts.join('; ');
}

// ---- the form ----

export interface NoticeForm {
  title: string;
  body: string;
  priority: NoticePriority;
  audience: AudienceState;
  requireAck: boolean;
  ackDate: string; // <input type="date">, Vietnam calendar
  ackTime: string; // <input type="time">
  schedule: boolean;
  sendDate: string;
  sendTime: string;
  documents: DocRef[];
  files: NoticeFile[]; // uploaded already, sent with the notice
}

export type Errors = Record<string, string>;

// Defaults a committee rarely changes: acknowledgement within three days at 17:00, a scheduled
// send tomorrow at 07:30 (both Vietnam time), left empty until those options are ticked.
export function emptyNoticeForm(now: number = Date.now() / 1000): NoticeForm {
  return {
    title: '',
    body: '',
    priority: 'normal',
    audience: EMPTY_AUDIENCE,
    requireAck: false,
    ackDate: vnDateInput(now + 3 * 86400),
    ackTime: '17:00',
    schedule: false,
    sendDate: vnDateInput(now + 86400),
    sendTime: '07:30',
    documents: [],
    files: [],
  };
}

export function addDocument(list: DocRef[], d: DocRef): { documents: DocRef[]; error?: string } {
  if (list.some((x) => x.id === d.id)) return { documents: list, error: vc.notices.documentAlready };
  return { documents: [...list, { id: d.id, number: d.number, title: d.title }] };
}

// Checks before sending. Field names are the API's (title, body, audience, ack_deadline, send_at),
// so the server's own messages for them land in the same places.
export function validateNotice(form: NoticeForm, now: number = Date.now() / 1000): { ok: true; input: NoticeInput } | { ok: false; errors: Errors } {
  const t = vc.notices;
  const errors: Errors = {};
  const title = form.title.replace(/\s+/g, ' ').trim();
  if (!title) errors.title = t.titleRequired;
  else if (title.length > 300) errors.title = t.titleTooLong;
  const body = form.body.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
  if (!body) errors.body = t.bodyRequired;
  if (audienceEmpty(form.audience)) errors.audience = t.audienceRequired;

  let sendAt: number | null = null;
  if (form.schedule) {
    sendAt = vnToUnix(form.sendDate, form.sendTime);
    if (sendAt === null) errors.send_at = t.dateTimeInvalid;
    else if (sendAt <= now + 60) errors.send_at = t.schedulePast;
  }
  let deadline: number | null = null;
  if (form.requireAck && (form.ackDate.trim() || form.ackTime.trim())) {
    deadline = vnToUnix(form.ackDate, form.ackTime);
    if (deadline === null) errors.ack_deadline = t.dateTimeInvalid;
    else if (deadline <= now) errors.ack_deadline = t.deadlinePast;
    else if (sendAt !== null && deadline <= sendAt) errors.ack_deadline = t.deadlineBeforeSend;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const input: NoticeInput = {
    title,
    body,
    priority: form.priority,
    audience: audienceInput(form.audience),
    require_ack: form.requireAck,
    ack_deadline: form.requireAck ? deadline : null,
    send_at: sendAt,
  };
  if (form.documents.length) input.documents = form.documents.map((d) => d.id);
  if (form.files.length) input.files = form.files.map((f) => f.id);
  return { ok: true, input };
}

// Where a message of the server about a field goes: "audience.units[0]" → "audience".
export function fieldKey(field: string): string {
  const base = field.split(/[.[]/)[0] ?? field;
  return base;
}

export function groupFieldErrors(fields: Record<string, string>): Errors {
  const out: Errors = {};
  for (const [k, msg] of Object.entries(fields)) {
    const key = fieldKey(k);
    if (!(key in out)) out[key] = msg;
  }
  return out;
}
