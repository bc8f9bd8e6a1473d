import { describe, expect, it } from 'vitest';
import { noticeWhen, vnWords } from '../../i18n/vi-notices';
import { vnToUnix } from '../../lib/vn-time';
import { snippet } from './text';

describe('times on notices, in Vietnam time', () => {
  const now = vnToUnix('2026-05-02', '09:00')!;
  it('today and yesterday in words, older ones as a date', () => {
    expect(noticeWhen(vnToUnix('2026-05-02', '00:05')!, now)).toBe('Hôm nay, 00:05');
    expect(noticeWhen(vnToUnix('2026-05-01', '23:59')!, now)).toBe('Hôm qua, 23:59');
    expect(noticeWhen(vnToUnix('2026-04-30', '14:30')!, now)).toBe('30/04/2026 14:30');
  });
  it('a date with its weekday, so nobody misreads it', () => {
    expect(vnWords(vnToUnix('2026-12-10', '17:00')!)).toBe('17:00, thứ Năm, ngày 10/12/2026');
    expect(vnWords(vnToUnix('2026-05-03', '07:30')!)).toBe('07:30, Chủ nhật, ngày 03/05/2026');
  });
});

describe('the first words of a notice', () => {
  it('on one line, cut at a word', () => {
    expect(snippet('Họp chi bộ\n\nlúc 8 giờ')).toBe('Họp chi bộ lúc 8 giờ');
    expect(snippet('một hai ba bốn năm sáu', 12)).toBe('một hai ba…');
    expect(snippet('ngắn', 12)).toBe('ngắn');
  });
});
