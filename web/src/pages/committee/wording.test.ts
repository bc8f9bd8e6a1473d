// The sentences confirmation dialogs show: plain words, real names, dates as dd/mm/yyyy.
import { describe, expect, it } from 'vitest';
import { CHANGE_LABELS, ROLE_LABELS, confirmText, count, ddmmyyyy, vc } from '../../i18n/vi-committee';

describe('confirmation wording', () => {
  it('move says what moves, with how many members, where to, from when and from where', () => {
    expect(confirmText.move('Chi bộ thôn Tây', 25, 0, 'Đảng bộ khu vực Tân Lập', 'Đảng bộ khu vực Phong Thịnh', '2026-11-20')).toBe(
      'Chi bộ thôn Tây (25 đảng viên) sẽ được chuyển sang trực thuộc Đảng bộ khu vực Phong Thịnh từ ngày 20/11/2026 (hiện trực thuộc Đảng bộ khu vực Tân Lập).',
    );
  });

  it('move mentions the units that go along, and leaves out a zero member count', () => {
    expect(confirmText.move('Đảng bộ xã A', 0, 3, null, 'Đảng bộ tỉnh B', '2026-01-05')).toBe(
      'Đảng bộ xã A, cùng 3 đơn vị cấp dưới, sẽ được chuyển sang trực thuộc Đảng bộ tỉnh B từ ngày 05/01/2026.',
    );
  });

  it('merge says where members and units go and that the unit stops', () => {
    const text = confirmText.merge('Chi bộ thôn Nam', 32, 4, 2, 'Chi bộ thôn Đông', '2026-07-01');
    expect(text).toContain('Chi bộ thôn Nam (32 đảng viên) sẽ được hợp nhất vào Chi bộ thôn Đông từ ngày 01/07/2026.');
    // Only those in the cell itself change cell; those in its party groups move with the groups.
    expect(text).toContain('4 đảng viên của Chi bộ thôn Nam chuyển sang sinh hoạt tại Chi bộ thôn Đông.');
    expect(text).toContain('Các đơn vị cấp dưới (2 đơn vị) chuyển theo sang Chi bộ thôn Đông.');
    expect(text).toContain('Chi bộ thôn Nam thôi hoạt động.');
  });

  it('rename, close, create, transfer, status, roles', () => {
    expect(confirmText.rename('Chi bộ thôn Đông', 'Chi bộ thôn Đông Bắc', '2026-02-03')).toMatch(
      /^Chi bộ thôn Đông sẽ được đổi tên thành “Chi bộ thôn Đông Bắc” từ ngày 03\/02\/2026\./,
    );
    expect(confirmText.close('Chi bộ X', '2026-12-31')).toMatch(/^Chi bộ X sẽ giải thể từ ngày 31\/12\/2026\./);
    expect(confirmText.create('Chi bộ thôn Bắc', 'sh-tp-01-c04', 'Chi bộ', 'Đảng bộ khu vực Tân Lập', '2026-11-20')).toBe(
      'Chi bộ thôn Bắc (chi bộ, mã SH-TP-01-C04) sẽ được thành lập, trực thuộc Đảng bộ khu vực Tân Lập, từ ngày 20/11/2026.',
    );
    expect(confirmText.transfer('Trần Văn Bình', 'Chi bộ thôn Đông', 'Chi bộ thôn Tây', '2026-11-20')).toBe(
      'Trần Văn Bình sẽ chuyển sinh hoạt đảng từ Chi bộ thôn Đông sang Chi bộ thôn Tây từ ngày 20/11/2026.',
    );
    expect(confirmText.status('Trần Văn Bình', 'Từ trần', '2026-11-01')).toBe(
      'Tình trạng của Trần Văn Bình sẽ đổi thành “Từ trần” từ ngày 01/11/2026.',
    );
    expect(confirmText.status('Trần Văn Bình', 'Dự bị', null)).toBe('Tình trạng của Trần Văn Bình sẽ đổi thành “Dự bị”.');
    expect(confirmText.grant('Lê Thị Hoa', ROLE_LABELS.cell_committee!, 'Chi bộ thôn Đông')).toMatch(
      /^Lê Thị Hoa sẽ được giao vai trò Chi ủy tại Chi bộ thôn Đông/,
    );
    expect(confirmText.revoke('Lê Thị Hoa', 'Cấp ủy', 'Đảng bộ xã Tân Phong')).toBe(
      'Lê Thị Hoa sẽ không còn vai trò Cấp ủy tại Đảng bộ xã Tân Phong.',
    );
  });

  it('numbers are written the Vietnamese way', () => {
    expect(count(108600, 'đảng viên')).toBe('108.600 đảng viên');
    expect(ddmmyyyy('2026-11-20')).toBe('20/11/2026');
    expect(ddmmyyyy(null)).toBe('');
  });
});

describe('labels', () => {
  it('history changes and roles are in Vietnamese words', () => {
    expect(CHANGE_LABELS).toMatchObject({
      created: 'Thành lập',
      renamed: 'Đổi tên',
      moved: 'Chuyển đơn vị',
      parent_moved: 'Đơn vị cấp trên chuyển',
      merged: 'Hợp nhất',
      closed: 'Giải thể',
    });
    expect(ROLE_LABELS).toEqual({
      member: 'Đảng viên',
      cell_committee: 'Chi ủy',
      committee: 'Cấp ủy',
      editor: 'Biên tập viên',
      admin: 'Quản trị',
    });
  });

  it('has no leftover English or placeholders in the catalogue', () => {
    const all = JSON.stringify(vc);
    expect(all).not.toMatch(/TODO|undefined|\{\w+\}/);
  });
});
