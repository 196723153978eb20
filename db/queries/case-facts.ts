import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { atCommit } from '../commit-hooks';
import type { Db } from '../types';

/**
 * Recompute one case's dashboard row (case_facts) from the raw tables, inside the caller's
 * transaction. Called wherever a case's status, screening, offer, board or hearings change, so the
 * rollup is never behind the case. One statement, keyed on the case's primary key.
 */
export async function refreshCaseFacts(tx: Db, caseId: string): Promise<void> {
  // In a transaction: once, at COMMIT, however many times the case moved (db/commit-hooks.ts).
  if (atCommit(tx, 'rollup', `case_facts:${caseId}`, () => recomputeCaseFacts(tx, caseId))) return;
  await recomputeCaseFacts(tx, caseId);
}

async function recomputeCaseFacts(tx: Db, caseId: string): Promise<void> {
  // The cases whose pre-aggregate contribution this change can alter: the case itself, and the
  // participant's completed cases (their re-referral cell depends on this referral).
  // (Written as a key list so both engines look the rows up by index, never scan case_facts.)
  const touched = sql`f.case_id in (select ${caseId}::uuid union all
    select g.case_id from case_facts g where g.participant_id = (select c.participant_id from cases c where c.id = ${caseId}) and g.status = 'completed' and g.case_id <> ${caseId})`;
  await contribute(tx, touched, -1);
  await upsertFacts(tx, sql`c.id = ${caseId}`);
  await contribute(tx, touched, 1);
}

/**
 * Recompute one case's obligation counts (case_facts.obligations_*) inside the caller's
 * transaction: called when an agreement is signed (or an amendment replaces it) and when progress
 * is verified. Only the case's own row changes — these columns feed no pre-aggregate — so a
 * verification never waits on the jurisdiction-wide dashboard rows.
 */
export async function refreshCaseObligations(tx: Db, caseId: string): Promise<void> {
  await tx.execute(sql`
    update case_facts f set obligations_total = coalesce(o.total, 0), obligations_complete = coalesce(o.complete, 0),
      obligations_open_due = coalesce(o.open_due, '{}'), updated_at = now()
    from (select ${caseId}::uuid as case_id) k left join (${obligationFacts(sql`a.case_id = ${caseId}`)}) o on o.case_id = k.case_id
    where f.case_id = k.case_id`);
}

/**
 * Fill the obligation counts of every case with a signed agreement (of one jurisdiction, if given) in
 * one set-based statement: bulk loads (the load generator) that insert agreements without the
 * lifecycle that keeps them.
 */
export async function fillCaseObligations(db: Db, jurisdictionId?: string): Promise<void> {
  await db.execute(sql`
    update case_facts f set obligations_total = o.total, obligations_complete = o.complete, obligations_open_due = o.open_due
    from (${obligationFacts(jurisdictionId ? sql`a.jurisdiction_id = ${jurisdictionId}` : sql`true`)}) o
    where f.case_id = o.case_id`);
}

/**
 * Per case with a signed agreement (chosen by `where`, over agreements aliased a): its obligations
 * — every item but the check-in hearings, which are appearances and have no progress to log —
 * how many are complete (verified progress on the item's lineage reaches its target, the rule of
 * obligationProgress), and the due dates of the rest, earliest first. Migration 0021 backfills
 * with the same statement.
 */
function obligationFacts(where: SQL): SQL {
  return sql`select a.case_id, count(*)::int as total,
      count(*) filter (where v.done >= i.target_quantity)::int as complete,
      coalesce(array_agg(i.due_on order by i.due_on) filter (where v.done < i.target_quantity), '{}') as open_due
    from agreements a
    join agreement_items i on i.agreement_id = a.id and i.kind <> 'check_in_hearing'
    cross join lateral (select coalesce(sum(pe.quantity), 0) as done from progress_entries pe where pe.lineage_id = i.lineage_id and pe.status = 'verified') v
    where a.status = 'signed' and ${where}
    group by a.case_id`;
}

/** Rebuild the rows of every case in a jurisdiction in one statement (after a bulk load or restore). */
export async function rebuildCaseFacts(db: Db, jurisdictionId: string): Promise<void> {
  await upsertFacts(db, sql`c.jurisdiction_id = ${jurisdictionId}`);
  await rebuildDashboardAggregates(db, jurisdictionId);
}

/** Build the rows of every case that has none yet (bulk loads that bypass the lifecycle). */
export async function fillMissingCaseFacts(db: Db): Promise<void> {
  const r = (await db.execute(sql`select exists (select 1 from cases c where not exists (select 1 from case_facts x where x.case_id = c.id)) as missing`)) as unknown as { rows: { missing: boolean }[] };
  const missing = Boolean(r.rows[0]?.missing);
  if (missing) await upsertFacts(db, sql`not exists (select 1 from case_facts x where x.case_id = c.id)`);
  if (missing || (await dashboardAggregatesMissing(db))) await rebuildDashboardAggregates(db);
}

