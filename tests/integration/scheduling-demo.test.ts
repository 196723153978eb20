import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { listHearings, listMyHearings } from '@/db/queries/hearings';
import { findProposals } from '@/db/queries/scheduling';
import { listRoster } from '@/db/queries/volunteers';
import { cases, hearingPanelists, hearings } from '@/db/schema';
import { actorOf, userByEmail } from '../helpers/factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('demo');
});
afterAll(async () => t?.close());

describe('scheduling demo seed', () => {
  it('gives every hearing_scheduled case an upcoming hearing and later cases a held one, each with a chaired panel of three', async () => {
    const now = new Date();
    const sched = await t.db.select({ id: cases.id }).from(cases).where(eq(cases.status, 'hearing_scheduled'));
    for (const c of sched) {
      const hs = await t.db.select().from(hearings).where(and(eq(hearings.caseId, c.id), eq(hearings.status, 'scheduled')));
      expect(hs.length, c.id).toBe(1);
      expect(hs[0].startsAt.getTime()).toBeGreaterThan(now.getTime());
    }
    const held = await t.db.select({ id: cases.id, firstHearingAt: cases.firstHearingAt }).from(cases).where(sql`${cases.status} in ('hearing_held', 'in_progress')`);
    for (const c of held) {
      const [h] = await t.db.select().from(hearings).where(and(eq(hearings.caseId, c.id), eq(hearings.status, 'held'), eq(hearings.kind, 'initial')));
      expect(h.startsAt.getTime()).toBeLessThan(now.getTime());
      expect(c.firstHearingAt?.getTime()).toBe(h.startsAt.getTime());
    }
    const panels = await t.db
      .select({ hearingId: hearingPanelists.hearingId, chairs: sql<number>`sum((${hearingPanelists.role} = 'chair')::int)::int`, sitting: sql<number>`sum((${hearingPanelists.role} <> 'alternate')::int)::int` })
      .from(hearingPanelists)
      .groupBy(hearingPanelists.hearingId);
    expect(panels.length).toBeGreaterThan(30);
    for (const p of panels) expect([p.chairs, p.sitting]).toEqual([1, 3]);
  });

  it('the demo volunteer chairs upcoming hearings and the demo participant has exactly one', async () => {
    const volunteer = actorOf(await userByEmail(t.db, 'volunteer@demo.test'));
    const mine = (await listMyHearings(t.db, volunteer)).filter((h) => h.startsAt > new Date() && h.status === 'scheduled');
    expect(mine.filter((h) => h.panel.some((s) => s.userId === volunteer.userId && s.role === 'chair')).length).toBeGreaterThanOrEqual(2);
    const participant = actorOf(await userByEmail(t.db, 'participant@demo.test'));
    const own = (await listMyHearings(t.db, participant)).filter((h) => h.startsAt > new Date() && h.status === 'scheduled');
    expect(own).toHaveLength(1);
    expect(own[0].boardName).toBe('Northeast');
  });

  it('an assigned demo case gets proposals, and the roster shows who cannot sit and why', async () => {
    const coord = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const [assigned] = await t.db.select({ id: cases.id }).from(cases).where(eq(cases.status, 'assigned')).limit(1);
    const r = await findProposals(t.db, coord, { caseId: assigned.id });
    expect(r.proposals.length + r.missing.length).toBeGreaterThan(0);
    const roster = await listRoster(t.db, coord);
    expect(roster).toHaveLength(20);
    const notEligible = roster.filter((v) => !v.eligible);
    expect(notEligible.length).toBeGreaterThanOrEqual(1);
    expect(notEligible.flatMap((v) => v.memberships.flatMap((m) => m.eligibility.reasons.map((r) => r.code)))).toEqual(expect.arrayContaining(['background_check_expired']));
    expect(roster.some((v) => v.memberships.some((m) => m.eligibility.expiringSoon.length > 0))).toBe(true);
    const week = await listHearings(t.db, coord, { from: new Date(), to: new Date(Date.now() + 14 * 86_400_000) });
    expect(week.length).toBeGreaterThan(5);
  });
});
