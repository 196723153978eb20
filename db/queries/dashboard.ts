import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { ForbiddenError } from '@/lib/errors';
import { type AgeBand, ageBands, type Bucket, equityFunnel, type FunnelCounts, type FunnelRow, median, p90, rate } from '@/lib/domain/metrics';
import type { Db } from '../types';

/**
 * The prosecutor's dashboard, computed from the case_facts rollup only (never from cases,
 * hearings, offers or screening rows). Definitions are stated on the page:
 * - cohort: cases REFERRED in the date range (and board / neighborhood when chosen);
 * - active caseload and cases waiting are as of now (board / neighborhood filters apply);
 * - re-referral at N months: a completed case counts when its completion is at least N months old;
 *   it is re-referred when the same participant has a new referral within N months after it.
 */
export const dashboardFilterSchema = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  boardId: z.uuid().optional(),
  neighborhood: z.string().trim().min(1).max(120).optional(),
});
export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;

export const dimensions = ['race', 'ethnicity', 'sex', 'age_band'] as const;
export type Dimension = (typeof dimensions)[number];
export const REREFERRAL_MONTHS = [6, 12, 24] as const;
export const WAITING_DAYS = 10;

type Rows<T> = { rows: T[] };
async function q<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}

const n = (v: unknown) => Number(v ?? 0);

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
  const jid = actor.jurisdictionId;

  const place: SQL[] = [sql`f.jurisdiction_id = ${jid}`];
  if (filter.boardId) place.push(sql`f.board_id = ${filter.boardId}`);
  if (filter.neighborhood) place.push(sql`f.neighborhood = ${filter.neighborhood}`);
  const placeWhere = sql.join(place, sql` and `);
  const cohort = sql`${placeWhere} and f.referred_day between ${filter.from}::date and ${filter.to}::date`;
  const ref = sql`f.race = 'white' and f.ethnicity = 'not_hispanic'`;

  const [totals] = await q<Record<string, unknown>>(
    db,
    sql`select count(*) as referred,
      count(*) filter (where f.screening_decision is not null) as screened,
      count(*) filter (where f.screening_decision = 'eligible') as eligible,
      count(*) filter (where f.screening_decision = 'ineligible') as ineligible,
      count(*) filter (where f.screening_decision = 'needs_review') as needs_review,
      count(*) filter (where f.offered) as offered,
      count(*) filter (where f.accepted) as accepted,
      coalesce(sum(f.hearings_attended), 0) as attended,
      coalesce(sum(f.hearings_missed), 0) as missed,
      count(*) filter (where f.status = 'completed') as completed,
      count(*) filter (where f.status = 'returned') as returned,
      count(*) filter (where f.accepted and f.closed_at is not null) as closed_after_accept,
      count(*) filter (where ${ref}) as ref_referred,
      count(*) filter (where ${ref} and f.screening_decision = 'eligible') as ref_eligible,
      count(*) filter (where ${ref} and f.offered) as ref_offered,
      count(*) filter (where ${ref} and f.accepted) as ref_accepted,
      count(*) filter (where ${ref} and f.status = 'completed') as ref_completed
    from case_facts f where ${cohort}`,
  );

  const [reasons, hearingDays, completionDays, returns, groups, rereferral, caseload, waiting, neighborhoods, boardList] = await Promise.all([
    q<{ reason: string; count: unknown }>(db, sql`select r.reason, count(*) as count from case_facts f cross join lateral unnest(f.ineligible_reasons) as r(reason) where ${cohort} and f.screening_decision = 'ineligible' group by r.reason order by count(*) desc, r.reason`),
    q<{ value: unknown; count: unknown }>(db, sql`select f.days_to_first_hearing as value, count(*) as count from case_facts f where ${cohort} and f.days_to_first_hearing is not null group by 1`),
    q<{ value: unknown; count: unknown }>(db, sql`select f.days_to_completion as value, count(*) as count from case_facts f where ${cohort} and f.days_to_completion is not null group by 1`),
    q<{ reason: string; count: unknown }>(db, sql`select f.return_reason as reason, count(*) as count from case_facts f where ${cohort} and f.status = 'returned' group by 1 order by count(*) desc, 1`),
    q<{ race: string | null; ethnicity: string | null; sex: string | null; age_band: string | null; referred: unknown; eligible: unknown; offered: unknown; accepted: unknown; completed: unknown }>(
      db,
      sql`select f.race::text as race, f.ethnicity::text as ethnicity, f.sex::text as sex, f.age_band,
        count(*) as referred,
        count(*) filter (where f.screening_decision = 'eligible') as eligible,
        count(*) filter (where f.offered) as offered,
        count(*) filter (where f.accepted) as accepted,
        count(*) filter (where f.status = 'completed') as completed
      from case_facts f where ${cohort}
      group by grouping sets ((f.race), (f.ethnicity), (f.sex), (f.age_band))`,
    ),
    q<Record<string, unknown>>(
      db,
      sql`select ${sql.join(
        REREFERRAL_MONTHS.map(
          (m) => sql`count(*) filter (where f.closed_at <= ${now}::timestamptz - make_interval(months => ${m})) as ${sql.identifier(`base_${m}`)},
            count(*) filter (where f.closed_at <= ${now}::timestamptz - make_interval(months => ${m}) and exists (
              select 1 from case_facts g where g.participant_id = f.participant_id and g.case_id <> f.case_id
                and g.referred_at > f.closed_at and g.referred_at <= f.closed_at + make_interval(months => ${m}))) as ${sql.identifier(`re_${m}`)}`,
        ),
        sql`, `,
      )}
      from case_facts f where ${cohort} and f.status = 'completed'`,
    ),
    q<{ board_id: string | null; name: string | null; count: unknown }>(
      db,
      sql`select f.board_id, b.name, count(*) as count from case_facts f left join boards b on b.id = f.board_id
        where ${placeWhere} and f.status in ('accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress')
        group by f.board_id, b.name order by b.name nulls last`,
    ),
    q<{ case_id: string; external_case_number: string; status: string; referred_at: Date | string; board: string | null }>(
      db,
      sql`select f.case_id, c.external_case_number, f.status::text as status, f.referred_at, b.name as board
        from case_facts f join cases c on c.id = f.case_id left join boards b on b.id = f.board_id
        where ${placeWhere} and f.status in ('accepted', 'assigned', 'hearing_scheduled') and f.first_hearing_at is null
          and f.referred_at < ${now}::timestamptz - make_interval(days => ${WAITING_DAYS})
        order by f.referred_at, f.case_id limit 100`,
    ),
    q<{ neighborhood: string }>(db, sql`select distinct neighborhood from board_areas where jurisdiction_id = ${jid} order by 1`),
    q<{ id: string; name: string }>(db, sql`select id, name from boards where jurisdiction_id = ${jid} order by name`),
  ]);

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
  const [rr] = rereferral;
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
    ineligibleReasons: reasons.map((r) => ({ reason: r.reason, count: n(r.count) })),
    offered: n(totals.offered),
    accepted: n(totals.accepted),
    acceptanceRate: rate(n(totals.accepted), n(totals.offered)),
    daysToFirstHearing: { n: hb.reduce((s, b) => s + b.count, 0), median: median(hb), p90: p90(hb) },
    waiting: waiting.map((w) => ({ caseId: w.case_id, externalCaseNumber: w.external_case_number, status: w.status, referredAt: new Date(w.referred_at), board: w.board })),
    appearance: { attended, missed, rate: rate(attended, attended + missed) },
    activeCaseload: caseload.map((c) => ({ boardId: c.board_id, board: c.name, count: n(c.count) })),
    completion: {
      completed,
      returned: n(totals.returned),
      closedAfterAccept: n(totals.closed_after_accept),
      rate: rate(completed, n(totals.closed_after_accept)),
      medianDays: median(cb),
      p90Days: p90(cb),
    },
    returns: returns.map((r) => ({ reason: r.reason, count: n(r.count) })),
    rereferral: REREFERRAL_MONTHS.map((m) => {
      const base = n(rr?.[`base_${m}`]);
      const re = n(rr?.[`re_${m}`]);
      return { months: m, base, rereferred: re, rate: rate(re, base) };
    }),
    funnel,
    reference,
    options: { neighborhoods: neighborhoods.map((r) => r.neighborhood), boards: boardList },
  };
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
