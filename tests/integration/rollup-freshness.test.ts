/**
 * The dashboard rollup (case_facts and the pre-aggregates built from it) must equal a rebuild from
 * the base tables after every change that alters what a case's row is computed from, made in the
 * change's own transaction: a coordinator moving a case to another board, and a re-referral that
 * updates the participant's ZIP or demographics, which every earlier case of that person carries.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { rebuildCaseFacts } from '@/db/queries/case-facts';
import { createReferral } from '@/db/queries/referrals';
import { assignBoard } from '@/db/queries/routing';
import { caseFacts, dashboardDaily, dashboardPeriods, dashboardPeriodTallies, dashboardTallies, participants } from '@/db/schema';
import type { Db } from '@/db/types';
import { makeCase } from '../helpers/factories';
import { makeIntakeJurisdiction, referralInput } from '../helpers/intake-factories';
import { makeOutcomesWorld } from '../helpers/outcomes-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

/** Every case_facts row (but its timestamp) and the non-zero rows of both pre-aggregate grains. */
async function rollup(db: Db, jurisdictionId: string) {
  const key = (r: object) => JSON.stringify(r);
  const facts = (await db.select().from(caseFacts).where(eq(caseFacts.jurisdictionId, jurisdictionId))).map(({ updatedAt: _, ...r }) => r);
  const daily = await db.select().from(dashboardDaily).where(eq(dashboardDaily.jurisdictionId, jurisdictionId));
  const tallies = await db.select().from(dashboardTallies).where(eq(dashboardTallies.jurisdictionId, jurisdictionId));
  const periods = await db.select().from(dashboardPeriods).where(eq(dashboardPeriods.jurisdictionId, jurisdictionId));
  const periodTallies = await db.select().from(dashboardPeriodTallies).where(eq(dashboardPeriodTallies.jurisdictionId, jurisdictionId));
  return {
    facts: facts.map(key).toSorted(),
    daily: daily.filter((r) => r.referred !== 0).map(key).toSorted(),
    tallies: tallies.filter((r) => r.count !== 0).map(key).toSorted(),
    periods: periods.filter((r) => r.referred !== 0).map(key).toSorted(),
    periodTallies: periodTallies.filter((r) => r.count !== 0).map(key).toSorted(),
  };
}

/** What the change left stored equals a rebuild of the jurisdiction from the base tables. */
async function expectRollupFresh(db: Db, jurisdictionId: string) {
  const stored = await rollup(db, jurisdictionId);
  await rebuildCaseFacts(db, jurisdictionId);
  expect(stored).toEqual(await rollup(db, jurisdictionId));
}

async function identityOf(db: Db, participantId: string) {
  const [p] = await db.select({ firstName: participants.firstName, lastName: participants.lastName, dateOfBirth: participants.dateOfBirth }).from(participants).where(eq(participants.id, participantId));
  return p;
}

async function factsOf(db: Db, caseId: string) {
  const [f] = await db.select().from(caseFacts).where(eq(caseFacts.caseId, caseId));
  return f;
}

describe('assignBoard keeps the rollup current', () => {
  for (const status of ['assigned', 'hearing_scheduled', 'hearing_held', 'in_progress'] as const) {
    it(`reassigning a case that is ${status.replaceAll('_', ' ')}: its row names the new board, equal to a rebuild`, async () => {
      const w = await makeOutcomesWorld(t.db);
      const c = await makeCase(t.db, { jurisdictionId: w.j.id, status, boardId: w.boards.northeast.id, referredAt: new Date('2025-03-03T15:00:00Z') });
      await rebuildCaseFacts(t.db, w.j.id);
      expect((await factsOf(t.db, c.id)).boardId).toBe(w.boards.northeast.id);

      const r = await assignBoard(t.db, w.coordinator, { caseId: c.id, boardId: w.boards.westside.id, reason: 'Closer to where they live now.', version: c.version });
      expect(r).toMatchObject({ version: c.version + 1, status });
      expect((await factsOf(t.db, c.id)).boardId).toBe(w.boards.westside.id);
      await expectRollupFresh(t.db, w.j.id);
    });
  }

  it('assigning an accepted case from the queue: the row names the board, equal to a rebuild', async () => {
    const w = await makeOutcomesWorld(t.db);
    const c = await makeCase(t.db, { jurisdictionId: w.j.id, status: 'accepted', referredAt: new Date('2025-03-03T15:00:00Z') });
    await rebuildCaseFacts(t.db, w.j.id);
    await assignBoard(t.db, w.coordinator, { caseId: c.id, boardId: w.boards.westside.id, reason: 'Board with room this month.', version: c.version });
    expect((await factsOf(t.db, c.id)).boardId).toBe(w.boards.westside.id);
    await expectRollupFresh(t.db, w.j.id);
  });
});

describe('a re-referral linked to an existing participant keeps the rollup current', () => {
  it("the participant's new ZIP and demographics reach the rows of their earlier cases too", async () => {
    const w = await makeIntakeJurisdiction(t.db);
    const first = await createReferral(t.db, w.prosecutor, referralInput({ participant: { zip: '64127', race: 'unknown', ethnicity: 'unknown', sex: 'unknown' } }), { channel: 'api' });
    expect(await factsOf(t.db, first.caseId)).toMatchObject({ neighborhood: 'Area 64127', race: 'unknown' });

    // Same person (name and date of birth) referred again from a Westside address, with demographics.
    const again = await createReferral(t.db, w.prosecutor, referralInput({ participant: { ...(await identityOf(t.db, first.participant.id)), zip: '64108', race: 'black', ethnicity: 'not_hispanic', sex: 'female' } }), { channel: 'api' });
    expect(again.participant).toEqual({ id: first.participant.id, linked: true });

    for (const caseId of [first.caseId, again.caseId]) expect(await factsOf(t.db, caseId)).toMatchObject({ neighborhood: 'Area 64108', race: 'black', ethnicity: 'not_hispanic', sex: 'female' });
    await expectRollupFresh(t.db, w.j.id);
  });

  it('a re-referral that changes nothing the rollup reads leaves it equal to a rebuild', async () => {
    const w = await makeIntakeJurisdiction(t.db);
    const first = await createReferral(t.db, w.prosecutor, referralInput({ participant: { zip: '64124', race: 'white' } }), { channel: 'csv' });
    const again = await createReferral(t.db, w.prosecutor, referralInput({ participant: { ...(await identityOf(t.db, first.participant.id)), zip: '64124' } }), { channel: 'csv' });
    expect(again.participant.linked).toBe(true);
    expect(await factsOf(t.db, first.caseId)).toMatchObject({ neighborhood: 'Area 64124', race: 'white' });
    await expectRollupFresh(t.db, w.j.id);
  });
});
