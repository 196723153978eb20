import 'server-only';
import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { boards, caseAssignments, caseCharges, caseEvents, cases, caseStatusCounts, participants } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { caseStatuses, returnReasons, statusGroups, type CaseStatus } from '@/lib/domain/case-lifecycle';
import { ConflictError, NotFoundError } from '@/lib/errors';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { decodeTimeCursor, encodeTimeCursor } from './keyset-cursor';
import { moveCase } from './case-moves';
import { readableTimeline } from './case-timeline';
import { caseScope } from './case-scope';

export const caseListFilterSchema = z.object({
  status: z.enum(caseStatuses).optional(),
  group: z.enum(['intake', 'active', 'closed']).optional(),
  boardId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type CaseListFilter = z.input<typeof caseListFilterSchema>;


/** Current board of each case, as a lateral-free left join on the open assignment row. */
const openAssignment = and(eq(caseAssignments.caseId, cases.id), isNull(caseAssignments.endedAt));

/**
 * One page of the actor's cases, newest referral first, keyset-paginated so page 500 costs what
 * page 1 costs.
 */
export async function listCases(db: Db, actor: Actor, filter: CaseListFilter = {}) {
  const f = caseListFilterSchema.parse(filter);
  const cursor = decodeTimeCursor(f.cursor);
  const conditions = [caseScope(actor)];
  if (f.status) conditions.push(eq(cases.status, f.status));
  else if (f.group) conditions.push(inArray(cases.status, [...statusGroups[f.group]]));
  if (f.boardId) conditions.push(eq(caseAssignments.boardId, f.boardId));
  if (cursor) {
    // A row comparison, not `a < x or (a = x and id < y)`: PostgreSQL uses it as one index bound
    // (the OR form planned as a bitmap scan of every earlier row plus a sort).
    conditions.push(sql`(${cases.referredAt}, ${cases.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await db
    .select({
      id: cases.id,
      externalCaseNumber: cases.externalCaseNumber,
      status: cases.status,
      referredAt: cases.referredAt,
      statusChangedAt: cases.statusChangedAt,
      firstName: participants.firstName,
      lastName: participants.lastName,
      zip: participants.zip,
      boardId: boards.id,
      boardName: boards.name,
    })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .leftJoin(caseAssignments, openAssignment)
    .leftJoin(boards, eq(boards.id, caseAssignments.boardId))
    .where(and(...conditions))
    .orderBy(desc(cases.referredAt), desc(cases.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > f.limit && last ? encodeTimeCursor(last.referredAt, last.id) : null;
  // Volunteers see only volunteer-safe fields.
  const items = page.map((r) => (actor.role === 'volunteer' ? { ...r, externalCaseNumber: '', zip: '' } : r));
  return { items, nextCursor };
}

/** Counts by status for the filter bar, in the actor's scope. */
export async function countCasesByStatus(db: Db, actor: Actor) {
  // Staff see their whole jurisdiction: read the trigger-kept rollup (one row per status) instead
  // of grouping the jurisdiction's cases on every page view.
  if (actor.role === 'coordinator' || actor.role === 'prosecutor') {
    const rows = await db
      .select({ status: caseStatusCounts.status, n: caseStatusCounts.n })
      .from(caseStatusCounts)
      .where(and(eq(caseStatusCounts.jurisdictionId, actor.jurisdictionId), gt(caseStatusCounts.n, 0)));
    return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<CaseStatus, number>>;
  }
  const rows = await db
    .select({ status: cases.status, n: sql<number>`count(*)::int` })
    .from(cases)
    .where(caseScope(actor))
    .groupBy(cases.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<CaseStatus, number>>;
}

/**
 * One case with what the actor may see of it. Reads of a participant's record are audited.
 * Volunteers get volunteer-safe fields only; participants get their own case without staff notes.
 */
export async function getCase(db: Db, actor: Actor, caseId: string) {
  if (!z.uuid().safeParse(caseId).success) throw new NotFoundError('That case');
  const [row] = await db
    .select({ case: cases, participant: participants })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(and(eq(cases.id, caseId), caseScope(actor)))
    .limit(1);
  if (!row) {
    // Missing or out of scope look the same to the caller; the audit log records the attempt.
    await writeAudit(db, actor, { action: 'case.read', outcome: 'denied', entityType: 'case', entityId: caseId });
    throw new NotFoundError('That case');
  }

  const [charges, assignments, events] = await Promise.all([
    db.select().from(caseCharges).where(eq(caseCharges.caseId, caseId)).orderBy(asc(caseCharges.code)),
    db
      .select({ id: caseAssignments.id, boardId: caseAssignments.boardId, boardName: boards.name, assignedAt: caseAssignments.assignedAt, endedAt: caseAssignments.endedAt, reason: caseAssignments.reason })
      .from(caseAssignments)
      .innerJoin(boards, eq(boards.id, caseAssignments.boardId))
      .where(eq(caseAssignments.caseId, caseId))
      .orderBy(desc(caseAssignments.assignedAt)),
    actor.role === 'coordinator' || actor.role === 'prosecutor'
      ? db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(desc(caseEvents.occurredAt), desc(caseEvents.id)).limit(100)
      : Promise.resolve([]),
  ]);
  await writeAudit(db, actor, { action: 'case.read', entityType: 'case', entityId: caseId });
  const timeline = await readableTimeline(db, actor, events);

  const c = row.case;
  const p = row.participant;
  const currentBoard = assignments.find((a) => a.endedAt === null) ?? null;
  const base = {
    id: c.id,
    status: c.status,
    returnReason: c.returnReason,
    referredAt: c.referredAt,
    statusChangedAt: c.statusChangedAt,
    summary: c.summary,
    version: c.version,
    participant: { firstName: p.firstName, lastName: p.lastName, preferredLanguage: p.preferredLanguage },
    board: currentBoard ? { id: currentBoard.boardId, name: currentBoard.boardName } : null,
    charges: charges.map((ch) => ({ code: ch.code, description: ch.description })),
  };
  if (actor.role === 'volunteer' || actor.role === 'participant') return { view: actor.role, ...base } as const;
  return {
    view: 'staff' as const,
    ...base,
    externalCaseNumber: c.externalCaseNumber,
    policeReportNumber: c.policeReportNumber,
    referringAgency: c.referringAgency,
    incidentDate: c.incidentDate,
    participant: {
      ...base.participant,
      id: p.id,
      dateOfBirth: p.dateOfBirth,
      phone: p.phone,
      email: p.email,
      zip: p.zip,
      race: p.race,
      ethnicity: p.ethnicity,
      sex: p.sex,
    },
    chargesDetail: charges,
    assignments,
    events: timeline,
  };
}
export type CaseDetail = Awaited<ReturnType<typeof getCase>>;

export const transitionCaseSchema = z.object({
  caseId: z.uuid(),
  to: z.enum(caseStatuses),
  // The form's "—" option posts an empty string: that means no reason, not an invalid one.
  reason: z.preprocess((v) => (v === '' ? null : v), z.enum(returnReasons).nullish()),
  note: z.string().trim().max(2000).nullish(),
  version: z.coerce.number().int().positive(),
});

/**
 * Move a case along the lifecycle. One transaction: status row (guarded by version), case event,
 * audit entry (see moveCase). A stale version is a conflict; a case out of scope is not found.
 */
export async function transitionCase(db: Db, actor: Actor, input: z.input<typeof transitionCaseSchema>) {
  const { caseId, to, reason, note, version } = transitionCaseSchema.parse(input);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: cases.status, version: cases.version, jurisdictionId: cases.jurisdictionId, participantId: cases.participantId })
      .from(cases)
      .where(and(eq(cases.id, caseId), caseScope(actor)))
      .for('update');
    if (!current) throw new NotFoundError('That case');
    if (current.version !== version) throw new ConflictError();
    return moveCase(tx, actor, { caseId, jurisdictionId: current.jurisdictionId, from: current.status, to, reason: reason ?? null, note: note ?? null, version });
  });
}
