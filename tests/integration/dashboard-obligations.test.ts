/**
 * The dashboard's "obligations on track / overdue" measure on a hand-built dataset with known
 * answers, driven through the real agreement functions (draft, sign, log, verify, reject, amend):
 * the counts are kept current in case_facts in the same transactions, and "overdue" is judged
 * against today in the jurisdiction's time zone (America/Chicago) at read time.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { logProgress, reviewProgress } from '@/db/queries/agreement-progress';
import { addItem, amendAgreement, createDraft, getCaseAgreements, removeItem, signAgreement } from '@/db/queries/agreements';
import { rebuildCaseFacts } from '@/db/queries/case-facts';
import { getDashboard } from '@/db/queries/dashboard';
import { caseCharges } from '@/db/schema';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import { dashboardTables } from '@/lib/outcomes/dashboard-tables';
import { actorOf, makeBoard, makeCase, makeParticipant, makeUser } from '../helpers/factories';
import { makeSchedulingWorld, makeVolunteer } from '../helpers/scheduling-factories';
import { createTestDb } from '../helpers/test-db';

const NOW = new Date('2026-11-02T18:00:00Z');

let t: OpenDb;
let db: Db;
beforeAll(async () => {
  t = await createTestDb('empty');
  db = t.db;
});
afterAll(async () => t?.close());

type World = Awaited<ReturnType<typeof makeSchedulingWorld>>;

async function heldCase(w: World, boardId: string) {
  const p = await makeParticipant(db, { jurisdictionId: w.j.id });
  const c = await makeCase(db, { jurisdictionId: w.j.id, participantId: p.id, boardId, status: 'hearing_held' });
  await db.insert(caseCharges).values({ caseId: c.id, code: '579.074', description: 'Paraphernalia', severity: 'misdemeanor_a' });
  return c;
}

const item = (kind: string, title: string, targetQuantity: number, dueOn: string) => ({ kind: kind as 'community_service_hours', title, targetQuantity, dueOn, verification: 'Signed sheet' });

/** Draft with the given items (plus the two default check-in hearings), signed by both sides. */
async function signed(w: World, chair: Actor, caseId: string, items: ReturnType<typeof item>[]) {
  const a = await createDraft(db, w.coord, { caseId }, NOW);
  let version = a.version;
  const rows = [];
  for (const i of items) {
    const r = await addItem(db, w.coord, { agreementId: a.id, version, ...i });
    version = r.version;
    rows.push(r.item);
  }
  await signAgreement(db, w.coord, { agreementId: a.id, version, signerRole: 'participant', typedName: 'Pat Doe', confirm: 'on' }, NOW);
  await signAgreement(db, chair, { agreementId: a.id, version, signerRole: 'chair', typedName: 'Chair Person', confirm: 'on' }, NOW);
  return rows;
}

async function logged(w: World, reviewer: Actor, itemId: string, quantity: number, decision: 'verified' | 'rejected') {
  const { entry } = await logProgress(db, w.coord, { itemId, occurredOn: '2026-11-02', quantity, place: 'Food bank', supervisorContact: 'Sam, 555-0100' }, null, NOW);
  await reviewProgress(db, reviewer, { entryId: entry.id, version: entry.version, decision, reason: decision === 'rejected' ? 'No signed timesheet' : '' }, NOW);
}

async function obligationColumns(jid: string) {
  const r = (await db.execute(sql`select case_id, obligations_total, obligations_complete, obligations_open_due::text as open_due from case_facts where jurisdiction_id = ${jid} order by case_id`)) as unknown as { rows: unknown[] };
  return r.rows;
}

