import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { caseTasks, cases, participants } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { caseScope } from './case-scope';

/** Open follow-up tasks of the jurisdiction (or one case), soonest due first. */
export async function listOpenTasks(db: Db, actor: Actor, opts: { caseId?: string } = {}) {
  if (actor.role !== 'coordinator') throw new ForbiddenError();
  if (opts.caseId !== undefined && !z.uuid().safeParse(opts.caseId).success) return [];
  return db
    .select({ task: caseTasks, firstName: participants.firstName, lastName: participants.lastName, externalCaseNumber: cases.externalCaseNumber })
    .from(caseTasks)
    .innerJoin(cases, eq(cases.id, caseTasks.caseId))
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(and(caseScope(actor), eq(caseTasks.status, 'open'), opts.caseId ? eq(caseTasks.caseId, opts.caseId) : undefined))
    .orderBy(asc(caseTasks.dueAt));
}

export const completeTaskSchema = z.object({ taskId: z.uuid(), version: z.coerce.number().int().positive() });

export async function completeTask(db: Db, actor: Actor, input: z.input<typeof completeTaskSchema>) {
  if (actor.role !== 'coordinator') throw new ForbiddenError();
  const { taskId, version } = completeTaskSchema.parse(input);
  return db.transaction(async (tx) => {
    const [t] = await tx.select({ id: caseTasks.id, version: caseTasks.version }).from(caseTasks).innerJoin(cases, eq(cases.id, caseTasks.caseId)).where(and(eq(caseTasks.id, taskId), caseScope(actor)));
    if (!t) throw new NotFoundError('That task');
    if (t.version !== version) throw new ConflictError();
    // The read above takes no lock: the version is checked again by the UPDATE itself, so of two
    // completions from the same version only one writes (and is audited); the other is told to reload.
    const [done] = await tx
      .update(caseTasks)
      .set({ status: 'done', completedAt: new Date(), version: sql`${caseTasks.version} + 1` })
      .where(and(eq(caseTasks.id, taskId), eq(caseTasks.version, version)))
      .returning({ id: caseTasks.id });
    if (!done) throw new ConflictError();
    await writeAudit(tx, actor, { action: 'task.complete', entityType: 'case_task', entityId: taskId });
    return { ok: true };
  });
}
