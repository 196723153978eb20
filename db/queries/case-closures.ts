import 'server-only';
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { caseClosures, cases, participants } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { actorUserId } from '@/lib/auth/actor';
import { closureOutcomes, finalActions, recordStatus, unsuccessfulReasons } from '@/lib/domain/record-status';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { recordCaseEvent } from './case-events';
import { moveCase } from './case-moves';
import { caseScope } from './case-scope';

export const closeCaseSchema = z
  .object({
    caseId: z.uuid(),
    version: z.coerce.number().int().positive(),
    outcome: z.enum(closureOutcomes, { error: 'Choose how the case ends.' }),
    reasonCode: z.enum(unsuccessfulReasons).optional().or(z.literal('').transform(() => undefined)),
    summary: z.string().trim().max(4000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'unsuccessful' && !v.reasonCode) ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'Choose the reason the case was unsuccessful.' });
    if (v.outcome !== 'unsuccessful' && v.reasonCode) ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'A reason code only applies to an unsuccessful case.' });
    if (v.outcome !== 'completed' && v.summary.length < 10) ctx.addIssue({ code: 'custom', path: ['summary'], message: 'Write a short summary for the prosecutor (at least 10 characters).' });
  });

/**
 * The coordinator closes a case: completed (from in progress), unsuccessful or withdrawn (returned
 * to the prosecutor). One transaction moves the case through the lifecycle (which also refreshes
 * the dashboard rollup and queues the participant's notice: case.completed / case.returned),
 * writes the closure row, a case event and an audit row.
 */
export async function closeCase(db: Db, actor: Actor, input: z.input<typeof closeCaseSchema>, now = new Date()) {
  if (!can(actor.role, 'case.close')) throw new ForbiddenError();
  const v = closeCaseSchema.parse(input);
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ id: cases.id, status: cases.status, version: cases.version, jurisdictionId: cases.jurisdictionId }).from(cases).where(and(eq(cases.id, v.caseId), caseScope(actor))).for('update');
    if (!c) throw new NotFoundError('That case');
    if (c.version !== v.version) throw new ConflictError();
    if (v.outcome === 'completed' && c.status !== 'in_progress') throw new RuleError('Only a case in progress (agreement under way) can be completed.', { outcome: ['Only a case in progress can be completed.'] });
    const moved = await moveCase(tx, actor, {
      caseId: c.id,
      jurisdictionId: c.jurisdictionId,
      from: c.status,
      to: v.outcome === 'completed' ? 'completed' : 'returned',
      reason: v.outcome === 'completed' ? null : v.outcome,
      note: v.summary || null,
      version: c.version,
      now,
      viaClosure: true,
    });
    await tx.insert(caseClosures).values({ caseId: c.id, jurisdictionId: c.jurisdictionId, outcome: v.outcome, reasonCode: v.reasonCode ?? null, summary: v.summary, closedByUserId: actorUserId(actor), closedAt: now });
    await recordCaseEvent(tx, actor, { caseId: c.id, jurisdictionId: c.jurisdictionId }, { type: 'case_closed', outcome: v.outcome, reasonCode: v.reasonCode ?? null, summary: v.summary }, now);
    await writeAudit(tx, actor, { action: 'case.close', entityType: 'case', entityId: c.id, details: { outcome: v.outcome, reasonCode: v.reasonCode ?? null } });
    return { version: moved.version, status: moved.status };
  });
}

export const finalActionSchema = z
  .object({
    caseId: z.uuid(),
    version: z.coerce.number().int().positive(),
    finalAction: z.enum(finalActions, { error: 'Choose the final action.' }),
    refileWindowUntil: z.iso.date({ error: 'Give the date as YYYY-MM-DD.' }).optional().or(z.literal('').transform(() => undefined)),
    note: z.string().trim().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.refileWindowUntil && v.finalAction !== 'declined_to_file') ctx.addIssue({ code: 'custom', path: ['refileWindowUntil'], message: 'A refile window only applies when the office declines to file for now.' });
  });