/**
 * Rebuild the dashboard pre-aggregates (both grains: dashboard_daily, dashboard_tallies,
 * dashboard_periods, dashboard_period_tallies) from case_facts, for one jurisdiction or all:
 * delete, then one set-based statement writing every table.
 */
export async function rebuildDashboardAggregates(db: Db, jurisdictionId?: string): Promise<void> {
  const where = jurisdictionId ? sql`f.jurisdiction_id = ${jurisdictionId}` : sql`true`;
  const del = jurisdictionId ? sql`where jurisdiction_id = ${jurisdictionId}` : sql``;
  await db.execute(sql`delete from dashboard_daily ${del}`);
  await db.execute(sql`delete from dashboard_tallies ${del}`);
  await db.execute(sql`delete from dashboard_periods ${del}`);
  await db.execute(sql`delete from dashboard_period_tallies ${del}`);
  await contribute(db, where, 1);
}

/** Whether the pre-aggregates (either grain) are missing while case_facts has rows (datasets built before them). */
export async function dashboardAggregatesMissing(db: Db): Promise<boolean> {
  const r = (await db.execute(sql`select exists (select 1 from case_facts) and not (exists (select 1 from dashboard_daily) and exists (select 1 from dashboard_periods)) as missing`)) as unknown as { rows: { missing: boolean }[] };
  return Boolean(r.rows[0]?.missing);
}

/**
 * The measure columns of a dashboard row (referred … closed_after_accept, in table order) as sums
 * over case_facts rows aliased `f`, times k (+1 to add cases, −1 to take them out). Shared by both
 * pre-aggregate grains and by the raw computation the tests and benchmark compare them with.
 */
export function measureSums(k: SQL): SQL {
  return sql`${k} * count(*),
        ${k} * count(*) filter (where f.screening_decision is not null),
        ${k} * count(*) filter (where f.screening_decision = 'eligible'),
        ${k} * count(*) filter (where f.screening_decision = 'ineligible'),
        ${k} * count(*) filter (where f.screening_decision = 'needs_review'),
        ${k} * count(*) filter (where f.offered),
        ${k} * count(*) filter (where f.accepted),
        ${k} * coalesce(sum(f.hearings_attended), 0),
        ${k} * coalesce(sum(f.hearings_missed), 0),
        ${k} * count(*) filter (where f.status = 'completed'),
        ${k} * count(*) filter (where f.status = 'returned'),
        ${k} * count(*) filter (where f.accepted and f.closed_at is not null)`;
}

/**
 * Case-facts rows (`from`, a FROM … WHERE over alias f) with the time of the participant's next
 * referral after a completion, looked up in `referrals` (any relation with participant_id, case_id
 * and referred_at: case_facts, or the cases table for the raw computation).
 */
export function withNextReferral(from: SQL, referrals: SQL): SQL {
  return sql`select f.*,
        case when f.status = 'completed' then (
          select min(g.referred_at) from ${referrals} g
          where g.participant_id = f.participant_id and g.case_id <> f.case_id and g.referred_at > f.closed_at) end as next_referral_at
      from ${from}`;
}

/**
 * One row per case and tally value (case_id, jurisdiction_id, measure, referred_day, board_id,
 * neighborhood, value) from a CTE named f made by withNextReferral.
 */
export const tallyRows = sql`
      select case_id, jurisdiction_id, 'first_hearing_days', referred_day, board_id, neighborhood, days_to_first_hearing::text from f where days_to_first_hearing is not null
      union all
      select case_id, jurisdiction_id, 'completion_days', referred_day, board_id, neighborhood, days_to_completion::text from f where days_to_completion is not null
      union all
      select case_id, jurisdiction_id, 'ineligible_reason', referred_day, board_id, neighborhood, r.reason from f cross join lateral unnest(f.ineligible_reasons) as r(reason) where screening_decision = 'ineligible'
      union all
      select case_id, jurisdiction_id, 'return_reason', referred_day, board_id, neighborhood, coalesce(return_reason::text, 'unknown') from f where status = 'returned'
      union all
      select case_id, jurisdiction_id, 'rereferral', referred_day, board_id, neighborhood,
        to_char(closed_at at time zone 'UTC', 'YYYY-MM') || ':' || case
          when next_referral_at is null then 'none'
          when next_referral_at <= closed_at + make_interval(months => 6) then '6'
          when next_referral_at <= closed_at + make_interval(months => 12) then '12'
          when next_referral_at <= closed_at + make_interval(months => 24) then '24'
          else 'none' end
      from f where status = 'completed' and closed_at is not null`;

