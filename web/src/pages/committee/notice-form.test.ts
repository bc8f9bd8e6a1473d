import { describe, expect, it } from 'vitest';
import { vc } from '../../i18n/vi-committee';
import { vnToUnix } from '../../lib/vn-time';
import {
  EMPTY_AUDIENCE,
  addDocument,
  addMember,
  audienceEmpty,
  audienceInput,
  audienceText,
  coveredBy,
  emptyNoticeForm,
  groupFieldErrors,
  removeMember,
  toggleRole,
  toggleUnit,
  validateNotice,
  type NoticeForm,
} from './notice-form';

// Province 1 > district 2 > base committee 3 > cells 4, 5; base committee 6 under district 2.
const province = { id: 1, name: 'Đảng bộ tỉnh Sông Hồng', ancestors: [] };
const district = { id: 2, name: 'Đảng bộ xã Tân Phong', ancestors: [1] };
const base = { id: 3, name: 'Đảng bộ khu vực Tân Lập', ancestors: [1, 2] };
const cellA = { id: 4, name: 'Chi bộ thôn Đông', ancestors: [1, 2, 3] };
const cellB = { id: 5, name: 'Chi bộ thôn Tây', ancestors: [3, 2, 1] };
const other = { id: 6, name: 'Đảng bộ khu vực Phong Thịnh', ancestors: [1, 2] };

describe('the audience', () => {
  it('ticks units; a unit ticked above covers the ones below', () => {
    let a = toggleUnit(EMPTY_AUDIENCE, cellA, true);
    a = toggleUnit(a, cellB, true);
    a = toggleUnit(a, other, true);
    expect(a.units.map((u) => u.id)).toEqual([4, 5, 6]);
    // The base committee covers both cells: they leave the list, Phong Thịnh stays.
    a = toggleUnit(a, base, true);
    expect(a.units.map((u) => u.id)).toEqual([6, 3]);
    expect(coveredBy(a, cellA.ancestors)?.name).toBe('Đảng bộ khu vực Tân Lập');
    expect(coveredBy(a, district.ancestors)).toBeNull();
    // A cell under a ticked unit is not added again.
    expect(toggleUnit(a, cellA, true)).toBe(a);
    expect(toggleUnit(a, base, true)).toBe(a);
    // Unticking.
    a = toggleUnit(a, base, false);
    expect(a.units.map((u) => u.id)).toEqual([6]);
    a = toggleUnit(a, province, true);
    expect(a.units.map((u) => u.id)).toEqual([1]);
  });

  it('positions and named members', () => {
    let a = toggleRole(EMPTY_AUDIENCE, 'secretary', true);
    a = toggleRole(a, 'deputy_secretary', true);
    a = toggleRole(a, 'secretary', true);
    expect(a.roles).toEqual(['deputy_secretary', 'secretary']);
    a = toggleRole(a, 'deputy_secretary', false);
    expect(a.roles).toEqual(['secretary']);
    let r = addMember(a, { id: 70, full_name: 'Nguyễn Văn An' });
    expect(r.error).toBeUndefined();
    r = addMember(r.audience, { id: 70, full_name: 'Nguyễn Văn An' });
    expect(r.error).toBe(vc.notices.memberAlready);
    expect(r.audience.members).toHaveLength(1);
    expect(removeMember(r.audience, 70).members).toEqual([]);
  });

  it('becomes the API input with only what was chosen', () => {
    expect(audienceEmpty(EMPTY_AUDIENCE)).toBe(true);
    expect(audienceInput(EMPTY_AUDIENCE)).toEqual({});
    let a = toggleUnit(EMPTY_AUDIENCE, base, true);
    expect(audienceInput(a)).toEqual({ units: [3] });
    a = toggleRole(a, 'committee_member', true);
    a = addMember(a, { id: 9, full_name: 'Trần Thị Bình' }).audience;
    expect(audienceInput(a)).toEqual({ units: [3], roles: ['committee_member'], members: [9] });
    // Positions alone: across the sender's whole scope.
    expect(audienceInput(toggleRole(EMPTY_AUDIENCE, 'secretary', true))).toEqual({ roles: ['secretary'] });
    expect(audienceEmpty(toggleRole(EMPTY_AUDIENCE, 'secretary', true))).toBe(false);
  });

  it('is said in words for the confirmation', () => {
    let a = toggleUnit(EMPTY_AUDIENCE, base, true);
    a = toggleUnit(a, other, true);
    expect(audienceText(a)).toBe('Đảng bộ khu vực Tân Lập, Đảng bộ khu vực Phong Thịnh');
    a = toggleRole(a, 'secretary', true);
    a = addMember(a, { id: 9, full_name: 'Trần Thị Bình' }).audience;
    expect(audienceText(a)).toBe('Đảng bộ khu vực Tân Lập, Đảng bộ khu vực Phong Thịnh; chỉ người giữ chức Bí thư; Trần Thị Bình');
    expect(audienceText(toggleRole(EMPTY_AUDIENCE, 'committee_member', true))).toBe('mọi người giữ chức Cấp ủy viên trong phạm vi của bạn');
  });
});

