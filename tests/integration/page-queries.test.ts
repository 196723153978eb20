import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLoad } from '@/db/load/generate';
import type { OpenDb } from '@/db/open';
import { countCasesByStatus, listCases, transitionCase } from '@/db/queries/cases';
import { caseListPageData, participantHomePageData, volunteerHearingsPageData } from '@/db/queries/page-data';
import { caseAssignments, cases, caseStatusCounts } from '@/db/schema';
import { actorOf, makeCase, userByEmail } from '../helpers/factories';
import { countingDb } from '../helpers/count-queries';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('demo');
});
afterAll(async () => t?.close());

const actors = async () => ({
  coordinator: actorOf(await userByEmail(t.db, 'coordinator@demo.test')),
  prosecutor: actorOf(await userByEmail(t.db, 'prosecutor@demo.test')),
  volunteer: actorOf(await userByEmail(t.db, 'volunteer@demo.test')),
  participant: actorOf(await userByEmail(t.db, 'participant@demo.test')),
});

/** Counts per status straight from the cases, to compare with the trigger-kept rollup. */
async function groupedCounts() {
  const rows = await t.db.select({ j: cases.jurisdictionId, s: cases.status, n: sql<number>`count(*)::int` }).from(cases).groupBy(cases.jurisdictionId, cases.status);
  return Object.fromEntries(rows.map((r) => [`${r.j}|${r.s}`, r.n]));
}
async function rollup() {
  const rows = await t.db.select().from(caseStatusCounts).where(sql`${caseStatusCounts.n} > 0`);
  return Object.fromEntries(rows.map((r) => [`${r.jurisdictionId}|${r.status}`, r.n]));
}

describe('case_status_counts rollup', () => {
  it('equals a GROUP BY over cases after the demo seed, a bulk load, single inserts and status moves', async () => {
    expect(await rollup()).toEqual(await groupedCounts());
    await generateLoad(t.db, { cases: 400, seed: 3, now: new Date('2026-11-27T12:00:00Z') });
    expect(await rollup()).toEqual(await groupedCounts());
    const { coordinator } = await actors();
    const c = await makeCase(t.db, { jurisdictionId: coordinator.jurisdictionId, status: 'referred' });
    await transitionCase(t.db, coordinator, { caseId: c.id, to: 'needs_review', version: c.version });
    expect(await rollup()).toEqual(await groupedCounts());
    // An update that leaves the status alone changes no count.
    await t.db.update(cases).set({ summary: 'edited' }).where(eq(cases.id, c.id));
    expect(await rollup()).toEqual(await groupedCounts());
    // The page's counts (coordinator, prosecutor) come from the rollup and match the volunteer path's GROUP BY shape.
    const fromRollup = await countCasesByStatus(t.db, coordinator);
    const direct = await t.db.select({ s: cases.status, n: sql<number>`count(*)::int` }).from(cases).where(eq(cases.jurisdictionId, coordinator.jurisdictionId)).groupBy(cases.status);
    expect(fromRollup).toEqual(Object.fromEntries(direct.map((r) => [r.s, r.n])));
  });

  it('refuses a count below zero (the CHECK holds the rollup honest)', async () => {
    const { coordinator } = await actors();
    await expect(t.db.update(caseStatusCounts).set({ n: -1 }).where(eq(caseStatusCounts.jurisdictionId, coordinator.jurisdictionId))).rejects.toThrow();
  });
});

describe('SQL statements per key page (no N+1: the count does not grow with the rows shown)', () => {
  async function counts() {
    const a = await actors();
    const q = countingDb(t);
    const list = await q.count((db) => caseListPageData(db, a.coordinator, { status: 'referred' }));
    const list2 = await q.count((db) => caseListPageData(db, a.coordinator, { status: 'assigned', limit: 100 }));
    const hearings = await q.count((db) => volunteerHearingsPageData(db, a.volunteer));
    const home = await q.count((db) => participantHomePageData(db, a.participant));
    return { list, list2, hearings, home };
  }

  it('case list 3, volunteer hearings 3, participant home at most 14 (incl. the audited read and the agreement summary), before and after 60 more cases', async () => {
    const before = await counts();
    expect(before.list.queries).toBe(3);
    expect(before.list2.queries).toBe(3);
    expect(before.hearings.queries).toBe(3);
    expect(before.hearings.result.items.length).toBeGreaterThan(0);
    expect(before.home.result.case).not.toBeNull();
    expect(before.home.queries, before.home.statements.join('\n')).toBeLessThanOrEqual(14);

    // More rows in every list: 60 cases on the volunteer's board in the demo jurisdiction.
    const a = await actors();
    const [seat] = await t.db.select({ boardId: caseAssignments.boardId }).from(caseAssignments).innerJoin(cases, eq(cases.id, caseAssignments.caseId)).where(eq(cases.id, (await listCases(t.db, a.volunteer, { limit: 1 })).items[0].id));
    for (let i = 0; i < 60; i++) await makeCase(t.db, { jurisdictionId: a.coordinator.jurisdictionId, boardId: seat.boardId, status: 'assigned' });
    const after = await counts();
    expect(after.list2.result.page.items.length).toBeGreaterThan(before.list2.result.page.items.length);
    expect([after.list.queries, after.list2.queries, after.hearings.queries, after.home.queries]).toEqual([before.list.queries, before.list2.queries, before.hearings.queries, before.home.queries]);
  });
});