/**
 * Each case also counts in the jurisdiction-wide grain, once for its referral day and once for its
 * referral month (the 1st: the day minus its day of month, plain date arithmetic), as rows g(grain,
 * period_start). Made from the row itself rather than joined back on case_id: a join of two CTEs
 * has no statistics, and with a jurisdiction the planner had not seen yet it chose a nested loop
 * that ran for minutes at 175,000 cases.
 */
function periodsOf(day: SQL): SQL {
  return sql`(values ('day', ${day}), ('month', ${day} - extract(day from ${day})::int + 1)) as g(grain, period_start)`;
}

/**
 * Add (`sign` 1) or subtract (−1) the contribution of the case_facts rows matching `where` (over
 * the alias `f`) to the pre-aggregates, both grains: one statement writing all four tables. Rows
 * are written in key order, table by table in the same order every time, so concurrent refreshes
 * lock them in the same order. The jurisdiction-wide rows are hot (every case of a month and
 * demographic cell shares one): concurrent refreshes that share one wait for each other's commit
 * rather than deadlock, and a case's −1 and +1 touch the same jurisdiction-wide rows unless its
 * referral day, demographics or a tally value changed.
 */
async function contribute(tx: Db, where: SQL, sign: 1 | -1): Promise<void> {
  const k = sign === 1 ? sql`1` : sql`-1`;
  await tx.execute(sql`
    with f as (${withNextReferral(sql`case_facts f where ${where}`, sql`case_facts`)}),
    daily as (
      insert into dashboard_daily as t (jurisdiction_id, referred_day, board_id, neighborhood, race, ethnicity, sex, age_band,
        referred, screened, eligible, ineligible, needs_review, offered, accepted, attended, missed, completed, returned, closed_after_accept)
      select jurisdiction_id, referred_day, board_id, neighborhood, race, ethnicity, sex, age_band,
        ${measureSums(k)}
      from f group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8
      on conflict (jurisdiction_id, referred_day, board_id, neighborhood, race, ethnicity, sex, age_band) do update set
        referred = t.referred + excluded.referred, screened = t.screened + excluded.screened,
        eligible = t.eligible + excluded.eligible, ineligible = t.ineligible + excluded.ineligible,
        needs_review = t.needs_review + excluded.needs_review, offered = t.offered + excluded.offered,
        accepted = t.accepted + excluded.accepted, attended = t.attended + excluded.attended,
        missed = t.missed + excluded.missed, completed = t.completed + excluded.completed,
        returned = t.returned + excluded.returned, closed_after_accept = t.closed_after_accept + excluded.closed_after_accept
      returning 1
    ),
    periods as (
      insert into dashboard_periods as t (jurisdiction_id, grain, period_start, race, ethnicity, sex, age_band,
        referred, screened, eligible, ineligible, needs_review, offered, accepted, attended, missed, completed, returned, closed_after_accept)
      select f.jurisdiction_id, g.grain, g.period_start, f.race, f.ethnicity, f.sex, f.age_band,
        ${measureSums(k)}
      from f cross join lateral ${periodsOf(sql`f.referred_day`)}
      group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
      on conflict (jurisdiction_id, grain, period_start, race, ethnicity, sex, age_band) do update set
        referred = t.referred + excluded.referred, screened = t.screened + excluded.screened,
        eligible = t.eligible + excluded.eligible, ineligible = t.ineligible + excluded.ineligible,
        needs_review = t.needs_review + excluded.needs_review, offered = t.offered + excluded.offered,
        accepted = t.accepted + excluded.accepted, attended = t.attended + excluded.attended,
        missed = t.missed + excluded.missed, completed = t.completed + excluded.completed,
        returned = t.returned + excluded.returned, closed_after_accept = t.closed_after_accept + excluded.closed_after_accept
      returning 1
    ),
    tally(case_id, jurisdiction_id, measure, referred_day, board_id, neighborhood, value) as (${tallyRows}),
    period_tallies as (
      insert into dashboard_period_tallies as t (jurisdiction_id, measure, grain, period_start, value, count)
      select x.jurisdiction_id, x.measure, g.grain, g.period_start, x.value, ${k} * count(*)
      from tally x cross join lateral ${periodsOf(sql`x.referred_day`)}
      group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
      on conflict (jurisdiction_id, measure, grain, period_start, value) do update set count = t.count + excluded.count
      returning 1
    )
    insert into dashboard_tallies as t (jurisdiction_id, measure, referred_day, board_id, neighborhood, value, count)
    select jurisdiction_id, measure, referred_day, board_id, neighborhood, value, ${k} * count(*)
    from tally group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (jurisdiction_id, measure, referred_day, board_id, neighborhood, value) do update set count = t.count + excluded.count`);
}

