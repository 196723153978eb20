import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLoad } from '@/db/load/generate';
import { fillMissingCaseFacts } from '@/db/queries/case-facts';
import type { OpenDb } from '@/db/open';
import { caseEvents, caseFacts, cases, participants } from '@/db/schema';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

describe('load generator', () => {
  it('loads the requested number of cases with consistent, realistic proportions', async () => {
    const report = await generateLoad(t.db, { cases: 3000, seed: 7, now: new Date('2026-11-27T12:00:00Z') });
    expect(report.cases).toBe(3000);
    expect(report.rowsPerSecond).toBeGreaterThan(0);
    const [{ n }] = await t.db.select({ n: count() }).from(cases);
    expect(n).toBe(3000);
    const byStatus = Object.fromEntries((await t.db.select({ s: cases.status, n: count() }).from(cases).groupBy(cases.status)).map((r) => [r.s, r.n]));
    const returned = byStatus.returned ?? 0;
    const completed = byStatus.completed ?? 0;
    // Three years of referrals: most are closed; about a quarter screened out overall.
    expect(returned + completed).toBeGreaterThan(2400);
    expect(completed / (returned + completed)).toBeGreaterThan(0.4);
    expect(completed / (returned + completed)).toBeLessThan(0.75);
    // Every case has its referral event, and events follow the lifecycle order.
    const [{ missing }] = await t.db
      .select({ missing: sql<number>`count(*)::int` })
      .from(cases)
      .where(sql`not exists (select 1 from ${caseEvents} e where e.case_id = ${cases.id} and e.type = 'referred')`);
    expect(missing).toBe(0);
    // Re-referrals: some participants have more than one case.
    const repeats = await t.db.select({ p: cases.participantId }).from(cases).groupBy(cases.participantId).having(sql`count(*) > 1`);
    expect(repeats.length).toBeGreaterThan(50);
    // The dashboard rollup has a row for every generated case, with the same status.
    const [{ off }] = await t.db.select({ off: sql<number>`count(*)::int` }).from(cases).where(sql`not exists (select 1 from ${caseFacts} f where f.case_id = ${cases.id} and f.status = ${cases.status})`);
    expect(off).toBe(0);
    // Cases under an agreement carry obligations: some complete, some still open (due dates kept).
    const [ob] = ((await t.db.execute(sql`select count(*)::int as cases, sum(obligations_total)::int as total, sum(obligations_complete)::int as complete,
      sum(cardinality(obligations_open_due))::int as open from case_facts where status = 'in_progress'`)) as { rows: { cases: number; total: number; complete: number; open: number }[] }).rows;
    expect(ob.cases).toBeGreaterThan(50);
    expect(ob.total).toBe(ob.cases * 3);
    expect(ob.complete).toBeGreaterThan(0);
    expect(ob.open).toBe(ob.total - ob.complete);
    expect(ob.open).toBeGreaterThan(0);
  });

  it('generates each case\'s screening decision, offer, and hearings with their panels, consistent with its status', async () => {
    const q = async <T,>(query: ReturnType<typeof sql>) => ((await t.db.execute(query)) as unknown as { rows: T[] }).rows;
    // Screened cases carry the engine's decision; a screened-out one names the criteria it met.
    const [screening] = await q<{ undecided: number; ineligible: number; without_reason: number; eligible: number }>(sql`select
        count(*) filter (where c.status not in ('referred') and f.screening_decision is null)::int as undecided,
        count(*) filter (where f.screening_decision = 'ineligible')::int as ineligible,
        count(*) filter (where f.screening_decision = 'ineligible' and cardinality(f.ineligible_reasons) = 0)::int as without_reason,
        count(*) filter (where f.screening_decision = 'eligible')::int as eligible
      from cases c join case_facts f on f.case_id = c.id`);
    expect(screening.undecided).toBe(0);
    expect(screening.ineligible).toBeGreaterThan(300);
    expect(screening.without_reason).toBe(0);
    expect(screening.eligible).toBeGreaterThan(2000);
    // One offer per offered case; open only while the case waits for an answer.
    const [offers] = await q<{ offered_without: number; open_wrong: number; accepted: number; declined: number; expired: number }>(sql`select
        count(*) filter (where f.offered and not exists (select 1 from case_offers o where o.case_id = c.id))::int as offered_without,
        (select count(*)::int from case_offers o join cases c2 on c2.id = o.case_id where o.status = 'open' and c2.status <> 'offered') as open_wrong,
        (select count(*)::int from case_offers where status = 'accepted') as accepted,
        (select count(*)::int from case_offers where status = 'declined') as declined,
        (select count(*)::int from case_offers where status = 'expired') as expired
      from cases c join case_facts f on f.case_id = c.id`);
    expect(offers.offered_without).toBe(0);
    expect(offers.open_wrong).toBe(0);
    expect(Math.min(offers.accepted, offers.declined, offers.expired)).toBeGreaterThan(10);
    // Held first hearings match the case's first_hearing_at; panels of three with a chair; some
    // participants missed a date; hearings to come are on the calendar.
    const [h] = await q<{ held_cases: number; mismatched: number; bad_panels: number; no_shows: number; upcoming: number; future_held: number }>(sql`select
        (select count(*)::int from cases where first_hearing_at is not null) as held_cases,
        (select count(*)::int from cases c where c.first_hearing_at is distinct from
          (select min(h.starts_at) from hearings h where h.case_id = c.id and h.status = 'held' and h.kind = 'initial')) as mismatched,
        (select count(*)::int from hearings h where (select count(*) from hearing_panelists p where p.hearing_id = h.id) <> 3
          or not exists (select 1 from hearing_panelists p where p.hearing_id = h.id and p.role = 'chair')) as bad_panels,
        (select count(*)::int from hearings where status = 'no_show_participant') as no_shows,
        (select count(*)::int from hearings where status = 'scheduled' and starts_at > now()) as upcoming,
        (select count(*)::int from hearings where status <> 'scheduled' and starts_at > now()) as future_held`);
    expect(h.held_cases).toBeGreaterThan(1000);
    expect(h.mismatched).toBe(0);
    expect(h.bad_panels).toBe(0);
    expect(h.no_shows).toBeGreaterThan(20);
    expect(h.upcoming).toBeGreaterThan(10);
    expect(h.future_held).toBe(0);
    // The rollup sees them: appearance is measured on real hearing rows.
    const [appearance] = await q<{ attended: number; missed: number }>(sql`select sum(hearings_attended)::int as attended, sum(hearings_missed)::int as missed from case_facts`);
    expect(appearance.attended).toBeGreaterThan(h.held_cases);
    expect(appearance.missed).toBe(h.no_shows);
  });

  it('skews outcomes by group so the equity measures are not flat', async () => {
    const rows = await t.db
      .select({ race: participants.race, done: sql<number>`avg((${cases.status} = 'completed')::int)::float` })
      .from(cases)
      .innerJoin(participants, eq(participants.id, cases.participantId))
      .where(sql`${cases.status} in ('completed', 'returned')`)
      .groupBy(participants.race);
    const rate = Object.fromEntries(rows.map((r) => [r.race, Number(r.done)]));
    expect(rate.white - rate.black).toBeGreaterThan(0.03);
  });

  it('appends a second load without id collisions', async () => {
    const again = await generateLoad(t.db, { cases: 500, seed: 7 });
    expect(again.cases).toBe(500);
    const [{ n }] = await t.db.select({ n: count() }).from(cases);
    expect(n).toBe(3500);
  });

  it('fills case_facts set-based with the same rows the per-case lifecycle query computes', async () => {
    const snapshot = async () =>
      (await t.db.select({ r: sql<string>`(to_jsonb(case_facts) - 'updated_at')::text` }).from(caseFacts).orderBy(caseFacts.caseId)).map((x) => x.r);
    const bulk = await snapshot();
    expect(bulk.length).toBeGreaterThan(3000);
    await t.db.execute(sql`delete from case_facts`);
    await fillMissingCaseFacts(t.db);
    expect(await snapshot()).toEqual(bulk);
  });

  it('loads chunks two at a time: small chunks give exactly the rows one chunk gives', async () => {
    // Eight chunks of 150, re-referrals naming participants of earlier chunks: the pipeline must keep
    // the foreign keys' order, and chunking must not change what is generated.
    const fingerprint = async (o: OpenDb) =>
      (
        (await o.db.execute(sql`select
          (select md5(string_agg(concat_ws('|', id, participant_id, status, referred_at, external_case_number, closed_at), ',' order by id)) from cases) as cases,
          (select md5(string_agg(concat_ws('|', id, first_name, zip, race), ',' order by id)) from participants) as participants,
          (select md5(string_agg(concat_ws('|', case_id, type, payload::text, occurred_at), ',' order by case_id, occurred_at, type, payload::text)) from case_events) as events,
          (select md5(string_agg(concat_ws('|', id, case_id, code), ',' order by id)) from case_charges) as charges,
          (select md5(string_agg(concat_ws('|', id, case_id, due_on), ',' order by id)) from agreement_items) as items,
          (select count(*)::int from progress_entries) as progress,
          (select md5(string_agg(concat_ws('|', id, case_id, decision, results::text), ',' order by id)) from screening_decisions) as decisions,
          (select md5(string_agg(concat_ws('|', id, case_id, status, responded_at), ',' order by id)) from case_offers) as offers,
          (select md5(string_agg(concat_ws('|', h.id, h.case_id, h.status, h.starts_at, p.user_id, p.role), ',' order by h.id, p.user_id)) from hearings h join hearing_panelists p on p.hearing_id = h.id) as hearings,
          (select md5(string_agg(concat_ws('|', status, n), ',' order by jurisdiction_id, status)) from (select c.status, count(*) n, c.jurisdiction_id from cases c group by 1, 3) s) as counts`)) as { rows: Record<string, string>[] }
      ).rows[0];
    const opts = { cases: 1200, seed: 11, now: new Date('2026-11-27T12:00:00Z') };
    const small = await createTestDb('empty');
    const whole = await createTestDb('empty');
    try {
      const a = await generateLoad(small.db, { ...opts, chunk: 150 });
      const b = await generateLoad(whole.db, opts);
      expect(a.tables).toEqual(b.tables);
      const fa = await fingerprint(small);
      expect(fa.progress).toBeGreaterThan(0);
      expect(fa).toEqual(await fingerprint(whole));
    } finally {
      await small.close();
      await whole.close();
    }
  });
});