/** The prosecutor records what the office did with a returned case (closure row's version guards it). */
export async function recordFinalAction(db: Db, actor: Actor, input: z.input<typeof finalActionSchema>, now = new Date()) {
  if (!can(actor.role, 'case.finalAction')) throw new ForbiddenError();
  const v = finalActionSchema.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ caseId: caseClosures.caseId, jurisdictionId: caseClosures.jurisdictionId, outcome: caseClosures.outcome, finalAction: caseClosures.finalAction, version: caseClosures.version })
      .from(caseClosures)
      .innerJoin(cases, eq(cases.id, caseClosures.caseId))
      .where(and(eq(caseClosures.caseId, v.caseId), caseScope(actor)))
      .for('update');
    if (!row) throw new NotFoundError('That case');
    if (row.outcome === 'completed') throw new RuleError('A completed case needs no final action: the office does not file.');
    if (row.version !== v.version) throw new ConflictError();
    if (row.finalAction) throw new RuleError('The final action on this case is already recorded.');
    const [u] = await tx
      .update(caseClosures)
      .set({ finalAction: v.finalAction, finalActionAt: now, finalActionByUserId: actorUserId(actor), finalActionNote: v.note ?? null, refileWindowUntil: v.refileWindowUntil ?? null, version: sql`${caseClosures.version} + 1` })
      .where(eq(caseClosures.caseId, v.caseId))
      .returning({ version: caseClosures.version });
    await recordCaseEvent(tx, actor, { caseId: row.caseId, jurisdictionId: row.jurisdictionId }, { type: 'final_action', action: v.finalAction, refileWindowUntil: v.refileWindowUntil ?? null, note: v.note ?? null }, now);
    await writeAudit(tx, actor, { action: 'case.finalAction', entityType: 'case', entityId: row.caseId, details: { finalAction: v.finalAction, refileWindowUntil: v.refileWindowUntil ?? null } });
    return { version: u.version };
  });
}

/** The prosecutor's "returned" queue: unsuccessful and withdrawn cases awaiting the final action. */
export async function listReturnedQueue(db: Db, actor: Actor) {
  if (!can(actor.role, 'case.finalAction') && !can(actor.role, 'case.close')) throw new ForbiddenError();
  return db
    .select({
      caseId: caseClosures.caseId,
      externalCaseNumber: cases.externalCaseNumber,
      firstName: participants.firstName,
      lastName: participants.lastName,
      outcome: caseClosures.outcome,
      reasonCode: caseClosures.reasonCode,
      summary: caseClosures.summary,
      closedAt: caseClosures.closedAt,
      version: caseClosures.version,
    })
    .from(caseClosures)
    .innerJoin(cases, eq(cases.id, caseClosures.caseId))
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(and(caseScope(actor), ne(caseClosures.outcome, 'completed'), isNull(caseClosures.finalAction)))
    .orderBy(asc(caseClosures.closedAt), asc(caseClosures.caseId))
    .limit(500);
}

/** A case's closure and record status (staff in scope, or the participant on their own case). */
export async function getCaseClosure(db: Db, actor: Actor, caseId: string, now = new Date()) {
  if (!z.uuid().safeParse(caseId).success) throw new NotFoundError('That case');
  const [row] = await db
    .select({ closure: caseClosures, closedAt: cases.closedAt })
    .from(cases)
    .leftJoin(caseClosures, eq(caseClosures.caseId, cases.id))
    .where(and(eq(cases.id, caseId), caseScope(actor)));
  if (!row) throw new NotFoundError('That case');
  const c = row.closure;
  const record = recordStatus(
    {
      closedAt: c?.closedAt ?? null,
      outcome: c?.outcome ?? null,
      finalAction: c?.finalAction ?? null,
      finalActionAt: c?.finalActionAt ?? null,
      refileWindowUntil: c?.refileWindowUntil ? new Date(`${c.refileWindowUntil}T23:59:59Z`) : null,
    },
    now,
  );
  return { closure: c, record };
}
