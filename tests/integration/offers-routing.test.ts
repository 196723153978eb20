import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { expireOverdueOffers, respondToOffer } from '@/db/queries/offers';
import { createReferral } from '@/db/queries/referrals';
import { assignBoard, listRoutingQueue, routeAgain } from '@/db/queries/routing';
import { caseAssignments, caseEvents, caseOffers, cases, participants } from '@/db/schema';
import { ForbiddenError, RuleError } from '@/lib/errors';
import { actorOf, makeCase, makeUser } from '../helpers/factories';
import { makeIntakeJurisdiction, referralInput } from '../helpers/intake-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

const caseRow = async (id: string) => (await t.db.select().from(cases).where(eq(cases.id, id)))[0];
const openAssignment = async (id: string) => (await t.db.select().from(caseAssignments).where(and(eq(caseAssignments.caseId, id), isNull(caseAssignments.endedAt))))[0];

describe('offer and consent', () => {
  it('the coordinator records acceptance on the participant’s behalf; the case lands on the board serving its ZIP', async () => {
    const { prosecutor, coordinator, boards } = await makeIntakeJurisdiction(t.db);
    const r = await createReferral(t.db, prosecutor, referralInput({ participant: { zip: '64127' } }), { channel: 'form' });
    const res = await respondToOffer(t.db, coordinator, { caseId: r.caseId, answer: 'accept', note: 'Said yes by phone' });
    expect(res.status).toBe('assigned');
    const a = await openAssignment(r.caseId);
    expect(a.boardId).toBe(boards.northeast.id);
    expect(a.reason).toBe('Northeast serves ZIP 64127 (Area 64127); 0 of 12 cases this month.');
    const [offer] = await t.db.select().from(caseOffers).where(eq(caseOffers.caseId, r.caseId));
    expect(offer).toMatchObject({ status: 'accepted', respondedByRole: 'coordinator', note: 'Said yes by phone' });
    const types = (await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, r.caseId)).orderBy(caseEvents.id)).map((e) => e.type);
    expect(types.slice(-4)).toEqual(['offer_answered', 'status_changed', 'board_assigned', 'status_changed']);
  });

  it('a participant answers on the portal: only their own case, and a decline returns it to the prosecutor', async () => {
    const { j, prosecutor } = await makeIntakeJurisdiction(t.db);
    const r = await createReferral(t.db, prosecutor, referralInput(), { channel: 'form' });
    const other = await createReferral(t.db, prosecutor, referralInput(), { channel: 'form' });
    const u = await makeUser(t.db, { jurisdictionId: j.id, role: 'participant' });
    await t.db.update(participants).set({ userId: u.id }).where(eq(participants.id, r.participant.id));
    const me = actorOf(u);
    await expect(respondToOffer(t.db, me, { caseId: other.caseId, answer: 'accept' })).rejects.toThrow(/not found/);
    const res = await respondToOffer(t.db, me, { caseId: r.caseId, answer: 'decline' });
    expect(res.status).toBe('returned');
    expect((await caseRow(r.caseId)).returnReason).toBe('declined');
    await expect(respondToOffer(t.db, me, { caseId: r.caseId, answer: 'accept' })).rejects.toThrow(/no open offer/);
    await expect(respondToOffer(t.db, prosecutor, { caseId: other.caseId, answer: 'accept' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('expireOverdueOffers returns unanswered offers after the deadline (reason no_response) and nothing else', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const late = await createReferral(t.db, prosecutor, referralInput(), { channel: 'api' });
    const onTime = await createReferral(t.db, prosecutor, referralInput(), { channel: 'api' });
    const [lateOffer] = await t.db.select().from(caseOffers).where(eq(caseOffers.caseId, late.caseId));
    const justAfter = new Date(lateOffer.deadlineAt.getTime() + 1000);
    // Push the other offer's deadline out so only one is overdue at `justAfter`.
    await t.db.update(caseOffers).set({ deadlineAt: new Date(justAfter.getTime() + 86_400_000) }).where(eq(caseOffers.caseId, onTime.caseId));
    // Offers made by earlier tests in this file may already be due; this one is not, yet.
    const early = await expireOverdueOffers(t.db, new Date(lateOffer.deadlineAt.getTime() - 1000));
    expect(early).not.toContain(late.caseId);
    expect(early).not.toContain(onTime.caseId);
    const returned = await expireOverdueOffers(t.db, justAfter);
    expect(returned).toContain(late.caseId);
    expect(returned).not.toContain(onTime.caseId);
    expect(await caseRow(late.caseId)).toMatchObject({ status: 'returned', returnReason: 'no_response' });
    expect(await caseRow(onTime.caseId)).toMatchObject({ status: 'offered' });
    const [o] = await t.db.select().from(caseOffers).where(eq(caseOffers.caseId, late.caseId));
    expect(o.status).toBe('expired');
    const ev = await t.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, late.caseId), eq(caseEvents.type, 'status_changed')));
    expect(ev.at(-1)!.payload).toMatchObject({ to: 'returned', reason: 'no_response' });
    expect(ev.at(-1)!.actorUserId).toBeNull();
    // Running again does nothing more; an expired offer can no longer be answered.
    expect(await expireOverdueOffers(t.db, justAfter)).toEqual([]);
  });

  it('refuses an answer after the deadline', async () => {
    const { prosecutor, coordinator } = await makeIntakeJurisdiction(t.db);
    const r = await createReferral(t.db, prosecutor, referralInput(), { channel: 'api' });
    const [o] = await t.db.select().from(caseOffers).where(eq(caseOffers.caseId, r.caseId));
    await expect(respondToOffer(t.db, coordinator, { caseId: r.caseId, answer: 'accept' }, new Date(o.deadlineAt.getTime() + 1))).rejects.toThrow(/deadline/);
  });
});

