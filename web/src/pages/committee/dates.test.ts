import { describe, expect, it } from 'vitest';
import { checkDate, dayEndUnix, dayStartUnix, isRealDate, parseDate, toInput, todayIso } from './dates';

describe('parseDate', () => {
  it('reads the ways people type a date', () => {
    expect(parseDate('05/03/2026')).toBe('2026-03-05');
    expect(parseDate('5/3/2026')).toBe('2026-03-05');
    expect(parseDate(' 05-03-2026 ')).toBe('2026-03-05');
    expect(parseDate('05.03.2026')).toBe('2026-03-05');
    expect(parseDate('05032026')).toBe('2026-03-05');
    expect(parseDate('2026-03-05')).toBe('2026-03-05');
  });

  it('is day first, as in Vietnam (not the American month first)', () => {
    expect(parseDate('12/01/2026')).toBe('2026-01-12');
  });

  it('refuses dates that do not exist and anything else', () => {
    expect(parseDate('31/02/2026')).toBeNull();
    expect(parseDate('29/02/2025')).toBeNull();
    expect(parseDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDate('00/01/2026')).toBeNull();
    expect(parseDate('01/13/2026')).toBeNull();
    expect(parseDate('1/1/26')).toBeNull();
    expect(parseDate('hôm nay')).toBeNull();
    expect(parseDate('')).toBeNull();
  });

  it('keeps years people can mean', () => {
    expect(isRealDate(1899, 1, 1)).toBe(false);
    expect(isRealDate(1930, 2, 3)).toBe(true);
  });
});

describe('toInput and todayIso', () => {
  it('shows API dates as dd/mm/yyyy and nothing for none', () => {
    expect(toInput('1980-03-15')).toBe('15/03/1980');
    expect(toInput(null)).toBe('');
    expect(toInput(undefined)).toBe('');
  });

  it('takes today from the local calendar, not UTC', () => {
    // 23:30 on 20 November local time is still the 20th, whatever UTC says.
    expect(todayIso(new Date(2026, 10, 20, 23, 30))).toBe('2026-11-20');
    expect(todayIso(new Date(2026, 0, 1, 0, 5))).toBe('2026-01-01');
  });

  it('round-trips: what toInput shows, parseDate reads back', () => {
    for (const iso of ['2026-01-01', '1945-09-02', '2024-02-29']) expect(parseDate(toInput(iso))).toBe(iso);
  });
});

describe('day bounds for the audit filter', () => {
  it('spans the whole local day', () => {
    const start = dayStartUnix('2026-11-20');
    const end = dayEndUnix('2026-11-20');
    expect(end - start).toBe(24 * 3600 - 1);
    expect(new Date(start * 1000).getDate()).toBe(20);
    expect(new Date(start * 1000).getHours()).toBe(0);
    expect(new Date(end * 1000).getDate()).toBe(20);
    expect(new Date((end + 1) * 1000).getDate()).toBe(21);
  });
});

describe('checkDate', () => {
  const msgs = { requiredMessage: 'cần', invalidMessage: 'sai' };
  it('says what is wrong, or gives the ISO date', () => {
    expect(checkDate('', { required: true, ...msgs })).toEqual({ iso: null, error: 'cần' });
    expect(checkDate('', { required: false, ...msgs })).toEqual({ iso: null, error: undefined });
    expect(checkDate('32/01/2026', { required: false, ...msgs })).toEqual({ iso: null, error: 'sai' });
    expect(checkDate('01/02/2026', { required: true, ...msgs })).toEqual({ iso: '2026-02-01', error: undefined });
  });
});
