import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { splitByMonths } from '@/lib/domain/month-range';
import { measureSums, rawFactsFrom, tallyRows, withNextReferral } from './case-facts';

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

const measureColumns = sql.join(
  ['race', 'ethnicity', 'sex', 'age_band', 'referred', 'screened', 'eligible', 'ineligible', 'needs_review', 'offered', 'accepted', 'attended', 'missed', 'completed', 'returned', 'closed_after_accept'].map((c) => sql.identifier(c)),
  sql`, `,
);

/**
 * The same measures computed from the raw tables on every read (cases, participants, screening,
 * offers, hearings, assignments) — what the dashboard would cost without its pre-aggregates. Never
 * used by the app: the tests read the dashboard through it to prove the pre-aggregates give the
 * same numbers, and the benchmark times it as its baseline.
 */
export function rawSources(jurisdictionId: string, filter: CohortFilter): CohortSources {
  const where = sql`c.jurisdiction_id = ${jurisdictionId} and (c.referred_at at time zone j.time_zone)::date between ${filter.from}::date and ${filter.to}::date`;
  const place: SQL[] = [sql`true`];
  if (filter.boardId) place.push(sql`f.board_id = ${filter.boardId}`);
  if (filter.neighborhood) place.push(sql`f.neighborhood = ${filter.neighborhood}`);
  const facts = sql`${rawFactsFrom(where)} where ${sql.join(place, sql` and `)}`;
  const referrals = sql`(select participant_id, id as case_id, referred_at from cases)`;
  return {
    measures: sql`(select f.race, f.ethnicity, f.sex, f.age_band, ${measureSums(sql`1`)} from ${facts} group by 1, 2, 3, 4) as f(${measureColumns}) where true`,
    tallies: sql`(with f as (${withNextReferral(facts, referrals)})
      select x.measure, x.value, 1 as count from (${tallyRows}) as x(case_id, jurisdiction_id, measure, referred_day, board_id, neighborhood, value)) as f where true`,
  };
}
