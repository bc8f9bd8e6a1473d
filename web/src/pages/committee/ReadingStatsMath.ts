// Reading statistics as numbers to draw: the rate of a unit, each child's bar, the percent text
// in Vietnamese ("42,5%"). Pure, tested in ReadingStatsMath.test.ts.
import type { ReadingStats, StatsRow } from './EditorApi';

// Share of members who read to the end, 0–100. Counted from the numbers themselves (the server's
// `rate` is only used when there are none), and never above 100 even if a member left the unit
// after reading.
export function readPercent(row: Pick<StatsRow, 'members' | 'reached_end' | 'rate'>): number {
  if (row.members > 0) return clamp((row.reached_end / row.members) * 100);
  if (typeof row.rate === 'number' && Number.isFinite(row.rate)) return clamp(row.rate <= 1 ? row.rate * 100 : row.rate);
  return 0;
}

export function openedPercent(row: Pick<StatsRow, 'members' | 'opened'>): number {
  return percentOf(row.opened, row.members);
}

// Any share as 0–100 (notices: delivered, read, acknowledged of the recipients).
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? clamp((part / whole) * 100) : 0;
}

function clamp(x: number): number {
  return Math.max(0, Math.min(100, x));
}

// "0%", "7%", "42,5%", "99,9%", "100%": one decimal only where it tells something (never rounds a
// partial result up to 100% nor down to 0%).
export function formatPercent(pct: number): string {
  if (!Number.isFinite(pct) || pct <= 0) return '0%';
  if (pct >= 100) return '100%';
  let rounded = Math.round(pct * 10) / 10;
  if (rounded >= 100) rounded = 99.9;
  if (rounded <= 0) rounded = 0.1;
  const text = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1).replace('.', ',');
  return `${text}%`;
}

// The CSS width of a bar: the percent itself, but a non-zero rate gets at least a sliver so it
// is visibly different from nobody.
export function barWidth(pct: number): string {
  if (!Number.isFinite(pct) || pct <= 0) return '0%';
  if (pct >= 100) return '100%';
  return `${Math.max(1.5, Math.round(pct * 10) / 10)}%`;
}

// Tone of a rate for the bar colour (never the only signal: the number is always written).
export function rateTone(pct: number): 'low' | 'mid' | 'high' {
  if (pct >= 80) return 'high';
  if (pct >= 50) return 'mid';
  return 'low';
}

export interface Bar {
  id: number;
  name: string;
  kind: string;
  members: number;
  readers: number;
  pct: number;
  text: string;
  width: string;
  tone: 'low' | 'mid' | 'high';
}

// Children as bars, lowest rate first (the units that need a nudge), then by name.
export function childBars(stats: Pick<ReadingStats, 'children'>): Bar[] {
  return stats.children
    .map((c) => {
      const pct = readPercent(c);
      return {
        id: c.unit.id,
        name: c.unit.name,
        kind: c.unit.kind,
        members: c.members,
        readers: c.reached_end,
        pct,
        text: formatPercent(pct),
        width: barWidth(pct),
        tone: rateTone(pct),
      };
    })
    .sort((a, b) => a.pct - b.pct || a.name.localeCompare(b.name, 'vi'));
}

// How many members have not finished, for the reminder's confirmation.
export function notFinished(row: Pick<StatsRow, 'members' | 'reached_end'>): number {
  return Math.max(0, row.members - row.reached_end);
}

// Days from today to a deadline (negative when past), both YYYY-MM-DD.
function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}
export function daysUntil(deadline: string, today: string): number {
  return Math.round(dayNumber(deadline) - dayNumber(today));
}
