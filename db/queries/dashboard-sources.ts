import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { splitByMonths } from '@/lib/domain/month-range';

/**
 * Where the dashboard's cohort measures are summed from, as FROM … WHERE fragments over the alias
 * `f` (each source has the same measure / tally columns, so the sums read alike):
 * - a board or neighborhood filter: the per-place day grain (dashboard_daily / dashboard_tallies);
 * - no place filter: the jurisdiction-wide grain (dashboard_periods / dashboard_period_tallies),
 *   whole months from its month rows and the partial-month edges from its day rows — O(months ×
 *   cells) rows, where the per-place rows of a busy jurisdiction number about one per case.
 * Both give identical sums (tests/integration/dashboard-grains.test.ts).
 */
export type CohortFilter = { from: string; to: string; boardId?: string; neighborhood?: string };
export type CohortSources = { measures: SQL; tallies: SQL };

export function cohortSources(jurisdictionId: string, filter: CohortFilter): CohortSources {
  return filter.boardId || filter.neighborhood ? placeSources(jurisdictionId, filter) : jurisdictionSources(jurisdictionId, filter);
}

/** The per-place day grain, filtered by place when one is given (without one: every place, summed). */
export function placeSources(jurisdictionId: string, filter: CohortFilter): CohortSources {
  const place: SQL[] = [sql`f.jurisdiction_id = ${jurisdictionId}`];
  if (filter.boardId) place.push(sql`f.board_id = ${filter.boardId}`);
  if (filter.neighborhood) place.push(sql`f.neighborhood = ${filter.neighborhood}`);
  const where = sql`${sql.join(place, sql` and `)} and f.referred_day between ${filter.from}::date and ${filter.to}::date`;
  return { measures: sql`dashboard_daily f where ${where}`, tallies: sql`dashboard_tallies f where ${where}` };
}

/** The jurisdiction-wide grain: whole months from month rows, edge days from day rows. */
function jurisdictionSources(jurisdictionId: string, filter: CohortFilter): CohortSources {
  const split = splitByMonths(filter.from, filter.to);
  const periods: SQL[] = [];
  if (split.months) periods.push(sql`(f.grain = 'month' and f.period_start between ${split.months.from}::date and ${split.months.to}::date)`);
  for (const d of split.days) periods.push(sql`(f.grain = 'day' and f.period_start between ${d.from}::date and ${d.to}::date)`);
  const where = sql`f.jurisdiction_id = ${jurisdictionId} and ${periods.length ? sql`(${sql.join(periods, sql` or `)})` : sql`false`}`;
  return { measures: sql`dashboard_periods f where ${where}`, tallies: sql`dashboard_period_tallies f where ${where}` };
}
