/**
 * Dashboard measure math: medians and percentiles from day histograms, rates, the relative rate
 * index and small-cell suppression. Pure and dependency-free (property-tested); the data layer
 * only counts.
 */

/** Cells with fewer than this many cases are never shown (DOMAIN.md: n < 11 not shown). */
export const SUPPRESSION_THRESHOLD = 11;

/** A histogram bucket: `count` cases took `value` days. */
export type Bucket = { value: number; count: number };

/**
 * The p-th percentile (0 < p ≤ 1) by the nearest-rank method: the smallest value with at least
 * p·n observations at or below it. Null when there are no observations.
 */
export function percentile(buckets: readonly Bucket[], p: number): number | null {
  if (!(p > 0 && p <= 1)) throw new RangeError('p must be in (0, 1]');
  const sorted = buckets.filter((b) => b.count > 0).toSorted((a, b) => a.value - b.value);
  const n = sorted.reduce((s, b) => s + b.count, 0);
  if (n === 0) return null;
  const rank = Math.ceil(p * n);
  let seen = 0;
  for (const b of sorted) {
    seen += b.count;
    if (seen >= rank) return b.value;
  }
  return sorted.at(-1)!.value;
}

/**
 * The median: the middle value, or the mean of the two middle values when n is even.
 */
export function median(buckets: readonly Bucket[]): number | null {
  const sorted = buckets.filter((b) => b.count > 0).toSorted((a, b) => a.value - b.value);
  const n = sorted.reduce((s, b) => s + b.count, 0);
  if (n === 0) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.count;
      if (seen > k) return b.value;
    }
    return sorted.at(-1)!.value;
  };
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

export const p90 = (buckets: readonly Bucket[]) => percentile(buckets, 0.9);

/** numerator / denominator, or null when the denominator is zero. */
export function rate(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return numerator / denominator;
}

/** Relative rate index: a group's rate divided by the reference group's rate. */
export function relativeRateIndex(groupRate: number | null, referenceRate: number | null): number | null {
  if (groupRate === null || referenceRate === null || referenceRate === 0) return null;
  return groupRate / referenceRate;
}

/**
 * Small-cell suppression of one column of counts whose total is published: every count below the
 * threshold becomes null (primary suppression). If exactly one cell is suppressed, it could be
 * recomputed as total − the others, so the smallest remaining shown cell is suppressed too
 * (complementary suppression).
 */
export function suppressColumn(counts: readonly number[], threshold = SUPPRESSION_THRESHOLD): (number | null)[] {
  const out: (number | null)[] = counts.map((n) => (n < threshold ? null : n));
  const hidden = out.filter((v) => v === null).length;
  if (hidden === 1) {
    let pick = -1;
    out.forEach((v, i) => {
      if (v !== null && (pick === -1 || v < (out[pick] as number))) pick = i;
    });
    if (pick >= 0) out[pick] = null;
  }
  return out;
}

/** A total shown on its own (no column to hide in): shown only at or above the threshold. */
export function suppressCount(n: number, threshold = SUPPRESSION_THRESHOLD): number | null {
  return n < threshold ? null : n;
}

export const ageBands = ['under_18', '18_24', '25_34', '35_44', '45_54', '55_plus'] as const;
export type AgeBand = (typeof ageBands)[number];

/** Age band for an age in whole years. */
export function ageBand(age: number): AgeBand {
  if (age < 18) return 'under_18';
  if (age < 25) return '18_24';
  if (age < 35) return '25_34';
  if (age < 45) return '35_44';
  if (age < 55) return '45_54';
  return '55_plus';
}

/** The funnel's steps in order; each step's rate is taken over the step before it. */
export const funnelSteps = ['referred', 'eligible', 'offered', 'accepted', 'completed'] as const;
export type FunnelStep = (typeof funnelSteps)[number];

export type FunnelCounts = Record<FunnelStep, number>;
export type FunnelCell = { count: number | null; rate: number | null; rri: number | null };
export type FunnelRow = { group: string; cells: Record<FunnelStep, FunnelCell> };

/**
 * The equity funnel for one dimension (race, ethnicity, sex or age band): per group and step the
 * count (suppressed below the threshold, complementary within each step's column, whose total is
 * published), the rate over the previous step, and the RRI against the reference rates. A rate or
 * RRI resting on a suppressed count is not shown either.
 */
export function equityFunnel(groups: readonly { group: string; counts: FunnelCounts }[], reference: FunnelCounts | null, threshold = SUPPRESSION_THRESHOLD): FunnelRow[] {
  const shown = new Map<string, Record<FunnelStep, number | null>>();
  for (const g of groups) shown.set(g.group, {} as Record<FunnelStep, number | null>);
  for (const step of funnelSteps) {
    const col = suppressColumn(
      groups.map((g) => g.counts[step]),
      threshold,
    );
    groups.forEach((g, i) => (shown.get(g.group)![step] = col[i]));
  }
  const refShown = reference && funnelSteps.every((s) => reference[s] >= threshold) ? reference : null;
  return groups.map((g) => {
    const s = shown.get(g.group)!;
    const cells = {} as Record<FunnelStep, FunnelCell>;
    funnelSteps.forEach((step, i) => {
      const count = s[step];
      if (i === 0) {
        cells[step] = { count, rate: null, rri: null };
        return;
      }
      const prev = funnelSteps[i - 1];
      const r = count !== null && s[prev] !== null ? rate(count, s[prev]!) : null;
      const refRate = refShown ? rate(refShown[step], refShown[prev]) : null;
      cells[step] = { count, rate: r, rri: relativeRateIndex(r, refRate) };
    });
    return { group: g.group, cells };
  });
}
