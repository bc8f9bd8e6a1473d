import { describe, expect, it } from 'vitest';
import { ve } from '../../i18n/vi-editor';
import { vc } from '../../i18n/vi-committee';
import type { DocumentDetail } from './EditorApi';
import {
  addAudience,
  addRelation,
  addTopic,
  cleanTopic,
  documentFormOf,
  emptyDocumentForm,
  emptyNewsForm,
  parseSchedule,
  rebaseForm,
  sameForm,
  stepsFor,
  validateDocument,
  validateNews,
  validateRequired,
  type DocumentForm,
} from './EditorForm';

const form = (over: Partial<DocumentForm> = {}): DocumentForm => ({ ...emptyDocumentForm(5), title: 'Quy định thi hành Điều lệ Đảng', ...over });

describe('document form', () => {
  it('accepts a minimal document and builds the API input', () => {
    const r = validateDocument(form({ number: '  294-QĐ/TW ', issued_on: '5/3/2026', topics: ['Điều lệ', ' điều lệ '] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input).toMatchObject({
      kind: 'nghi_quyet',
      number: '294-QĐ/TW',
      title: 'Quy định thi hành Điều lệ Đảng',
      level: 'base',
      issued_on: '2026-03-05',
      effective_on: null,
      legal_status: 'in_force',
      superseded_by: null,
      topics: ['Điều lệ'],
      audience_unit_ids: [],
      owner_unit_id: 5,
      relations: [],
    });
  });

  it('says in Vietnamese what is missing or wrong, next to each field', () => {
    const r = validateDocument(form({ title: '  ', issued_on: '31/02/2026', effective_on: 'hôm qua', owner_unit_id: null, kind: 'x' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.title).toBe('Vui lòng nhập tên tài liệu.');
    expect(r.errors.issued_on).toBe(vc.dateInvalid);
    expect(r.errors.effective_on).toBe(vc.dateInvalid);
    expect(r.errors.owner_unit_id).toBe(ve.common.ownerRequired);
    expect(r.errors.kind).toBe(ve.documents.kindRequired);
  });

  it('refuses an effective date before the issue date', () => {
    const r = validateDocument(form({ issued_on: '10/03/2026', effective_on: '09/03/2026' }));
    expect(r.ok ? null : r.errors.effective_on).toBe('Ngày có hiệu lực không được trước ngày ban hành.');
    expect(validateDocument(form({ issued_on: '10/03/2026', effective_on: '10/03/2026' })).ok).toBe(true);
  });

  it('asks which document replaces a superseded one, and never itself', () => {
    const r = validateDocument(form({ legal_status: 'superseded' }));
    expect(r.ok ? null : r.errors.superseded_by).toBe('Hãy chọn văn bản thay thế.');
    const self = validateDocument(form({ legal_status: 'superseded', superseded_by: { id: 9, number: '', title: 'x' } }), 9);
    expect(self.ok ? null : self.errors.superseded_by).toBe(ve.documents.relationSelf);
    const ok = validateDocument(form({ legal_status: 'superseded', superseded_by: { id: 3, number: '1-QĐ/TW', title: 'x' } }), 9);
    expect(ok.ok && ok.input.superseded_by).toBe(3);
    // Back in force: the old "replaced by" is not sent.
    const back = validateDocument(form({ legal_status: 'in_force', superseded_by: { id: 3, number: '', title: 'x' } }));
    expect(back.ok && back.input.superseded_by).toBe(null);
  });

  it('normalizes line ends and trailing spaces of the body', () => {
    const r = validateDocument(form({ body: 'Điều 1. Phạm vi   \r\nNội dung\rDòng' }));
    expect(r.ok && r.input.body).toBe('Điều 1. Phạm vi\nNội dung\nDòng');
  });

  it('round-trips a loaded document into the form', () => {
    const doc = {
      id: 4,
      kind: 'quy_dinh',
      number: '294-QĐ/TW',
      title: 'T',
      summary: '',
      issuer: 'BCH TW',
      level: 'central',
      issued_on: '2025-05-26',
      effective_on: null,
      legal_status: 'in_force',
      topics: ['a'],
      published_at: null,
      is_new: false,
      read: { opened: false, reached_end: false },
      favourite: false,
      required: null,
      state: 'draft',
      version: 3,
      owner_unit_id: 1,
      body: 'x',
      sections: [],
      attachments: [],
      relations: [{ relation: 'replaces', document: { id: 2, number: '30-QĐ/TW', title: 'Cũ' } }],
      superseded_by: null,
      audience: [{ id: 7, name: 'Chi bộ thôn Đông' }],
      can_edit: true,
    } satisfies DocumentDetail;
    const f = documentFormOf(doc);
    expect(f.issued_on).toBe('26/05/2025');
    expect(f.audience).toEqual([{ id: 7, name: 'Chi bộ thôn Đông' }]);
    const r = validateDocument(f, 4);
    expect(r.ok && r.input.relations).toEqual([{ relation: 'replaces', target_id: 2 }]);
    expect(r.ok && r.input.issued_on).toBe('2025-05-26');
  });
});

describe('topics, relations, audience', () => {
  it('adds a topic once, tidied, refusing long ones', () => {
    expect(cleanTopic('  điều lệ   Đảng ')).toBe('điều lệ Đảng');
    expect(addTopic(['Điều lệ Đảng'], 'điều lệ đảng').topics).toEqual(['Điều lệ Đảng']);
    expect(addTopic([], '   ').topics).toEqual([]);
    expect(addTopic([], 'x'.repeat(61)).error).toBe(ve.documents.topicTooLong);
    expect(addTopic(['a'], 'Công tác kiểm tra').topics).toEqual(['a', 'Công tác kiểm tra']);
  });

  it('adds a relation once and never to the document itself', () => {
    const d = { id: 3, number: '1', title: 'x' };
    const one = addRelation([], 'amends', d, 9);
    expect(one.relations).toHaveLength(1);
    expect(addRelation(one.relations, 'amends', d, 9).error).toBe(ve.documents.relationAlready);
    expect(addRelation(one.relations, 'implements', d, 9).relations).toHaveLength(2);
    expect(addRelation([], 'amends', { ...d, id: 9 }, 9).error).toBe(ve.documents.relationSelf);
  });

  it('adds an audience unit once', () => {
    const a = addAudience([], { id: 1, name: 'A' });
    expect(a.audience).toEqual([{ id: 1, name: 'A' }]);
    expect(addAudience(a.audience, { id: 1, name: 'A' }).error).toBe(ve.common.audienceAlready);
  });
});

describe('news form', () => {
  it('needs a title, a category and a body', () => {
    const r = validateNews({ ...emptyNewsForm(2), category: '' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      title: 'Vui lòng nhập tiêu đề.',
      category: 'Vui lòng chọn chuyên mục.',
      body: 'Vui lòng nhập nội dung tin.',
    });
    const ok = validateNews({ ...emptyNewsForm(2), title: ' Hội nghị ', body: 'Nội dung', pinned: true });
    expect(ok.ok && ok.input).toEqual({
      title: 'Hội nghị',
      summary: '',
      category: 'Thời sự',
      body: 'Nội dung',
      pinned: true,
      audience_unit_ids: [],
      owner_unit_id: 2,
    });
  });
});

describe('required reading', () => {
  const unit = { id: 4, name: 'Đảng bộ khu vực Tân Lập' };
  it('needs a unit and a deadline from today on', () => {
    const r = validateRequired(null, '', '', '2026-05-01');
    expect(r.ok ? null : r.errors).toEqual({ unit_id: vc.picker.required, deadline: 'Vui lòng nhập hạn đọc xong.' });
    const past = validateRequired(unit, '30/04/2026', '', '2026-05-01');
    expect(past.ok ? null : past.errors.deadline).toBe('Hạn đọc xong không được trước hôm nay.');
    const bad = validateRequired(unit, '32/04/2026', '', '2026-05-01');
    expect(bad.ok ? null : bad.errors.deadline).toBe(vc.dateInvalid);
    const ok = validateRequired(unit, '01/05/2026', '  Chuẩn bị sinh hoạt ', '2026-05-01');
    expect(ok.ok && ok.body).toEqual({ unit_id: 4, deadline: '2026-05-01', note: 'Chuẩn bị sinh hoạt' });
  });
});

describe('scheduled publishing', () => {
  const now = new Date(2026, 4, 1, 9, 0, 0);
  it('takes a future local date and time', () => {
    const r = parseSchedule('2026-05-01T14:30', now);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.at.getHours()).toBe(14);
      expect(r.unix).toBe(Math.floor(new Date(2026, 4, 1, 14, 30).getTime() / 1000));
    }
  });
  it('refuses the past, an empty value and impossible dates', () => {
    expect(parseSchedule('2026-05-01T08:59', now)).toEqual({ ok: false, error: 'Thời điểm đăng phải ở tương lai.' });
    expect(parseSchedule('', now)).toEqual({ ok: false, error: 'Vui lòng chọn ngày và giờ đăng.' });
    expect(parseSchedule('2026-02-30T10:00', now)).toEqual({ ok: false, error: 'Vui lòng chọn ngày và giờ đăng.' });
  });
});

describe('workflow and unsaved changes', () => {
  it('offers the steps that make sense from each state', () => {
    expect(stepsFor('draft')).toEqual(['submit', 'publish', 'schedule']);
    expect(stepsFor('submitted')).toEqual(['publish', 'schedule', 'return']);
    expect(stepsFor('published')).toEqual(['withdraw']);
    expect(stepsFor('withdrawn')).toEqual(['publish']);
  });

  it('merges what the server filled in with what the person changed', () => {
    const base = form({ body: '', title: 'Cũ' });
    const mine = { ...base, title: 'Mới' };
    const server = { ...base, body: 'Điều 1. Văn bản từ tệp' };
    const merged = rebaseForm(base, mine, server);
    expect(merged.title).toBe('Mới');
    expect(merged.body).toBe('Điều 1. Văn bản từ tệp');
    // A body the person typed wins over the server's.
    expect(rebaseForm(base, { ...base, body: 'gõ tay' }, server).body).toBe('gõ tay');
    expect(sameForm(base, { ...base })).toBe(true);
    expect(sameForm(base, mine)).toBe(false);
  });
});

describe('confirmation wording', () => {
  const c = ve.workflow.confirm;
  it('says what will happen, in plain words', () => {
    expect(c.publish('Nghị quyết 57', ve.workflow.audienceAll('Đảng bộ khu vực Tân Lập'))).toBe(
      '“Nghị quyết 57” sẽ được đăng ngay. Mọi đảng viên thuộc Đảng bộ khu vực Tân Lập sẽ thấy bài trong Sổ tay.',
    );
    expect(c.schedule('NQ', '01/05/2026 08:00', ve.workflow.audienceUnits(['Chi bộ thôn Đông', 'Chi bộ thôn Tây']))).toBe(
      '“NQ” sẽ tự động được đăng lúc 01/05/2026 08:00. Từ lúc đó, đảng viên thuộc Chi bộ thôn Đông, Chi bộ thôn Tây sẽ thấy bài.',
    );
    expect(c.withdraw('NQ')).toContain('không còn thấy bài');
    expect(c.return('NQ')).toContain('Nháp');
    expect(ve.required.confirm('NQ', 'Chi bộ thôn Đông', '08/05/2026')).toBe(
      'Mọi đảng viên thuộc Chi bộ thôn Đông (kể cả các đơn vị cấp dưới) sẽ được yêu cầu đọc “NQ” trước hết ngày 08/05/2026. Họ sẽ thấy tài liệu trong mục “Tài liệu cần đọc”.',
    );
    expect(ve.stats.reminded(0)).toBe('Không có ai cần nhắc.');
    expect(ve.stats.reminded(1234)).toBe('Đã nhắc 1.234 đảng viên.');
  });
});
