import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { closeCase } from '@/db/queries/case-closures';
import { rebuildCaseFacts, rebuildDashboardAggregates, refreshCaseFacts } from '@/db/queries/case-facts';
import { getDashboard } from '@/db/queries/dashboard';
import { createReferral } from '@/db/queries/referrals';
import { returnIneligibleCase } from '@/db/queries/screening';
import { caseFacts, cases, dashboardDaily, dashboardTallies } from '@/db/schema';
import { ForbiddenError } from '@/lib/errors';
import { actorOf, makeCase, makeUser, userByEmail } from '../helpers/factories';
import { makeIntakeJurisdiction, referralInput } from '../helpers/intake-factories';
import { makeFactCase, makeOutcomesWorld, makePastHearing } from '../helpers/outcomes-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

const DAY = 86_400_000;
const NOW = new Date('2026-11-20T18:00:00Z');
const JAN = (k: number) => new Date(Date.UTC(2025, 0, 10, 12) + k * 3_600_000);

type Group = { race: 'white' | 'black' | 'asian' | 'pacific_islander'; ethnicity: 'hispanic' | 'not_hispanic'; sex: 'male' | 'female'; referred: number; eligible: number; accepted: number; completed: number; unsuccessful?: number };

/**
 * The hand-built dataset (referred in January 2025 unless said otherwise):
 *   white NH   20 referred, 16 eligible (all offered), 12 accepted, 11 completed, 1 unsuccessful
 *   black NH   30 referred, 15 eligible, 12 accepted, 11 completed, 1 still in progress
 *   asian H     5 all the way to completed
 *   pac. isl. NH female 3 all the way to completed
 * Accepted cases' first hearings take 3..10 days (each value four times); completed cases take
 * 20, 30 or 40 days (ten each). Ineligible cases: all "weapon", the even-numbered also "violence".
 * Outside the January cohort: the first completed case's participant is referred again 3 months
 * after completing (now in progress, Westside), the second's 9 months after (assigned, no hearing).
 */
async function buildDataset() {
  const w = await makeOutcomesWorld(t.db);
  const groups: Group[] = [
    { race: 'white', ethnicity: 'not_hispanic', sex: 'male', referred: 20, eligible: 16, accepted: 12, completed: 11, unsuccessful: 1 },
    { race: 'black', ethnicity: 'not_hispanic', sex: 'male', referred: 30, eligible: 15, accepted: 12, completed: 11 },
    { race: 'asian', ethnicity: 'hispanic', sex: 'male', referred: 5, eligible: 5, accepted: 5, completed: 5 },
    { race: 'pacific_islander', ethnicity: 'not_hispanic', sex: 'female', referred: 3, eligible: 3, accepted: 3, completed: 3 },
  ];
  let k = 0;
  let ineligibleIx = 0;
  let acceptedIx = 0;
  let completedIx = 0;
  const completed: { id: string; participantId: string; closedAt: Date }[] = [];
  const accepted: { id: string; participantId: string; firstHearingAt: Date | null }[] = [];
  for (const g of groups) {
    for (let i = 0; i < g.referred; i++) {
      const referredAt = JAN(k++);
      const base = { referredAt, race: g.race, ethnicity: g.ethnicity, sex: g.sex, boardId: w.boards.northeast.id };
      if (i >= g.eligible) {
        const kinds = ineligibleIx++ % 2 === 0 ? ['violence_in_incident', 'weapon_involved'] : ['weapon_involved'];
        await makeFactCase(t.db, w, { ...base, boardId: undefined, decision: 'ineligible', ineligibleKinds: kinds, status: 'returned', returnReason: 'ineligible', closedAt: referredAt });
        continue;
      }
      if (i >= g.accepted) {
        await makeFactCase(t.db, w, { ...base, boardId: undefined, decision: 'eligible', offer: 'declined', status: 'returned', returnReason: 'declined', closedAt: new Date(referredAt.getTime() + DAY) });
        continue;
      }
      const firstHearingAt = new Date(referredAt.getTime() + ((acceptedIx++ % 8) + 3) * DAY);
      if (i < g.completed) {
        const closedAt = new Date(referredAt.getTime() + (20 + (completedIx++ % 3) * 10) * DAY);
        const c = await makeFactCase(t.db, w, { ...base, decision: 'eligible', offer: 'accepted', status: 'completed', closedAt, firstHearingAt });
        completed.push({ id: c.id, participantId: c.participantId, closedAt });
        accepted.push(c);
      } else if (g.unsuccessful) {
        accepted.push(await makeFactCase(t.db, w, { ...base, decision: 'eligible', offer: 'accepted', status: 'returned', returnReason: 'unsuccessful', closedAt: new Date(referredAt.getTime() + 60 * DAY), firstHearingAt }));
      } else {
        accepted.push(await makeFactCase(t.db, w, { ...base, decision: 'eligible', offer: 'accepted', status: 'in_progress', firstHearingAt }));
      }
    }
  }
  // Appearances: two held hearings and one participant no-show, on accepted cases.
  await makePastHearing(t.db, w, accepted[0], accepted[0].firstHearingAt!, 'held');
  await makePastHearing(t.db, w, accepted[1], accepted[1].firstHearingAt!, 'held');
  await makePastHearing(t.db, w, accepted[2], new Date(Date.UTC(2025, 1, 5, 23)), 'no_show_participant');
  // Re-referrals, outside the cohort.
  const [first, second] = completed;
  await makeFactCase(t.db, w, { referredAt: new Date(first.closedAt.getTime() + 90 * DAY), participantId: first.participantId, boardId: w.boards.westside.id, decision: 'eligible', offer: 'accepted', status: 'in_progress', firstHearingAt: new Date(first.closedAt.getTime() + 95 * DAY) });
  const waiting = await makeFactCase(t.db, w, { referredAt: new Date(second.closedAt.getTime() + 270 * DAY), participantId: second.participantId, boardId: w.boards.northeast.id, decision: 'eligible', offer: 'accepted', status: 'assigned' });
  await rebuildCaseFacts(t.db, w.j.id);
  return { w, waiting };
}