describe('routing', () => {
  it('a participant who asked for Spanish goes to the Spanish-speaking board', async () => {
    const { prosecutor, coordinator, boards } = await makeIntakeJurisdiction(t.db);
    const r = await createReferral(t.db, prosecutor, referralInput({ participant: { preferredLanguage: 'es' } }), { channel: 'form' });
    await respondToOffer(t.db, coordinator, { caseId: r.caseId, answer: 'accept' });
    expect((await openAssignment(r.caseId)).boardId).toBe(boards.espanol!.id);
  });

  it('a full board leaves the case accepted in the coordinator’s queue with the reason; a hand choice assigns it', async () => {
    const { prosecutor, coordinator, boards } = await makeIntakeJurisdiction(t.db, { capacity: 1 });
    const first = await createReferral(t.db, prosecutor, referralInput(), { channel: 'form' });
    const second = await createReferral(t.db, prosecutor, referralInput(), { channel: 'form' });
    expect((await respondToOffer(t.db, coordinator, { caseId: first.caseId, answer: 'accept' })).status).toBe('assigned');
    const res = await respondToOffer(t.db, coordinator, { caseId: second.caseId, answer: 'accept' });
    expect(res.status).toBe('accepted');
    const queue = await listRoutingQueue(t.db, coordinator);
    expect(queue).toEqual([expect.objectContaining({ id: second.caseId, reason: expect.stringMatching(/Northeast \(1 of 1 cases this month\)/) })]);
    const c = await caseRow(second.caseId);
    const again = await routeAgain(t.db, coordinator, { caseId: second.caseId, version: c.version });
    expect(again.status).toBe('accepted');
    const c2 = await caseRow(second.caseId);
    const moved = await assignBoard(t.db, coordinator, { caseId: second.caseId, boardId: boards.westside.id, reason: 'Participant works near Westside', version: c2.version });
    expect(moved.status).toBe('assigned');
    expect(await listRoutingQueue(t.db, coordinator)).toEqual([]);
  });

  it('reassigning keeps the history: the open row ends, a new one starts with the reason', async () => {
    const { prosecutor, coordinator, boards } = await makeIntakeJurisdiction(t.db);
    const r = await createReferral(t.db, prosecutor, referralInput(), { channel: 'form' });
    await respondToOffer(t.db, coordinator, { caseId: r.caseId, answer: 'accept' });
    const c = await caseRow(r.caseId);
    const noReason = await assignBoard(t.db, coordinator, { caseId: r.caseId, boardId: boards.westside.id, reason: '', version: c.version }).catch((e) => e);
    expect(noReason.name).toBe('ZodError');
    await assignBoard(t.db, coordinator, { caseId: r.caseId, boardId: boards.westside.id, reason: 'Conflict: a Northeast volunteer knows the family', version: c.version });
    const rows = await t.db.select().from(caseAssignments).where(eq(caseAssignments.caseId, r.caseId)).orderBy(caseAssignments.assignedAt);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ boardId: boards.northeast.id });
    expect(rows[0].endedAt).not.toBeNull();
    expect(rows[1]).toMatchObject({ boardId: boards.westside.id, endedAt: null, reason: 'Chosen by the coordinator: Conflict: a Northeast volunteer knows the family' });
    const same = await assignBoard(t.db, coordinator, { caseId: r.caseId, boardId: boards.westside.id, reason: 'Same board again', version: c.version + 1 }).catch((e) => e);
    expect(same).toBeInstanceOf(RuleError);
    await expect(assignBoard(t.db, prosecutor, { caseId: r.caseId, boardId: boards.northeast.id, reason: 'not mine to do', version: c.version + 1 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('load counts only this month’s open assignments of the board', async () => {
    const { j, prosecutor, coordinator, boards } = await makeIntakeJurisdiction(t.db, { capacity: 1 });
    // An assignment from two months ago does not take this month's place.
    const old = await makeCase(t.db, { jurisdictionId: j.id, status: 'in_progress' });
    await t.db.insert(caseAssignments).values({ caseId: old.id, boardId: boards.northeast.id, reason: 'old', assignedAt: new Date(Date.now() - 62 * 86_400_000) });
    const r = await createReferral(t.db, prosecutor, referralInput(), { channel: 'form' });
    expect((await respondToOffer(t.db, coordinator, { caseId: r.caseId, answer: 'accept' })).status).toBe('assigned');
    const [{ n }] = await t.db.select({ n: count() }).from(caseAssignments).where(and(eq(caseAssignments.boardId, boards.northeast.id), isNull(caseAssignments.endedAt)));
    expect(n).toBe(2);
  });
});
