// Times in Vietnam (Asia/Ho_Chi_Minh, UTC+7 all year: no daylight saving since 1975), whatever
// the device's own zone. Notices are scheduled and shown in Vietnam time: a committee member
// travelling abroad still means 08:00 in Hà Nội. Pure arithmetic, no time-zone database needed.

export const VN_OFFSET_SECONDS = 7 * 3600;

export interface VnFields {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

export function vnFields(unix: number): VnFields {
  const d = new Date((unix + VN_OFFSET_SECONDS) * 1000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

const p2 = (n: number) => String(n).padStart(2, '0');

// The values of <input type="date"> and <input type="time"> for an instant, in Vietnam time.
export function vnDateInput(unix: number): string {
  const f = vnFields(unix);
  return `${String(f.year).padStart(4, '0')}-${p2(f.month)}-${p2(f.day)}`;
}
export function vnTimeInput(unix: number): string {
  const f = vnFields(unix);
  return `${p2(f.hour)}:${p2(f.minute)}`;
}

// "05/03/2026 14:30"
export function vnDateTimeText(unix: number): string {
  const f = vnFields(unix);
  return `${p2(f.day)}/${p2(f.month)}/${f.year} ${p2(f.hour)}:${p2(f.minute)}`;
}

// Whole days between two instants' Vietnam calendar dates (0 = same day, 1 = `unix` is yesterday).
export function vnDaysAgo(unix: number, now: number): number {
  const day = (t: number) => Math.floor((t + VN_OFFSET_SECONDS) / 86400);
  return day(now) - day(unix);
}

// "2026-05-01" + "08:00" (what the inputs give) → unix seconds of that moment in Vietnam;
// null when either is missing or not a real date or time.
export function vnToUnix(date: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time.trim());
  if (!d || !t) return null;
  const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [h, mi] = [Number(t[1]), Number(t[2])];
  if (m < 1 || m > 12 || day < 1 || h > 23 || mi > 59) return null;
  const ms = Date.UTC(y, m - 1, day, h, mi);
  const check = new Date(ms);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== day) return null;
  return ms / 1000 - VN_OFFSET_SECONDS;
}
