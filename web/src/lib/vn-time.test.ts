import { describe, expect, it } from 'vitest';
import { vnDateInput, vnDateTimeText, vnDaysAgo, vnFields, vnTimeInput, vnToUnix } from './vn-time';

// 2026-05-01 08:00 in Hà Nội = 2026-05-01 01:00 UTC.
const MAY_DAY_8AM = Date.UTC(2026, 4, 1, 1, 0) / 1000;

describe('Vietnam time', () => {
  it('turns the date and time typed into the instant in Asia/Ho_Chi_Minh', () => {
    expect(vnToUnix('2026-05-01', '08:00')).toBe(MAY_DAY_8AM);
    // Just after midnight in Vietnam is still the day before in UTC.
    expect(vnToUnix('2026-05-01', '00:30')).toBe(Date.UTC(2026, 3, 30, 17, 30) / 1000);
    expect(vnToUnix('2026-12-31', '23:59')).toBe(Date.UTC(2026, 11, 31, 16, 59) / 1000);
    expect(vnToUnix('2026-05-01', '08:00:00')).toBe(MAY_DAY_8AM);
  });

  it('refuses what is not a real date or time', () => {
    expect(vnToUnix('', '08:00')).toBeNull();
    expect(vnToUnix('2026-05-01', '')).toBeNull();
    expect(vnToUnix('2026-02-30', '08:00')).toBeNull();
    expect(vnToUnix('2026-13-01', '08:00')).toBeNull();
    expect(vnToUnix('2026-05-01', '24:00')).toBeNull();
    expect(vnToUnix('01/05/2026', '08:00')).toBeNull();
  });

  it('is the same whatever the device zone says (UTC+7 all year)', () => {
    // January and July: no daylight saving.
    expect(vnToUnix('2026-01-15', '12:00')! - vnToUnix('2026-01-15', '05:00')!).toBe(7 * 3600);
    expect(vnFields(Date.UTC(2026, 6, 1, 17, 0) / 1000)).toEqual({ year: 2026, month: 7, day: 2, hour: 0, minute: 0 });
  });

  it('fills the inputs back and writes the time for people', () => {
    expect(vnDateInput(MAY_DAY_8AM)).toBe('2026-05-01');
    expect(vnTimeInput(MAY_DAY_8AM)).toBe('08:00');
    expect(vnDateTimeText(MAY_DAY_8AM)).toBe('01/05/2026 08:00');
    const t = vnToUnix('2026-03-05', '14:07')!;
    expect(vnToUnix(vnDateInput(t), vnTimeInput(t))).toBe(t);
  });

  it('counts calendar days in Vietnam', () => {
    const now = vnToUnix('2026-05-02', '00:10')!;
    expect(vnDaysAgo(vnToUnix('2026-05-02', '00:01')!, now)).toBe(0);
    expect(vnDaysAgo(vnToUnix('2026-05-01', '23:59')!, now)).toBe(1);
    expect(vnDaysAgo(vnToUnix('2026-04-25', '12:00')!, now)).toBe(7);
  });
});