describe('obligations on track / overdue (hand-built, known answers)', () => {
  let w: World;
  let boardB: { id: string };
  let prosecutor: Actor;
  let draftOnlyCaseId: string;

  beforeAll(async () => {
    w = await makeSchedulingWorld(db, { members: 1 });
    const chairA = actorOf(w.chair);
    boardB = await makeBoard(db, { jurisdictionId: w.j.id, name: 'Board B', zips: [] });
    const chairB = actorOf(await makeVolunteer(db, { jurisdictionId: w.j.id, boardId: boardB.id, role: 'chair', name: 'Bea Chair' }));
    prosecutor = actorOf(await makeUser(db, { jurisdictionId: w.j.id, role: 'prosecutor' }));

    // Case 1 (board A): 10 hours due Nov 10 — done and verified; a letter due Dec 1 — open.
    const c1 = await heldCase(w, w.board.id);
    const [hours1] = await signed(w, chairA, c1.id, [item('community_service_hours', 'Service', 10, '2026-11-10'), item('apology_letter', 'Letter', 1, '2026-12-01')]);
    await logged(w, chairA, hours1.id, 10, 'verified');

    // Case 2 (board A): 8 hours due Nov 10 with 3 verified — open; a class due Nov 20 — open.
    const c2 = await heldCase(w, w.board.id);
    const [hours2] = await signed(w, chairA, c2.id, [item('community_service_hours', 'Service', 8, '2026-11-10'), item('education_class', 'Class', 1, '2026-11-20')]);
    await logged(w, chairA, hours2.id, 3, 'verified');

    // Case 3 (board B): 5 hours due Nov 15, logged and REJECTED (still open); then amended: the
    // item is replaced by one due Dec 20, and the amendment signed (the case stays in progress).
    const c3 = await heldCase(w, boardB.id);
    const [hours3] = await signed(w, chairB, c3.id, [item('community_service_hours', 'Service', 5, '2026-11-15')]);
    await logged(w, chairB, hours3.id, 5, 'rejected');
    const amendment = await amendAgreement(db, w.coord, { caseId: c3.id, reason: 'More time for the hours' });
    const copy = (await getCaseAgreements(db, w.coord, c3.id, NOW)).draft!.items.find((i) => i.lineageId === hours3.lineageId)!;
    const removed = await removeItem(db, w.coord, { agreementId: amendment.id, version: amendment.version, itemId: copy.id });
    const added = await addItem(db, w.coord, { agreementId: amendment.id, version: removed.version, ...item('community_service_hours', 'Service', 5, '2026-12-20') });
    await signAgreement(db, w.coord, { agreementId: amendment.id, version: added.version, signerRole: 'participant', typedName: 'Pat Doe', confirm: 'on' }, NOW);
    await signAgreement(db, chairB, { agreementId: amendment.id, version: added.version, signerRole: 'chair', typedName: 'Bea Chair', confirm: 'on' }, NOW);

    // Case 4 (board A): a draft nobody signed yet — not counted (the case is not in progress).
    const c4 = await heldCase(w, w.board.id);
    const d = await createDraft(db, w.coord, { caseId: c4.id }, NOW);
    await addItem(db, w.coord, { agreementId: d.id, version: d.version, ...item('community_service_hours', 'Service', 4, '2026-11-05') });
    draftOnlyCaseId = c4.id;
  });

  const at = (iso: string, filter: Record<string, string> = {}) => getDashboard(db, prosecutor, filter, new Date(iso));

  it('before any due date: 5 obligations in 3 cases, 1 complete, 4 on track (check-in hearings and unsigned drafts left out)', async () => {
    const d = await at('2026-11-05T18:00:00Z');
    expect(d.obligations).toEqual({ cases: 3, casesOverdue: 0, total: 5, complete: 1, onTrack: 4, overdue: 0, overdueRate: 0 });
  });

  it("a due date counts as passed only once the jurisdiction's day is over (Chicago, not UTC)", async () => {
    // 03:00 UTC on Nov 11 is still Nov 10 in Chicago: nothing is overdue yet.
    expect((await at('2026-11-11T03:00:00Z')).obligations.overdue).toBe(0);
    // 07:00 UTC is Nov 11 in Chicago: case 2's hours (3 of 8) are overdue; case 1's, done, are not.
    const d = await at('2026-11-11T07:00:00Z');
    expect(d.obligations).toEqual({ cases: 3, casesOverdue: 1, total: 5, complete: 1, onTrack: 3, overdue: 1, overdueRate: 0.25 });
  });

  it('a rejected entry counts for nothing, and an amendment moves the due date', async () => {
    // Nov 21: case 2's two items are overdue; case 3's hours would have been (Nov 15) but the
    // signed amendment moved them to Dec 20.
    const d = await at('2026-11-21T18:00:00Z');
    expect(d.obligations).toEqual({ cases: 3, casesOverdue: 1, total: 5, complete: 1, onTrack: 2, overdue: 2, overdueRate: 0.5 });
    // Dec 21: every open obligation is overdue.
    const late = await at('2026-12-21T18:00:00Z');
    expect(late.obligations).toEqual({ cases: 3, casesOverdue: 3, total: 5, complete: 1, onTrack: 0, overdue: 4, overdueRate: 1 });
  });

  it('board filters split the counts', async () => {
    const a = await at('2026-11-21T18:00:00Z', { boardId: w.board.id });
    expect(a.obligations).toEqual({ cases: 2, casesOverdue: 1, total: 4, complete: 1, onTrack: 1, overdue: 2, overdueRate: 2 / 3 });
    const b = await at('2026-12-21T18:00:00Z', { boardId: boardB.id });
    expect(b.obligations).toEqual({ cases: 1, casesOverdue: 1, total: 1, complete: 0, onTrack: 0, overdue: 1, overdueRate: 1 });
  });

  it('the CSV table carries the same numbers', async () => {
    const d = await at('2026-11-21T18:00:00Z');
    expect(dashboardTables(d).obligations).toEqual({
      columns: ['obligations', 'complete', 'on_track', 'overdue', 'overdue_share_of_open', 'cases_with_agreement', 'cases_with_overdue'],
      rows: [[5, 1, 2, 2, 0.5, 3, 1]],
    });
  });

  it('the counts kept in each transaction equal a rebuild from the raw tables', async () => {
    const kept = await obligationColumns(w.j.id);
    expect(kept.find((r) => (r as { case_id: string }).case_id === draftOnlyCaseId)).toBeUndefined();
    await rebuildCaseFacts(db, w.j.id);
    const rebuilt = (await obligationColumns(w.j.id)).filter((r) => (r as { case_id: string }).case_id !== draftOnlyCaseId);
    expect(rebuilt).toEqual(kept);
    expect(kept).toHaveLength(3);
  });

  it('the database refuses counts that do not add up', async () => {
    const [row] = (await obligationColumns(w.j.id)) as { case_id: string }[];
    await expect(db.execute(sql`update case_facts set obligations_complete = obligations_complete + 1 where case_id = ${row.case_id}`)).rejects.toThrow();
  });
});
