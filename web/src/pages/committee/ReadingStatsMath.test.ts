import { describe, expect, it } from 'vitest';
import { barWidth, childBars, daysUntil, formatPercent, notFinished, openedPercent, rateTone, readPercent } from './ReadingStatsMath';

const row = (members: number, reached_end: number, opened = reached_end, rate = 0) => ({ members, reached_end, opened, rate });

describe('rates', () => {
  it('counts those who read to the end over the members', () => {
    expect(readPercent(row(8, 2))).toBe(25);
    expect(readPercent(row(3, 1))).toBeCloseTo(33.333, 2);
    expect(openedPercent(row(8, 2, 6))).toBe(75);
    // Never above 100% (someone read, then moved away).
    expect(readPercent(row(2, 3))).toBe(100);
    // No members: the server's rate, as a fraction or a percent; else 0.
    expect(readPercent(row(0, 0, 0, 0.5))).toBe(50);
    expect(readPercent(row(0, 0, 0, 40))).toBe(40);
    expect(readPercent(row(0, 0, 0, NaN))).toBe(0);
  });

  it('writes percents the Vietnamese way, never rounding a partial result to 0% or 100%', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(25)).toBe('25%');
    expect(formatPercent(100 / 3)).toBe('33,3%');
    expect(formatPercent(99.97)).toBe('99,9%');
    expect(formatPercent(0.01)).toBe('0,1%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(NaN)).toBe('0%');
  });

  it('draws a sliver for a small non-zero rate and nothing for zero', () => {
    expect(barWidth(0)).toBe('0%');
    expect(barWidth(0.2)).toBe('1.5%');
    expect(barWidth(42.26)).toBe('42.3%');
    expect(barWidth(130)).toBe('100%');
  });

  it('colours by tone (the number is always written too)', () => {
    expect(rateTone(10)).toBe('low');
    expect(rateTone(50)).toBe('mid');
    expect(rateTone(80)).toBe('high');
  });
});

describe('children', () => {
  it('lists the units that need a nudge first, each labelled with name and percent', () => {
    const bars = childBars({
      children: [
        { unit: { id: 1, name: 'Chi bộ thôn Đông', kind: 'cell' }, ...row(10, 9) },
        { unit: { id: 2, name: 'Chi bộ thôn Tây', kind: 'cell' }, ...row(4, 1) },
        { unit: { id: 3, name: 'Chi bộ thôn Bắc', kind: 'cell' }, ...row(4, 1) },
        { unit: { id: 4, name: 'Chi bộ trường học', kind: 'cell' }, ...row(0, 0) },
      ],
    });
    expect(bars.map((b) => [b.name, b.text, b.width, b.tone])).toEqual([
      ['Chi bộ trường học', '0%', '0%', 'low'],
      ['Chi bộ thôn Bắc', '25%', '25%', 'low'],
      ['Chi bộ thôn Tây', '25%', '25%', 'low'],
      ['Chi bộ thôn Đông', '90%', '90%', 'high'],
    ]);
    expect(bars[3]).toMatchObject({ id: 1, members: 10, readers: 9 });
  });

  it('counts who has not finished and the days left', () => {
    expect(notFinished(row(10, 7))).toBe(3);
    expect(notFinished(row(1, 2))).toBe(0);
    expect(daysUntil('2026-05-08', '2026-05-01')).toBe(7);
    expect(daysUntil('2026-04-30', '2026-05-01')).toBe(-1);
    expect(daysUntil('2026-03-30', '2026-03-29')).toBe(1);
  });
});
