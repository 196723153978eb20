import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { closeCase, getCaseClosure, listReturnedQueue, recordFinalAction } from '@/db/queries/case-closures';
import { caseFacts, caseClosures, cases, outbox, participants } from '@/db/schema';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';
import { actorOf, makeCase, makeUser } from '../helpers/factories';
import { makeOutcomesWorld } from '../helpers/outcomes-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

const DAY = 86_400_000;

describe('closing a case and the prosecutor’s final action', () => {
  it('completed: the case closes, the dashboard row follows, the participant gets the completion notice, the record is closed 30 days later', async () => {
    const w = await makeOutcomesWorld(t.db);
    const c = await makeCase(t.db, { jurisdictionId: w.j.id, status: 'in_progress', boardId: w.boards.northeast.id });
    const now = new Date('2026-11-20T18:00:00Z');
    await closeCase(t.db, w.coordinator, { caseId: c.id, version: c.version, outcome: 'completed', summary: '' }, now);
    const [row] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row).toMatchObject({ status: 'completed', closedAt: now });
    const [f] = await t.db.select().from(caseFacts).where(eq(caseFacts.caseId, c.id));
    expect(f.status).toBe('completed');
    const notices = await t.db.select().from(outbox).where(and(eq(outbox.caseId, c.id), eq(outbox.templateKey, 'case.completed')));
    expect(notices.length).toBeGreaterThan(0);
    expect((await getCaseClosure(t.db, w.coordinator, c.id, new Date(now.getTime() + 10 * DAY))).record).toMatchObject({ status: 'open', reason: 'awaiting_decision' });
    expect((await getCaseClosure(t.db, w.coordinator, c.id, new Date(now.getTime() + 31 * DAY))).record).toMatchObject({ status: 'closed', reason: 'not_charged', citation: 'RSMo 610.100' });
    await expect(listReturnedQueue(t.db, w.prosecutor)).resolves.toEqual([]);
  });

  it('unsuccessful needs a reason code and a summary; the case returns to the prosecutor’s queue with a notice to the participant', async () => {
    const w = await makeOutcomesWorld(t.db);
    const c = await makeCase(t.db, { jurisdictionId: w.j.id, status: 'hearing_held', boardId: w.boards.northeast.id });
    await expect(closeCase(t.db, w.coordinator, { caseId: c.id, version: c.version, outcome: 'unsuccessful', summary: 'short' })).rejects.toThrow();
    await expect(closeCase(t.db, w.prosecutor, { caseId: c.id, version: c.version, outcome: 'withdrawn', summary: 'Participant asked to leave the program.' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(closeCase(t.db, w.coordinator, { caseId: c.id, version: c.version, outcome: 'completed' })).rejects.toBeInstanceOf(RuleError);
    await expect(closeCase(t.db, w.coordinator, { caseId: c.id, version: c.version + 5, outcome: 'withdrawn', summary: 'Participant asked to leave the program.' })).rejects.toBeInstanceOf(ConflictError);
    await closeCase(t.db, w.coordinator, { caseId: c.id, version: c.version, outcome: 'unsuccessful', reasonCode: 'repeated_no_shows', summary: 'Missed three hearings after two reschedules.' });
    const [row] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row).toMatchObject({ status: 'returned', returnReason: 'unsuccessful' });
    const notices = await t.db.select().from(outbox).where(and(eq(outbox.caseId, c.id), eq(outbox.templateKey, 'case.returned')));
    expect(notices.length).toBeGreaterThan(0);
    const queue = await listReturnedQueue(t.db, w.prosecutor);
    expect(queue.map((q) => [q.caseId, q.reasonCode])).toEqual([[c.id, 'repeated_no_shows']]);

    // The prosecutor decides: declines to file, keeping a refile window open until 2027-01-31.
    const [cl] = await t.db.select().from(caseClosures).where(eq(caseClosures.caseId, c.id));
    await expect(recordFinalAction(t.db, w.coordinator, { caseId: c.id, version: cl.version, finalAction: 'dismissed' })).rejects.toBeInstanceOf(ForbiddenError);
    const decidedAt = new Date('2026-12-01T15:00:00Z');
    await recordFinalAction(t.db, w.prosecutor, { caseId: c.id, version: cl.version, finalAction: 'declined_to_file', refileWindowUntil: '2027-01-31' }, decidedAt);
    await expect(recordFinalAction(t.db, w.prosecutor, { caseId: c.id, version: cl.version + 1, finalAction: 'dismissed' })).rejects.toBeInstanceOf(RuleError);
    expect(await listReturnedQueue(t.db, w.prosecutor)).toEqual([]);
    const inWindow = await getCaseClosure(t.db, w.prosecutor, c.id, new Date('2027-01-15T00:00:00Z'));
    expect(inWindow.record).toMatchObject({ status: 'open', reason: 'refile_window' });
    const after = await getCaseClosure(t.db, w.prosecutor, c.id, new Date('2027-03-05T00:00:00Z'));
    expect(after.record).toMatchObject({ status: 'closed', reason: 'not_charged' });
  });

  it('a dismissal closes the record at once; other jurisdictions see nothing', async () => {
    const w = await makeOutcomesWorld(t.db);
    const other = await makeOutcomesWorld(t.db);
    const c = await makeCase(t.db, { jurisdictionId: w.j.id, status: 'in_progress', boardId: w.boards.northeast.id });
    await expect(closeCase(t.db, other.coordinator, { caseId: c.id, version: c.version, outcome: 'withdrawn', summary: 'Participant asked to leave the program.' })).rejects.toBeInstanceOf(NotFoundError);
    await closeCase(t.db, w.coordinator, { caseId: c.id, version: c.version, outcome: 'withdrawn', summary: 'Participant asked to leave the program.' });
    await expect(recordFinalAction(t.db, other.prosecutor, { caseId: c.id, version: 1, finalAction: 'dismissed' })).rejects.toBeInstanceOf(NotFoundError);
    const at = new Date('2026-12-02T10:00:00Z');
    await recordFinalAction(t.db, w.prosecutor, { caseId: c.id, version: 1, finalAction: 'dismissed' }, at);
    expect((await getCaseClosure(t.db, w.prosecutor, c.id, at)).record).toEqual({ status: 'closed', reason: 'dismissed', closedOn: at, citation: 'RSMo 610.105' });
  });

  it('the participant sees their own record status, and nobody else’s', async () => {
    const w = await makeOutcomesWorld(t.db);
    const c = await makeCase(t.db, { jurisdictionId: w.j.id, status: 'in_progress', boardId: w.boards.northeast.id });
    const me = await makeUser(t.db, { jurisdictionId: w.j.id, role: 'participant' });
    const stranger = await makeUser(t.db, { jurisdictionId: w.j.id, role: 'participant' });
    await t.db.update(participants).set({ userId: me.id }).where(eq(participants.id, c.participantId));
    const now = new Date('2026-11-20T18:00:00Z');
    await closeCase(t.db, w.coordinator, { caseId: c.id, version: c.version, outcome: 'completed' }, now);
    const mine = await getCaseClosure(t.db, actorOf(me), c.id, new Date(now.getTime() + 40 * DAY));
    expect(mine.record).toMatchObject({ status: 'closed', reason: 'not_charged' });
    await expect(getCaseClosure(t.db, actorOf(stranger), c.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
