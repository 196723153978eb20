/**
 * The dashboard's pre-aggregates: per referral day and place (jurisdiction, board, neighborhood)
 * and demographic cell (race, ethnicity, sex, age band), the sums of every case_facts measure; and
 * beside them small tallies (day histograms, reason counts, re-referral cells) per referral day and
 * place. The dashboard sums O(days × cells) rows here instead of O(cases) rows in case_facts.
 *
 * Lifecycle: kept current by `refreshCaseFacts` (db/queries/case-facts.ts) in the SAME
 * transaction as the case_facts row — each refresh subtracts the case's old contribution and adds
 * its new one (the case's own row, plus the participant's completed cases, whose re-referral cell
 * depends on a later referral). Derived data: `rebuildDashboardAggregates` rebuilds it from
 * case_facts in one set-based statement. Counts only; no names, contact details or treatment data.
 *
 * A busy jurisdiction has about one per-place row per case (tens of referrals a day spread over
 * thousands of board × neighborhood places), so beside the per-place grain there is a
 * jurisdiction-wide grain with no place key (dashboard_periods / dashboard_period_tallies), by
 * referral MONTH and by referral DAY: the unfiltered dashboard sums whole months plus the edge days
 * of a range — O(months × cells) rows whatever the caseload. Written by the same statements.
 */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { boards } from './boards';
import { jurisdictions } from './jurisdictions';
import { ethnicityEnum, raceEnum, sexEnum } from './participants';

export const dashboardDaily = pgTable(
  'dashboard_daily',
  {
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    boardId: uuid().references(() => boards.id),
    neighborhood: text(),
    referredDay: date().notNull(),
    race: raceEnum().notNull(),
    ethnicity: ethnicityEnum().notNull(),
    sex: sexEnum().notNull(),
    ageBand: text().notNull(),
    referred: integer().notNull().default(0),
    screened: integer().notNull().default(0),
    eligible: integer().notNull().default(0),
    ineligible: integer().notNull().default(0),
    needsReview: integer().notNull().default(0),
    offered: integer().notNull().default(0),
    accepted: integer().notNull().default(0),
    attended: integer().notNull().default(0),
    missed: integer().notNull().default(0),
    completed: integer().notNull().default(0),
    returned: integer().notNull().default(0),
    closedAfterAccept: integer().notNull().default(0),
  },
  (t) => [
    unique('dashboard_daily_cell_key').on(t.jurisdictionId, t.referredDay, t.boardId, t.neighborhood, t.race, t.ethnicity, t.sex, t.ageBand).nullsNotDistinct(),
  ],
);

/**
 * Tallies per referral day and place. `measure` / `value`:
 * - first_hearing_days / completion_days: value = whole days, count = cases (histograms; medians
 *   and p90 come from these);
 * - ineligible_reason / return_reason: value = the reason;
 * - rereferral: value = 'YYYY-MM:L' — the UTC month the completed case closed, and L the smallest
 *   window (6, 12, 24 months) within which the same participant was referred again, or 'none'.
 */
export const dashboardTallies = pgTable(
  'dashboard_tallies',
  {
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    boardId: uuid().references(() => boards.id),
    neighborhood: text(),
    referredDay: date().notNull(),
    measure: text({ enum: ['first_hearing_days', 'completion_days', 'ineligible_reason', 'return_reason', 'rereferral'] }).notNull(),
    value: text().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [
    unique('dashboard_tallies_key').on(t.jurisdictionId, t.measure, t.referredDay, t.boardId, t.neighborhood, t.value).nullsNotDistinct(),
    index('dashboard_tallies_board_idx').on(t.jurisdictionId, t.boardId, t.measure, t.referredDay),
  ],
);

/** The jurisdiction-wide grains: 'month' rows start on the first of a month, 'day' rows are one day. */
const grains = ['day', 'month'] as const;
const grainChecks = (name: string, grain: unknown, periodStart: unknown) => [
  check(`${name}_grain`, sql`${grain} in ('day', 'month')`),
  // A month row keyed on any other day would be silently skipped (or double counted) by the
  // whole-month sums, so the database refuses it.
  check(`${name}_month_start`, sql`${grain} = 'day' or extract(day from ${periodStart}) = 1`),
];

/**
 * dashboard_daily's measures summed over every place, per jurisdiction, grain (referral day or
 * referral month, in the jurisdiction's time zone as referred_day is) and demographic cell.
 */
export const dashboardPeriods = pgTable(
  'dashboard_periods',
  {
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    grain: text({ enum: grains }).notNull(),
    periodStart: date().notNull(),
    race: raceEnum().notNull(),
    ethnicity: ethnicityEnum().notNull(),
    sex: sexEnum().notNull(),
    ageBand: text().notNull(),
    referred: integer().notNull().default(0),
    screened: integer().notNull().default(0),
    eligible: integer().notNull().default(0),
    ineligible: integer().notNull().default(0),
    needsReview: integer().notNull().default(0),
    offered: integer().notNull().default(0),
    accepted: integer().notNull().default(0),
    attended: integer().notNull().default(0),
    missed: integer().notNull().default(0),
    completed: integer().notNull().default(0),
    returned: integer().notNull().default(0),
    closedAfterAccept: integer().notNull().default(0),
  },
  (t) => [unique('dashboard_periods_cell_key').on(t.jurisdictionId, t.grain, t.periodStart, t.race, t.ethnicity, t.sex, t.ageBand), ...grainChecks('dashboard_periods', t.grain, t.periodStart)],
);

/** dashboard_tallies summed over every place, per jurisdiction, grain and period (as above). */
export const dashboardPeriodTallies = pgTable(
  'dashboard_period_tallies',
  {
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    grain: text({ enum: grains }).notNull(),
    periodStart: date().notNull(),
    measure: text({ enum: ['first_hearing_days', 'completion_days', 'ineligible_reason', 'return_reason', 'rereferral'] }).notNull(),
    value: text().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [unique('dashboard_period_tallies_key').on(t.jurisdictionId, t.measure, t.grain, t.periodStart, t.value), ...grainChecks('dashboard_period_tallies', t.grain, t.periodStart)],
);