async function upsertFacts(tx: Db, where: SQL): Promise<void> {
  await tx.execute(sql`
    insert into case_facts as f (${factColumns}, obligations_total, obligations_complete, obligations_open_due)
    select x.*, coalesce(o.total, 0), coalesce(o.complete, 0), coalesce(o.open_due, '{}')
    from (${factsSelect(where)}) as x(${factColumns})
    left join (${obligationFacts(sql`exists (select 1 from cases c where c.id = a.case_id and ${where})`)}) o on o.case_id = x.case_id
    on conflict (case_id) do update set
      board_id = excluded.board_id, neighborhood = excluded.neighborhood, race = excluded.race,
      ethnicity = excluded.ethnicity, sex = excluded.sex, age_band = excluded.age_band,
      referred_at = excluded.referred_at, referred_day = excluded.referred_day, status = excluded.status,
      screening_decision = excluded.screening_decision, ineligible_reasons = excluded.ineligible_reasons,
      offered = excluded.offered, accepted = excluded.accepted, first_hearing_at = excluded.first_hearing_at,
      days_to_first_hearing = excluded.days_to_first_hearing, hearings_attended = excluded.hearings_attended,
      hearings_missed = excluded.hearings_missed, closed_at = excluded.closed_at,
      return_reason = excluded.return_reason, days_to_completion = excluded.days_to_completion,
      obligations_total = excluded.obligations_total, obligations_complete = excluded.obligations_complete,
      obligations_open_due = excluded.obligations_open_due, updated_at = excluded.updated_at`);
}

const factColumnNames = ['case_id', 'jurisdiction_id', 'participant_id', 'board_id', 'neighborhood', 'race', 'ethnicity', 'sex', 'age_band', 'referred_at', 'referred_day', 'status', 'screening_decision', 'ineligible_reasons', 'offered', 'accepted', 'first_hearing_at', 'days_to_first_hearing', 'hearings_attended', 'hearings_missed', 'closed_at', 'return_reason', 'days_to_completion', 'updated_at'];
const factColumns = sql.join(
  factColumnNames.map((c) => sql.identifier(c)),
  sql`, `,
);

/** The rollup row computed from the raw tables (cases, participants, screening, offers, hearings). */
function factsSelect(where: SQL): SQL {
  return sql`
    select
      c.id, c.jurisdiction_id, c.participant_id,
      (select a.board_id from case_assignments a where a.case_id = c.id order by a.ended_at is null desc, a.assigned_at desc limit 1),
      (select ba.neighborhood from board_areas ba where ba.jurisdiction_id = c.jurisdiction_id and ba.zip = p.zip),
      p.race, p.ethnicity, p.sex,
      case
        when age.y < 18 then 'under_18' when age.y < 25 then '18_24' when age.y < 35 then '25_34'
        when age.y < 45 then '35_44' when age.y < 55 then '45_54' else '55_plus' end,
      c.referred_at, (c.referred_at at time zone j.time_zone)::date, c.status,
      sd.decision,
      case when sd.decision = 'ineligible'
        then coalesce((select array_agg(r->>'kind' order by r->>'kind') from jsonb_array_elements(sd.results) r where r->>'result' = 'met'), '{}')
        else '{}' end,
      exists (select 1 from case_offers o where o.case_id = c.id)
        or c.status in ('offered', 'accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress', 'completed')
        or coalesce(c.return_reason in ('declined', 'no_response', 'withdrawn', 'unsuccessful'), false),
      exists (select 1 from case_offers o where o.case_id = c.id and o.status = 'accepted')
        or c.status in ('accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress', 'completed')
        or coalesce(c.return_reason in ('withdrawn', 'unsuccessful'), false),
      fh.at,
      case when fh.at is null then null else floor(extract(epoch from fh.at - c.referred_at) / 86400)::int end,
      (select count(*)::int from hearings h where h.case_id = c.id and h.status = 'held'),
      (select count(*)::int from hearings h where h.case_id = c.id and h.status = 'no_show_participant'),
      c.closed_at, c.return_reason,
      case when c.status = 'completed' then floor(extract(epoch from c.closed_at - c.referred_at) / 86400)::int end,
      now()
    from cases c
    join participants p on p.id = c.participant_id
    join jurisdictions j on j.id = c.jurisdiction_id
    cross join lateral (select extract(year from age((c.referred_at at time zone j.time_zone)::date, p.date_of_birth))::int as y) age
    left join lateral (select d.decision, d.results from screening_decisions d where d.case_id = c.id order by d.created_at desc, d.source desc limit 1) sd on true
    left join lateral (select coalesce((select min(h.starts_at) from hearings h where h.case_id = c.id and h.status = 'held'), c.first_hearing_at) as at) fh on true
    where ${where}
`;
}

/**
 * The same rows computed on the fly from the raw tables, as a FROM item named `f` — what the
 * dashboard would have to do without the rollup (the benchmark's baseline).
 */
export function rawFactsFrom(where: SQL): SQL {
  return sql`(${factsSelect(where)}) as f(${factColumns})`;
}
