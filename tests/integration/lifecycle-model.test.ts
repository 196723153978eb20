import { and, count, eq, isNull } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { transitionCase } from '@/db/queries/cases';
import { assignBoard } from '@/db/queries/routing';
import { caseAssignments, caseEvents, caseOffers, cases } from '@/db/schema';
import { caseStatuses, checkTransition, isClosingMove, returnReasons, type CaseStatus, type ReturnReason } from '@/lib/domain/case-lifecycle';
import { makeCase } from '../helpers/factories';
import { makeIntakeJurisdiction } from '../helpers/intake-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

type Cmd = { kind: 'move'; to: CaseStatus; reason: ReturnReason | null } | { kind: 'assign' };
const reassignable: CaseStatus[] = ['assigned', 'hearing_scheduled', 'hearing_held', 'in_progress'];

/**
 * Model-based: random commands against a real case through the data layer (the generic status form
 * and the coordinator's board choice). After every command the database must agree with a model
 * built from the lifecycle table: same status, version bumped only on success, one status event
 * per move, an open offer exactly while offered, a current board exactly when the model has one.
 */
describe('case lifecycle against the database (model-based)', () => {
  it('agrees with the model over random command sequences', async () => {
    const { j, coordinator, boards } = await makeIntakeJurisdiction(t.db);
    const boardIds = [boards.northeast.id, boards.westside.id];
    // Bias towards moves that the table allows so runs get deep into the lifecycle.
    const path: CaseStatus[] = ['eligible', 'offered', 'accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress', 'completed'];
    const cmd: fc.Arbitrary<Cmd> = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...path).map((to) => ({ kind: 'move' as const, to, reason: null })) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), to: fc.constantFrom(...caseStatuses), reason: fc.option(fc.constantFrom(...returnReasons), { nil: null }) }) },
      { weight: 2, arbitrary: fc.constant({ kind: 'assign' as const }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 14 }), async (cmds) => {
        const c = await makeCase(t.db, { jurisdictionId: j.id, status: 'referred' });
        let status: CaseStatus = 'referred';
        let version = 1;
        let board: string | null = null;
        let moves = 0;
        for (const command of cmds) {
          let expectOk: boolean;
          let next: CaseStatus = status;
          if (command.kind === 'move') {
            const verdict = checkTransition(status, command.to, command.reason);
            // No hearing is ever booked here, and only booking one moves assigned → hearing scheduled.
            expectOk = verdict.ok && !(command.to === 'assigned' && board === null) && !isClosingMove(command.to, command.reason) && !(status === 'assigned' && command.to === 'hearing_scheduled');
            next = command.to;
            const r = await transitionCase(t.db, coordinator, { caseId: c.id, to: command.to, reason: command.reason, version }).then(
              () => true,
              () => false,
            );
            expect(r).toBe(expectOk);
            if (expectOk) {
              if (status === 'assigned' && next === 'accepted') board = null;
              moves++;
            }
          } else {
            const target = boardIds.find((b) => b !== board)!;
            expectOk = status === 'accepted' || (reassignable.includes(status) && board !== null);
            const r = await assignBoard(t.db, coordinator, { caseId: c.id, boardId: target, reason: 'model test reason', version }).then(
              () => true,
              () => false,
            );
            expect(r).toBe(expectOk);
            if (expectOk) {
              board = target;
              if (status === 'accepted') {
                next = 'assigned';
                moves++;
              }
            }
          }
          if (expectOk) {
            status = next;
            version++;
          }
          const [row] = await t.db.select().from(cases).where(eq(cases.id, c.id));
          expect(row.status).toBe(status);
          expect(row.version).toBe(version);
          const [{ n: open }] = await t.db.select({ n: count() }).from(caseOffers).where(and(eq(caseOffers.caseId, c.id), eq(caseOffers.status, 'open')));
          expect(open).toBe(status === 'offered' ? 1 : 0);
          const current = await t.db.select().from(caseAssignments).where(and(eq(caseAssignments.caseId, c.id), isNull(caseAssignments.endedAt)));
          expect(current.map((a) => a.boardId)).toEqual(board ? [board] : []);
          const [{ n: events }] = await t.db.select({ n: count() }).from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, 'status_changed')));
          expect(events).toBe(moves);
        }
      }),
      { numRuns: 25 },
    );
  });
});