describe('the form', () => {
  const now = vnToUnix('2026-05-01', '10:00')!;
  const filled = (extra: Partial<NoticeForm> = {}): NoticeForm => ({
    ...emptyNoticeForm(now),
    title: '  Họp chi bộ   bất thường ',
    body: 'Dòng 1  \r\nDòng 2\n',
    audience: toggleUnit(EMPTY_AUDIENCE, base, true),
    ...extra,
  });

  it('defaults: three days to acknowledge, scheduled for tomorrow morning', () => {
    const f = emptyNoticeForm(now);
    expect(f).toMatchObject({ ackDate: '2026-05-04', ackTime: '17:00', sendDate: '2026-05-02', sendTime: '07:30', priority: 'normal' });
  });

  it('says what is missing, next to each field', () => {
    const r = validateNotice(emptyNoticeForm(now), now);
    expect(r).toEqual({
      ok: false,
      errors: { title: vc.notices.titleRequired, body: vc.notices.bodyRequired, audience: vc.notices.audienceRequired },
    });
  });

  it('sends now: cleaned text, no time', () => {
    const r = validateNotice(filled({ priority: 'urgent' }), now);
    expect(r).toEqual({
      ok: true,
      input: {
        title: 'Họp chi bộ bất thường',
        body: 'Dòng 1\nDòng 2',
        priority: 'urgent',
        audience: { units: [3] },
        require_ack: false,
        ack_deadline: null,
        send_at: null,
      },
    });
  });

  it('a scheduled send and an acknowledgement deadline, in Vietnam time', () => {
    const r = validateNotice(
      filled({ schedule: true, sendDate: '2026-05-02', sendTime: '07:30', requireAck: true, ackDate: '2026-05-04', ackTime: '17:00' }),
      now,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input.send_at).toBe(Date.UTC(2026, 4, 2, 0, 30) / 1000);
    expect(r.input.ack_deadline).toBe(Date.UTC(2026, 4, 4, 10, 0) / 1000);
    expect(r.input.require_ack).toBe(true);
  });

  it('an acknowledgement without a deadline', () => {
    const r = validateNotice(filled({ requireAck: true, ackDate: '', ackTime: '' }), now);
    expect(r).toMatchObject({ ok: true, input: { require_ack: true, ack_deadline: null } });
  });

  it('refuses times in the past, half-filled, or a deadline before the send', () => {
    const t = vc.notices;
    expect(validateNotice(filled({ schedule: true, sendDate: '2026-05-01', sendTime: '09:00' }), now)).toMatchObject({ errors: { send_at: t.schedulePast } });
    expect(validateNotice(filled({ schedule: true, sendDate: '2026-05-02', sendTime: '' }), now)).toMatchObject({ errors: { send_at: t.dateTimeInvalid } });
    expect(validateNotice(filled({ requireAck: true, ackDate: '2026-04-30', ackTime: '17:00' }), now)).toMatchObject({ errors: { ack_deadline: t.deadlinePast } });
    expect(validateNotice(filled({ requireAck: true, ackDate: '2026-05-03', ackTime: '' }), now)).toMatchObject({ errors: { ack_deadline: t.dateTimeInvalid } });
    expect(
      validateNotice(filled({ schedule: true, sendDate: '2026-05-03', sendTime: '08:00', requireAck: true, ackDate: '2026-05-02', ackTime: '17:00' }), now),
    ).toMatchObject({ errors: { ack_deadline: t.deadlineBeforeSend } });
    // Not asked for: the deadline fields are ignored.
    expect(validateNotice(filled({ requireAck: false, ackDate: '2020-01-01' }), now).ok).toBe(true);
  });

  it('attaches documents once', () => {
    let r = addDocument([], { id: 7, number: '05-NQ/TU', title: 'Nghị quyết' });
    r = addDocument(r.documents, { id: 7, number: '05-NQ/TU', title: 'Nghị quyết' });
    expect(r.error).toBe(vc.notices.documentAlready);
    const v = validateNotice(filled({ documents: r.documents }), now);
    expect(v).toMatchObject({ ok: true, input: { documents: [7] } });
  });

  it('sends the ids of the uploaded files, and no files field when there are none', () => {
    const file = (id: number) => ({ id, file_name: `tep-${id}.pdf`, content_type: 'application/pdf', size: 10, url: `/api/v1/notice-files/${id}/file` });
    expect(validateNotice(filled({ files: [file(3), file(9)] }), now)).toMatchObject({ ok: true, input: { files: [3, 9] } });
    const none = validateNotice(filled({}), now);
    expect(none.ok && 'files' in none.input).toBe(false);
  });

  it('puts the server messages about parts of a field on that field', () => {
    expect(groupFieldErrors({ 'audience.units[0]': 'Ngoài phạm vi', 'audience.members': 'x', title: 'Dài quá' })).toEqual({
      audience: 'Ngoài phạm vi',
      title: 'Dài quá',
    });
  });
});
