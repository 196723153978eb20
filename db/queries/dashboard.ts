import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { ForbiddenError } from '@/lib/errors';
import { localIsoDate } from '@/lib/domain/local-date';
import { type AgeBand, ageBands, type Bucket, equityFunnel, type FunnelCounts, type FunnelRow, median, p90, rate } from '@/lib/domain/metrics';
import { activeCaseload, waitingForHearing } from '../schema/case-facts';
import type { Db } from '../types';
import { type CohortFilter, type CohortSources, cohortSources } from './dashboard-sources';

/**
 * The prosecutor's dashboard, computed from the case_facts rollup only (never from cases,
 * hearings, offers or screening rows). Definitions are stated on the page:
 * - cohort: cases REFERRED in the date range (and board / neighborhood when chosen);
 * - active caseload, cases waiting and obligations are as of now (board / neighborhood filters
 *   apply); an obligation is overdue when it is not complete and its due date is before today in
 *   the jurisdiction's time zone; on track when it is not complete and not overdue;
 * - re-referral at N months: a completed case counts once the whole calendar month (UTC) it was
 *   completed in lies at least N months before the current month (so every counted case had its
 *   full N-month window observed); it is re-referred when the same participant has a new referral
 *   within N months after the completion.
 * Cohort measures are summed from the pre-aggregates (db/schema/dashboard-daily.ts: per place and
 * day, or jurisdiction-wide by month and day when no place is chosen); caseload and waiting cases
 * are read from case_facts by status.
 */
// PostgreSQL has no year 0: '0000-…' would fail in the query (a 500), so it fails validation.
const day = z.iso.date().refine((d) => d >= '0001-01-01', 'Enter a date after year 0.');
export const dashboardFilterSchema = z.object({
  from: day.optional(),
  to: day.optional(),
  boardId: z.uuid().optional(),
  neighborhood: z.string().trim().min(1).max(120).optional(),
});
export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;

export const dimensions = ['race', 'ethnicity', 'sex', 'age_band'] as const;
export type Dimension = (typeof dimensions)[number];
export const REREFERRAL_MONTHS = [6, 12, 24] as const;
export const WAITING_DAYS = 10;

type Rows<T> = { rows: T[] };
/** One row of the cohort pass: the totals row (`total`), or one group of one dimension. */
type CohortRow = { total: boolean; race: string | null; ethnicity: string | null; sex: string | null; age_band: string | null } & Record<string, unknown>;
async function q<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}

const n = (v: unknown) => Number(v ?? 0);

type ObligationRow = { cases: unknown; total: unknown; complete: unknown; overdue: unknown; cases_overdue: unknown };

/**
 * Obligations of the cases in progress, as of today in the jurisdiction's time zone: an open
 * obligation is overdue once its due date has passed. case_facts keeps each case's counts and
 * open due dates current (refreshCaseObligations), so this reads the in-progress rows only, from
 * one index. Today is computed here and sent as a constant: joining the jurisdiction row to
 * compute it in SQL made the same scan three times slower (7.3 vs 2.3 ms over 8,000 cases). The
 * due dates are sorted, so width_bucket(today - 1, dates) is how many fall before today
 * (a binary search; unnesting each row's array cost 2 µs a case).
 */
async function obligationsAsOf(db: Db, jid: string, placeWhere: SQL, now: Date): Promise<ObligationRow[]> {
  const [j] = await q<{ time_zone: string }>(db, sql`select time_zone from jurisdictions where id = ${jid}`);
  if (!j) return [{ cases: 0, total: 0, complete: 0, overdue: 0, cases_overdue: 0 }];
  const today = localIsoDate(now, j.time_zone);
  return q<ObligationRow>(
    db,
    sql`select count(*) filter (where f.obligations_total > 0) as cases,
        coalesce(sum(f.obligations_total), 0) as total, coalesce(sum(f.obligations_complete), 0) as complete,
        coalesce(sum(width_bucket(${today}::date - 1, f.obligations_open_due)), 0) as overdue,
        count(*) filter (where f.obligations_open_due[1] < ${today}::date) as cases_overdue
      from case_facts f where ${placeWhere} and f.status = 'in_progress'`,
  );
}

