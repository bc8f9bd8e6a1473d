import { describe, expect, it } from 'vitest';
import { noticeWhen, vnWords } from '../../i18n/vi-notices';
import { vnToUnix } from '../../lib/vn-time';
import { inboxItem } from '../../lib/notice-fixture';
import { snippet } from './text';
import { belongs, showOf, wordsOf } from './views';

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

describe('the inbox views', () => {
  it('read from the address, anything unknown is the whole inbox', () => {
    expect(showOf(new URLSearchParams('xem=chua-doc'))).toBe('unread');
    expect(showOf(new URLSearchParams('xem=can-xac-nhan'))).toBe('to_ack');
    expect(showOf(new URLSearchParams('xem=gi-do'))).toBe('all');
    expect(showOf(new URLSearchParams())).toBe('all');
  });
  it('and the words searched for, trimmed', () => {
    expect(wordsOf(new URLSearchParams('tim=+h%E1%BB%8Dp+chi+b%E1%BB%99+'))).toBe('họp chi bộ');
    expect(wordsOf(new URLSearchParams('xem=chua-doc'))).toBe('');
  });
  it('hold what the server would list in them', () => {
    const asks = inboxItem(1, { require_ack: true });
    expect(belongs('to_ack', asks)).toBe(true);
    expect(belongs('to_ack', { ...asks, acked_at: 5 })).toBe(false);
    expect(belongs('to_ack', { ...asks, recalled_at: 5 })).toBe(false);
    expect(belongs('to_ack', inboxItem(2))).toBe(false);
    expect(belongs('unread', asks)).toBe(true);
    expect(belongs('unread', { ...asks, read_at: 5 })).toBe(false);
    expect(belongs('all', { ...asks, read_at: 5, acked_at: 6 })).toBe(true);
  });
});
