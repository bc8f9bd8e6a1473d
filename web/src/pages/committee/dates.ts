// Dates as people type them on the committee screens. The API speaks YYYY-MM-DD; people write
// 05/03/2026, 5/3/2026, 05-03-2026, 05.03.2026 or 05032026 (a phone's number pad has no "/").
// All calendar arithmetic is on the device's local calendar day, never through UTC, so a date
// typed late in the evening in Hà Nội does not become the day before.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoOf(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(y, m, 0).getDate(); // day 0 of the next month = last day of this one
  return d <= days;
}

// Today's date on this device, as YYYY-MM-DD.
export function todayIso(now: Date = new Date()): string {
  return isoOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

// What a person typed → YYYY-MM-DD, or null when it is not a real date. Empty → null too;
// callers decide whether a date is required.
export function parseDate(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(t);
  if (match) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else if ((match = /^(\d{2})(\d{2})(\d{4})$/.exec(t))) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else {
    return null;
  }
  return isRealDate(y, m, d) ? isoOf(y, m, d) : null;
}

// YYYY-MM-DD → "05/03/2026" for an input's initial value; '' when there is none.
export function toInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

// The first and last second of a local calendar day, as unix seconds (the audit filter).
export function dayStartUnix(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.floor(new Date(y, m - 1, d, 0, 0, 0).getTime() / 1000);
}
export function dayEndUnix(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.floor(new Date(y, m - 1, d + 1, 0, 0, 0).getTime() / 1000) - 1;
}

// A validated date field: '' → required message or null; bad → the invalid message.
export function checkDate(
  text: string,
  opts: { required: boolean; requiredMessage: string; invalidMessage: string },
): { iso: string | null; error: string | undefined } {
  if (!text.trim()) return { iso: null, error: opts.required ? opts.requiredMessage : undefined };
  const iso = parseDate(text);
  return iso ? { iso, error: undefined } : { iso: null, error: opts.invalidMessage };
}
