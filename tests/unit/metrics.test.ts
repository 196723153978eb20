import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageBand, type Bucket, equityFunnel, median, p90, percentile, rate, relativeRateIndex, suppressColumn, SUPPRESSION_THRESHOLD } from '@/lib/domain/metrics';

const expand = (bs: Bucket[]) => bs.flatMap((b) => Array.from({ length: b.count }, () => b.value)).sort((a, b) => a - b);
const bucketsArb = fc.array(fc.record({ value: fc.integer({ min: 0, max: 400 }), count: fc.integer({ min: 0, max: 30 }) }), { maxLength: 30 });

describe('median and percentiles from histograms', () => {
  it('known answers', () => {
    expect(median([{ value: 1, count: 1 }, { value: 2, count: 1 }, { value: 10, count: 1 }])).toBe(2);
    expect(median([{ value: 1, count: 1 }, { value: 4, count: 1 }])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(p90(Array.from({ length: 10 }, (_, i) => ({ value: i + 1, count: 1 })))).toBe(9);
    expect(p90([{ value: 5, count: 0 }])).toBeNull();
  });

  it('median matches sorting the raw values', () => {
    fc.assert(
      fc.property(bucketsArb, (bs) => {
        const xs = expand(bs);
        const m = median(bs);
        if (!xs.length) return m === null;
        const mid = xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
        return m === mid;
      }),
    );
  });

  it('nearest-rank percentile: at least p·n values at or below, fewer strictly below', () => {
    fc.assert(
      fc.property(bucketsArb, fc.double({ min: 0.01, max: 1, noNaN: true }), (bs, p) => {
        const xs = expand(bs);
        const v = percentile(bs, p);
        if (!xs.length) return v === null;
        const atOrBelow = xs.filter((x) => x <= v!).length;
        const below = xs.filter((x) => x < v!).length;
        return atOrBelow >= Math.ceil(p * xs.length) && below < Math.ceil(p * xs.length);
      }),
    );
  });

  it('p90 is never below the median', () => {
    fc.assert(fc.property(bucketsArb, (bs) => (median(bs) === null ? p90(bs) === null : p90(bs)! >= Math.floor(median(bs)!))));
  });
});

describe('rates and relative rate index', () => {
  it('known answers and zero denominators', () => {
    expect(rate(15, 30)).toBe(0.5);
    expect(rate(1, 0)).toBeNull();
    expect(relativeRateIndex(0.5, 0.8)).toBe(0.625);
    expect(relativeRateIndex(0.5, 0)).toBeNull();
    expect(relativeRateIndex(null, 0.5)).toBeNull();
  });
  it('the reference group has an RRI of 1', () => {
    fc.assert(fc.property(fc.double({ min: 0.001, max: 1, noNaN: true }), (r) => relativeRateIndex(r, r) === 1));
  });
});

describe('small-cell suppression', () => {
  it('hides cells under 11 and, when only one is hidden, the smallest shown one too', () => {
    expect(suppressColumn([5, 30, 20])).toEqual([null, 30, null]);
    expect(suppressColumn([5, 3, 20])).toEqual([null, null, 20]);
    expect(suppressColumn([11, 12])).toEqual([11, 12]);
    expect(suppressColumn([10])).toEqual([null]);
  });

  it('no shown cell is under the threshold, and a hidden cell can never be recomputed from the total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 8 }), (counts) => {
        const out = suppressColumn(counts);
        const hidden = out.filter((v) => v === null).length;
        return out.every((v) => v === null || v >= SUPPRESSION_THRESHOLD) && (hidden !== 1 || counts.length === 1) && out.every((v, i) => v === null || v === counts[i]);
      }),
    );
  });

  it('equity funnel: every shown count is ≥ 11 and every rate or RRI rests on shown counts', () => {
    const countsArb = fc.record({ referred: fc.nat(80), eligible: fc.nat(80), offered: fc.nat(80), accepted: fc.nat(80), completed: fc.nat(80) });
    fc.assert(
      fc.property(fc.array(countsArb, { minLength: 1, maxLength: 6 }), countsArb, (groups, ref) => {
        const rows = equityFunnel(
          groups.map((counts, i) => ({ group: `g${i}`, counts })),
          ref,
        );
        return rows.every((r) => {
          const cells = Object.values(r.cells);
          return cells.every((c) => (c.count === null || c.count >= SUPPRESSION_THRESHOLD) && (c.count !== null || (c.rate === null && c.rri === null)));
        });
      }),
    );
  });
});

describe('age bands', () => {
  it('band edges', () => {
    expect([17, 18, 24, 25, 34, 35, 44, 45, 54, 55, 80].map(ageBand)).toEqual(['under_18', '18_24', '18_24', '25_34', '25_34', '35_44', '35_44', '45_54', '45_54', '55_plus', '55_plus']);
  });
});
