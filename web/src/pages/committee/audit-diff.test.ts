import { describe, expect, it } from 'vitest';
import { actionLabel, diffEntries, entityLabel, formatValue } from './audit-diff';

describe('diffEntries', () => {
  it('marks only the fields that changed, with Vietnamese names and values', () => {
    const rows = diffEntries(
      { id: 5, name: 'Chi bộ thôn Tây', parent_id: 3, valid_from: '2020-01-01' },
      { id: 5, name: 'Chi bộ thôn Tây', parent_id: 9, valid_from: '2026-11-20' },
    );
    expect(rows.filter((r) => r.changed).map((r) => r.key)).toEqual(['parent_id', 'valid_from']);
    expect(rows.find((r) => r.key === 'valid_from')).toMatchObject({
      label: 'Hiệu lực từ',
      before: '01/01/2020',
      after: '20/11/2026',
    });
    expect(rows.find((r) => r.key === 'name')).toMatchObject({ label: 'Tên', changed: false });
  });

  it('a creation (no before) or a deletion (no after) shows every field as news', () => {
    const created = diffEntries(null, { status: 'official', full_name: 'Trần Văn Bình' });
    expect(created.every((r) => r.changed)).toBe(true);
    expect(created.find((r) => r.key === 'status')).toMatchObject({ before: '—', after: 'Chính thức' });
    const revoked = diffEntries({ role: 'cell_committee', unit_name: 'Chi bộ thôn Đông' }, null);
    expect(revoked.find((r) => r.key === 'role')).toMatchObject({ before: 'Chi ủy', after: '—', changed: true });
  });

  it('fields present on one side only count as changed; a null and a missing field do not', () => {
    const rows = diffEntries({ a: 1, email: null }, { a: 1, b: 2 });
    expect(rows.map((r) => [r.key, r.changed])).toEqual([
      ['a', false],
      ['email', false],
      ['b', true],
    ]);
  });

  it('keeps going on values that are not objects', () => {
    expect(diffEntries('x', 3)).toEqual([]);
  });
});

describe('formatValue', () => {
  it('turns codes and booleans into words', () => {
    expect(formatValue('sex', 'nu')).toBe('Nữ');
    expect(formatValue('kind', 'base_committee')).toBe('Đảng bộ cơ sở');
    expect(formatValue('must_change_password', true)).toBe('Có');
    expect(formatValue('anything', null)).toBe('—');
    expect(formatValue('anything', { x: 1 })).toBe('{"x":1}');
    expect(formatValue('note', 'tự do')).toBe('tự do');
  });
});

describe('labels', () => {
  it('names actions and objects in Vietnamese, the raw code only when unknown', () => {
    expect(actionLabel('unit.move')).toBe('Chuyển tổ chức đảng');
    expect(actionLabel('role.revoke')).toBe('Thu hồi vai trò');
    expect(actionLabel('something.new')).toBe('something.new');
    expect(entityLabel('role_grant')).toBe('Vai trò');
  });
});