function defaultRange(now: Date) {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

export async function getDashboard(db: Db, actor: Actor, input: unknown, now = new Date()) {
  if (actor.role !== 'prosecutor' && actor.role !== 'coordinator') throw new ForbiddenError();
  const parsed = dashboardFilterSchema.parse(input);
  const range = defaultRange(now);
  const filter = { ...parsed, from: parsed.from ?? range.from, to: parsed.to ?? range.to };
  return readDashboard(db, actor.jurisdictionId, filter, cohortSources(actor.jurisdictionId, filter), now);
}

/**
 * The dashboard of one jurisdiction with its cohort measures summed from `src` (exported so the
 * tests can read the same filter from both grains and compare; callers use getDashboard).
 */
export async function readDashboard(db: Db, jid: string, filter: CohortFilter, src: CohortSources, now: Date) {
  const place: SQL[] = [sql`f.jurisdiction_id = ${jid}`];
  if (filter.boardId) place.push(sql`f.board_id = ${filter.boardId}`);
  if (filter.neighborhood) place.push(sql`f.neighborhood = ${filter.neighborhood}`);
  const placeWhere = sql.join(place, sql` and `);
  const ref = sql`f.race = 'white' and f.ethnicity = 'not_hispanic'`;

  // Cohort measures come from the pre-aggregates (never one row per case): per place and day when
  // a place is chosen, else jurisdiction-wide by month plus edge days (dashboard-sources.ts). One
  // pass over the measure rows gives the totals (the () grouping set) and every dimension's groups;
  // one pass over the tally rows gives every tally, in each measure's display order.
  const [cohort, tallies, caseload, waiting, [obligations], neighborhoods, boardList] = await Promise.all([
    q<CohortRow>(
      db,
      sql`select grouping(f.race, f.ethnicity, f.sex, f.age_band) = 15 as total,
        f.race::text as race, f.ethnicity::text as ethnicity, f.sex::text as sex, f.age_band,
        coalesce(sum(f.referred), 0) as referred, coalesce(sum(f.screened), 0) as screened,
        coalesce(sum(f.eligible), 0) as eligible, coalesce(sum(f.ineligible), 0) as ineligible,
        coalesce(sum(f.needs_review), 0) as needs_review, coalesce(sum(f.offered), 0) as offered,
        coalesce(sum(f.accepted), 0) as accepted, coalesce(sum(f.attended), 0) as attended,
        coalesce(sum(f.missed), 0) as missed, coalesce(sum(f.completed), 0) as completed,
        coalesce(sum(f.returned), 0) as returned, coalesce(sum(f.closed_after_accept), 0) as closed_after_accept,
        coalesce(sum(f.referred) filter (where ${ref}), 0) as ref_referred,
        coalesce(sum(f.eligible) filter (where ${ref}), 0) as ref_eligible,
        coalesce(sum(f.offered) filter (where ${ref}), 0) as ref_offered,
        coalesce(sum(f.accepted) filter (where ${ref}), 0) as ref_accepted,
        coalesce(sum(f.completed) filter (where ${ref}), 0) as ref_completed
      from ${src.measures}
      group by grouping sets ((), (f.race), (f.ethnicity), (f.sex), (f.age_band))
      having grouping(f.race, f.ethnicity, f.sex, f.age_band) = 15 or sum(f.referred) > 0`,
    ),
    q<{ measure: string; value: string; count: unknown }>(
      db,
      sql`select f.measure, f.value, sum(f.count)::int as count from ${src.tallies}
        and f.measure in ('ineligible_reason', 'first_hearing_days', 'completion_days', 'return_reason', 'rereferral')
        group by f.measure, f.value having sum(f.count) > 0 order by f.measure, 3 desc, f.value`,
    ),
    q<{ board_id: string | null; name: string | null; count: unknown }>(
      db,
      // Counted per board off the open-case index first, then named: joining the names before
      // grouping sorted every open case by board name (15 ms at 10,295 open cases; 5 ms this way).
      sql`select a.board_id, b.name, a.count from (
          select f.board_id, count(*) as count from case_facts f where ${placeWhere} and ${activeCaseload('f.')} group by f.board_id
        ) a left join boards b on b.id = a.board_id order by b.name nulls last, a.board_id`,
    ),
    q<{ case_id: string; external_case_number: string; status: string; referred_at: Date | string; board: string | null }>(
      db,
      sql`select f.case_id, c.external_case_number, f.status::text as status, f.referred_at, b.name as board
        from case_facts f join cases c on c.id = f.case_id left join boards b on b.id = f.board_id
        where ${placeWhere} and ${waitingForHearing('f.')}
          and f.referred_at < ${now}::timestamptz - make_interval(days => ${WAITING_DAYS})
        order by f.referred_at, f.case_id limit 100`,
    ),
    obligationsAsOf(db, jid, placeWhere, now),
    q<{ neighborhood: string }>(db, sql`select distinct neighborhood from board_areas where jurisdiction_id = ${jid} order by 1`),
    q<{ id: string; name: string }>(db, sql`select id, name from boards where jurisdiction_id = ${jid} order by name`),
  ]);

  const totals = cohort.find((r) => r.total)!;
  const groups = cohort.filter((r) => !r.total);
  const tally = (measure: string) => tallies.filter((t) => t.measure === measure);
  const reasons = tally('ineligible_reason');
  const returns = tally('return_reason');
  const rereferralCells = tally('rereferral');
  const hearingDays = tally('first_hearing_days');
  const completionDays = tally('completion_days');
  const referred = n(totals.referred);
  const reference: FunnelCounts = {
    referred: n(totals.ref_referred),
    eligible: n(totals.ref_eligible),
    offered: n(totals.ref_offered),
    accepted: n(totals.ref_accepted),
    completed: n(totals.ref_completed),
  };
  const toBuckets = (rows: { value: unknown; count: unknown }[]): Bucket[] => rows.map((r) => ({ value: n(r.value), count: n(r.count) }));
  const hb = toBuckets(hearingDays);
  const cb = toBuckets(completionDays);
  const funnel = {} as Record<Dimension, FunnelRow[]>;
  for (const d of dimensions) {
    const rows = groups
      .filter((g) => g[d] !== null)
      .map((g) => ({ group: g[d]!, counts: { referred: n(g.referred), eligible: n(g.eligible), offered: n(g.offered), accepted: n(g.accepted), completed: n(g.completed) } }))
      .toSorted((a, b) => (d === 'age_band' ? ageBands.indexOf(a.group as AgeBand) - ageBands.indexOf(b.group as AgeBand) : a.group.localeCompare(b.group)));
    funnel[d] = equityFunnel(rows, reference);
  }
  const rereferral = rereferralRates(
    rereferralCells.map((c) => ({ value: c.value, count: n(c.count) })),
    now,
  );
  const attended = n(totals.attended);
  const missed = n(totals.missed);
  const completed = n(totals.completed);

  return {
    filter,
    referred,
    screened: n(totals.screened),
    eligible: n(totals.eligible),
    ineligible: n(totals.ineligible),
    needsReview: n(totals.needs_review),
    ineligibleReasons: reasons.map((r) => ({ reason: r.value, count: n(r.count) })),
    offered: n(totals.offered),
    accepted: n(totals.accepted),
    acceptanceRate: rate(n(totals.accepted), n(totals.offered)),
    daysToFirstHearing: { n: hb.reduce((s, b) => s + b.count, 0), median: median(hb), p90: p90(hb) },
    waiting: waiting.map((w) => ({ caseId: w.case_id, externalCaseNumber: w.external_case_number, status: w.status, referredAt: new Date(w.referred_at), board: w.board })),
    appearance: { attended, missed, rate: rate(attended, attended + missed) },
    activeCaseload: caseload.map((c) => ({ boardId: c.board_id, board: c.name, count: n(c.count) })),
    obligations: obligationCounts(obligations),
    completion: {
      completed,
      returned: n(totals.returned),
      closedAfterAccept: n(totals.closed_after_accept),
      rate: rate(completed, n(totals.closed_after_accept)),
      medianDays: median(cb),
      p90Days: p90(cb),
    },
    returns: returns.map((r) => ({ reason: r.value, count: n(r.count) })),
    rereferral,
    funnel,
    reference,
    options: { neighborhoods: neighborhoods.map((r) => r.neighborhood), boards: boardList },
  };
}
/** Complete / on track / overdue obligations (and cases with one overdue) of the cases in progress. */
function obligationCounts(r: { cases: unknown; total: unknown; complete: unknown; overdue: unknown; cases_overdue: unknown }) {
  const total = n(r.total);
  const complete = n(r.complete);
  const overdue = n(r.overdue);
  return { cases: n(r.cases), casesOverdue: n(r.cases_overdue), total, complete, onTrack: total - complete - overdue, overdue, overdueRate: rate(overdue, total - complete) };
}

/**
 * Re-referral rates from the tally cells 'YYYY-MM:L' (closure month, smallest window re-referred
 * within, or 'none'): the base at N months holds completions whose month is at most the current
 * month − (N + 1), i.e. whose month ended at least N months before the current month began.
 */
export function rereferralRates(cells: readonly { value: string; count: number }[], now: Date) {
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return REREFERRAL_MONTHS.map((m) => {
    let base = 0;
    let re = 0;
    for (const c of cells) {
      const [ym, lag] = c.value.split(':');
      const [y, mo] = ym.split('-').map(Number);
      if (y * 12 + (mo - 1) > current - (m + 1)) continue;
      base += c.count;
      if (lag !== 'none' && Number(lag) <= m) re += c.count;
    }
    return { months: m, base, rereferred: re, rate: rate(re, base) };
  });
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