describe('dashboard measures on a hand-built dataset', () => {
  let d: Awaited<ReturnType<typeof getDashboard>>;
  let world: Awaited<ReturnType<typeof buildDataset>>;
  beforeAll(async () => {
    world = await buildDataset();
    d = await getDashboard(t.db, world.w.prosecutor, { from: '2025-01-01', to: '2025-01-31' }, NOW);
  });

  it('counts the funnel: referrals, screened, eligible and why not, offered, accepted', () => {
    expect(d.referred).toBe(58);
    expect(d.screened).toBe(58);
    expect(d.eligible).toBe(39);
    expect(d.ineligible).toBe(19);
    expect(d.ineligibleReasons).toEqual([
      { reason: 'weapon_involved', count: 19 },
      { reason: 'violence_in_incident', count: 10 },
    ]);
    expect(d.offered).toBe(39);
    expect(d.accepted).toBe(32);
    expect(d.acceptanceRate).toBeCloseTo(32 / 39, 10);
  });

  it('days referral → first hearing: median 6.5, p90 10; the assigned case waiting more than 10 days is listed', () => {
    expect(d.daysToFirstHearing).toEqual({ n: 32, median: 6.5, p90: 10 });
    expect(d.waiting.map((x) => x.caseId)).toEqual([world.waiting.id]);
  });

  it('appearance rate, active caseload by board, completion and returns', () => {
    expect(d.appearance).toEqual({ attended: 2, missed: 1, rate: 2 / 3 });
    expect(d.activeCaseload.map((c) => [c.board, c.count])).toEqual([
      ['Northeast', 2],
      ['Westside', 1],
    ]);
    expect(d.completion).toEqual({ completed: 30, returned: 27, closedAfterAccept: 31, rate: 30 / 31, medianDays: 30, p90Days: 40 });
    expect(d.returns).toEqual([
      { reason: 'ineligible', count: 19 },
      { reason: 'declined', count: 7 },
      { reason: 'unsuccessful', count: 1 },
    ]);
  });

  it('re-referral at 6/12/24 months counts only completions old enough', () => {
    expect(d.rereferral).toEqual([
      { months: 6, base: 30, rereferred: 1, rate: 1 / 30 },
      { months: 12, base: 30, rereferred: 2, rate: 2 / 30 },
      { months: 24, base: 0, rereferred: 0, rate: null },
    ]);
  });

  it('equity funnel by race: cells under 11 suppressed, RRI against white non-Hispanic', () => {
    const byGroup = Object.fromEntries(d.funnel.race.map((r) => [r.group, r.cells]));
    expect(Object.keys(byGroup)).toEqual(['asian', 'black', 'pacific_islander', 'white']);
    for (const small of ['asian', 'pacific_islander']) {
      for (const cell of Object.values(byGroup[small])) expect(cell).toEqual({ count: null, rate: null, rri: null });
    }
    expect(byGroup.black.referred.count).toBe(30);
    expect(byGroup.black.eligible).toEqual({ count: 15, rate: 0.5, rri: 0.625 });
    expect(byGroup.black.offered).toEqual({ count: 15, rate: 1, rri: 1 });
    expect(byGroup.black.accepted.count).toBe(12);
    expect(byGroup.black.accepted.rri).toBeCloseTo(0.8 / 0.75, 10);
    expect(byGroup.black.completed).toEqual({ count: 11, rate: 11 / 12, rri: 1 });
    expect(byGroup.white.eligible).toEqual({ count: 16, rate: 0.8, rri: 1 });
    expect(d.reference).toEqual({ referred: 20, eligible: 16, offered: 16, accepted: 12, completed: 11 });
  });

  it('complementary suppression: a lone small cell hides its neighbour so totals cannot reveal it', () => {
    // ethnicity: hispanic 5 (suppressed) and not Hispanic 53 — 53 would give 58 − 53 = 5 away.
    for (const row of d.funnel.ethnicity) for (const cell of Object.values(row.cells)) expect(cell.count).toBeNull();
    // sex: female 3, male 55 — the same.
    expect(d.funnel.sex.map((r) => r.cells.referred.count)).toEqual([null, null]);
    // age band: everyone is 26 at referral; one group of 58 is shown.
    expect(d.funnel.age_band.map((r) => [r.group, r.cells.referred.count])).toEqual([['25_34', 58]]);
  });

  it('filters by board and neighborhood; the cohort is the referral date range', async () => {
    const west = await getDashboard(t.db, world.w.prosecutor, { from: '2025-01-01', to: '2027-01-31', boardId: world.w.boards.westside.id }, NOW);
    expect(west.referred).toBe(1);
    expect(west.activeCaseload.map((c) => c.count)).toEqual([1]);
    const area = await getDashboard(t.db, world.w.coordinator, { from: '2025-01-01', to: '2027-01-31', neighborhood: 'Area 64108' }, NOW);
    expect(area.referred).toBe(0);
    const all = await getDashboard(t.db, world.w.coordinator, { from: '2025-01-01', to: '2027-01-31' }, NOW);
    expect(all.referred).toBe(60);
  });

  it('is for prosecutors and coordinators only', async () => {
    const volunteer = actorOf(await makeUser(t.db, { jurisdictionId: world.w.j.id, role: 'volunteer' }));
    await expect(getDashboard(t.db, volunteer, {}, NOW)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('case_facts stays current in the same transaction as each change', () => {
  it('a referral writes its row; returning the case updates it', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const r = await createReferral(t.db, prosecutor, referralInput({ charges: ['579.015', '571.070'], facts: { weaponInvolved: 'yes' } }), { channel: 'form' });
    let [f] = await t.db.select().from(caseFacts).where(eq(caseFacts.caseId, r.caseId));
    expect(f).toMatchObject({ status: 'ineligible', screeningDecision: 'ineligible', offered: false, neighborhood: 'Area 64127' });
    expect(f.ineligibleReasons).toContain('weapon_involved');
    const [c] = await t.db.select({ version: cases.version }).from(cases).where(eq(cases.id, r.caseId));
    await returnIneligibleCase(t.db, prosecutor, { caseId: r.caseId, version: c.version });
    [f] = await t.db.select().from(caseFacts).where(eq(caseFacts.caseId, r.caseId));
    expect(f).toMatchObject({ status: 'returned', returnReason: 'ineligible' });
    expect(f.closedAt).not.toBeNull();
  });

  it('an eligible referral is offered at once and its row says so', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const r = await createReferral(t.db, prosecutor, referralInput(), { channel: 'api' });
    const [f] = await t.db.select().from(caseFacts).where(eq(caseFacts.caseId, r.caseId));
    expect(f).toMatchObject({ status: 'offered', screeningDecision: 'eligible', offered: true, accepted: false, ageBand: expect.any(String) });
  });
});

describe('the pre-aggregates stay equal to a rebuild from case_facts', () => {
  /** Non-zero rows of both pre-aggregate tables for one jurisdiction, in a stable order. */
  async function snapshot(jurisdictionId: string) {
    const daily = await t.db.select().from(dashboardDaily).where(eq(dashboardDaily.jurisdictionId, jurisdictionId));
    const tallies = await t.db.select().from(dashboardTallies).where(eq(dashboardTallies.jurisdictionId, jurisdictionId));
    const key = (r: object) => JSON.stringify(r);
    return {
      daily: daily.filter((r) => r.referred !== 0).map(key).toSorted(),
      tallies: tallies.filter((r) => r.count !== 0).map(key).toSorted(),
    };
  }

  it('after closing cases and a re-referral through the lifecycle, in the same transactions', async () => {
    const w = await makeOutcomesWorld(t.db);
    const at = new Date('2025-03-01T15:00:00Z');
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await makeCase(t.db, { jurisdictionId: w.j.id, status: 'in_progress', boardId: w.boards.northeast.id, referredAt: new Date(at.getTime() + i * DAY) }));
    await rebuildCaseFacts(t.db, w.j.id);
    const closedAt = new Date('2025-05-10T15:00:00Z');
    await closeCase(t.db, w.coordinator, { caseId: made[0].id, version: made[0].version, outcome: 'completed' }, closedAt);
    await closeCase(t.db, w.coordinator, { caseId: made[1].id, version: made[1].version, outcome: 'withdrawn', summary: 'Moved away and asked to leave.' }, closedAt);
    let tallies = await t.db.select().from(dashboardTallies).where(and(eq(dashboardTallies.jurisdictionId, w.j.id), eq(dashboardTallies.measure, 'rereferral')));
    expect(tallies.filter((r) => r.count !== 0).map((r) => [r.value, r.count])).toEqual([['2025-05:none', 1]]);
    // The same participant is referred again two months later: the completed case's cell moves.
    const again = await makeCase(t.db, { jurisdictionId: w.j.id, participantId: made[0].participantId, status: 'referred', referredAt: new Date('2025-07-10T15:00:00Z') });
    await t.db.transaction((tx) => refreshCaseFacts(tx, again.id));
    tallies = await t.db.select().from(dashboardTallies).where(and(eq(dashboardTallies.jurisdictionId, w.j.id), eq(dashboardTallies.measure, 'rereferral')));
    expect(tallies.filter((r) => r.count !== 0).map((r) => [r.value, r.count])).toEqual([['2025-05:6', 1]]);

    const incremental = await snapshot(w.j.id);
    await rebuildDashboardAggregates(t.db, w.j.id);
    expect(await snapshot(w.j.id)).toEqual(incremental);
    const d = await getDashboard(t.db, w.prosecutor, { from: '2025-01-01', to: '2025-12-31' }, NOW);
    expect(d).toMatchObject({ referred: 4, completion: { completed: 1, returned: 1 }, returns: [{ reason: 'withdrawn', count: 1 }] });
    expect(d.rereferral[0]).toEqual({ months: 6, base: 1, rereferred: 1, rate: 1 });
  });

  it('on the demo seed: what the seed built equals a rebuild, and the dashboard reads the same', async () => {
    const demo = await createTestDb('demo');
    try {
      const prosecutor = actorOf(await userByEmail(demo.db, 'prosecutor@demo.test'));
      const before = await getDashboard(demo.db, prosecutor, {});
      const snap = async () => {
        const daily = (await demo.db.select().from(dashboardDaily)).filter((r) => r.referred !== 0).map((r) => JSON.stringify(r));
        const tallies = (await demo.db.select().from(dashboardTallies)).filter((r) => r.count !== 0).map((r) => JSON.stringify(r));
        return { daily: daily.toSorted(), tallies: tallies.toSorted() };
      };
      const incremental = await snap();
      await rebuildDashboardAggregates(demo.db);
      expect(await snap()).toEqual(incremental);
      expect(await getDashboard(demo.db, prosecutor, {})).toEqual(before);
    } finally {
      await demo.close();
    }
  });
});

describe('demo seed', () => {
  it('builds a dashboard row for every demo case, and the dashboard reads them', async () => {
    const demo = await createTestDb('demo');
    try {
      const res = (await demo.db.execute(sql`select (select count(*) from cases)::int - (select count(*) from case_facts)::int as c`)) as unknown as { rows: { c: number }[] };
      expect(res.rows[0].c).toBe(0);
      const prosecutor = actorOf(await userByEmail(demo.db, 'prosecutor@demo.test'));
      const d = await getDashboard(demo.db, prosecutor, {});
      expect(d.referred).toBeGreaterThan(50);
    } finally {
      await demo.close();
    }
  });
});
