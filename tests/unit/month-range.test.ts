import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitByMonths } from '@/lib/domain/month-range';

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** Every date of an inclusive range, one by one (the slow truth the split must match). */
function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); iso(d) <= to; d = new Date(d.getTime() + 86_400_000)) out.push(iso(d));
  return out;
}
/** The dates a split stands for: every day of each whole month plus the edge days. */
function covered(from: string, to: string): string[] {
  const s = splitByMonths(from, to);
  const out: string[] = [];
  if (s.months) {
    const lastMonth = new Date(`${s.months.to}T00:00:00Z`);
    const end = iso(new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() + 1, 0)));
    out.push(...daysOf(s.months.from, end));
  }
  for (const d of s.days) out.push(...daysOf(d.from, d.to));
  return out.toSorted();
}

describe('splitting a date range into whole months and edge days', () => {
  it('known answers: mid-month edges, whole months, a year end, one day, leap February', () => {
    expect(splitByMonths('2024-12-15', '2025-02-10')).toEqual({ months: { from: '2025-01-01', to: '2025-01-01' }, days: [{ from: '2024-12-15', to: '2024-12-31' }, { from: '2025-02-01', to: '2025-02-10' }] });
    expect(splitByMonths('2025-01-01', '2025-12-31')).toEqual({ months: { from: '2025-01-01', to: '2025-12-01' }, days: [] });
    expect(splitByMonths('2025-03-04', '2025-03-04')).toEqual({ months: null, days: [{ from: '2025-03-04', to: '2025-03-04' }] });
    expect(splitByMonths('2025-03-04', '2025-03-31')).toEqual({ months: null, days: [{ from: '2025-03-04', to: '2025-03-31' }] });
    expect(splitByMonths('2024-02-01', '2024-02-29')).toEqual({ months: { from: '2024-02-01', to: '2024-02-01' }, days: [] });
    expect(splitByMonths('2024-02-01', '2024-02-28')).toEqual({ months: null, days: [{ from: '2024-02-01', to: '2024-02-28' }] });
    expect(splitByMonths('2025-12-31', '2026-01-01')).toEqual({ months: null, days: [{ from: '2025-12-31', to: '2026-01-01' }] });
  });

  it('years before 100 are not read as 19xx', () => {
    expect(splitByMonths('0050-01-15', '0050-03-10')).toEqual({ months: { from: '0050-02-01', to: '0050-02-01' }, days: [{ from: '0050-01-15', to: '0050-01-31' }, { from: '0050-03-01', to: '0050-03-10' }] });
  });

  it('a range that ends before it starts covers nothing', () => {
    expect(splitByMonths('2025-02-01', '2025-01-31')).toEqual({ months: null, days: [] });
  });

  it('covers every day of the range exactly once (any range within 1990–2040)', () => {
    const day = fc.integer({ min: 0, max: 50 * 366 }).map((k) => iso(new Date(Date.UTC(1990, 0, 1) + k * 86_400_000)));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), (from, len) => {
        const to = iso(new Date(new Date(`${from}T00:00:00Z`).getTime() + len * 86_400_000));
        const s = splitByMonths(from, to);
        expect(covered(from, to)).toEqual(daysOf(from, to));
        // Edge spans never reach a whole month, and there are at most two of them.
        expect(s.days.length).toBeLessThanOrEqual(2);
        for (const d of s.days) expect(d.from <= d.to).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
