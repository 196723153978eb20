import 'server-only';
import { TZDate } from '@date-fns/tz';
import { startOfMonth } from 'date-fns';
import { and, asc, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { boardAreas, boards, caseAssignments, caseEvents, cases, jurisdictions, participants } from '@/db/schema';
import { actorUserId, type Actor } from '@/lib/auth/actor';
import { routeCase, type RoutingBoard, type RoutingResult } from '@/lib/domain/routing';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { recordCaseEvent } from './case-events';
import { moveCase } from './case-moves';
import { refreshCaseFacts } from './case-facts';
import { caseScope } from './case-scope';

/** First instant of the current calendar month in the jurisdiction's time zone. */
function monthStart(now: Date, timeZone: string): Date {
  return new Date(startOfMonth(new TZDate(now.getTime(), timeZone)).getTime());
}

/**
 * The jurisdiction's boards with their areas and this month's load: cases assigned to the board
 * since the first of the month (local time) that are still with it (a case reassigned away no
 * longer counts).
 */
export async function loadRoutingBoards(db: Db, jurisdictionId: string, now = new Date()): Promise<RoutingBoard[]> {
  const [j] = await db.select({ timeZone: jurisdictions.timeZone }).from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  const since = monthStart(now, j?.timeZone ?? 'UTC');
  const [rows, areas, loads] = await Promise.all([
    db.select().from(boards).where(eq(boards.jurisdictionId, jurisdictionId)).orderBy(asc(boards.name)),
    db.select({ boardId: boardAreas.boardId, zip: boardAreas.zip, neighborhood: boardAreas.neighborhood }).from(boardAreas).where(eq(boardAreas.jurisdictionId, jurisdictionId)),
    db
      .select({ boardId: caseAssignments.boardId, n: sql<number>`count(*)::int` })
      .from(caseAssignments)
      .innerJoin(boards, eq(boards.id, caseAssignments.boardId))
      .where(and(eq(boards.jurisdictionId, jurisdictionId), isNull(caseAssignments.endedAt), gte(caseAssignments.assignedAt, since)))
      .groupBy(caseAssignments.boardId),
  ]);
  const loadOf = new Map(loads.map((l) => [l.boardId, l.n]));
  return rows.map((b) => ({
    id: b.id,
    name: b.name,
    language: b.language,
    active: b.active,
    monthlyCapacity: b.monthlyCapacity,
    load: loadOf.get(b.id) ?? 0,
    areas: areas.filter((a) => a.boardId === b.id).map((a) => ({ zip: a.zip, neighborhood: a.neighborhood })),
  }));
}

/** Open a new assignment row (ending the current one, if any) and record why. */
async function assign(tx: Db, actor: Actor | null, c: { id: string; jurisdictionId: string }, board: { id: string; name: string }, reason: string, now: Date) {
  const [previous] = await tx
    .update(caseAssignments)
    .set({ endedAt: now })
    .where(and(eq(caseAssignments.caseId, c.id), isNull(caseAssignments.endedAt)))
    .returning({ boardId: caseAssignments.boardId });
  await tx.insert(caseAssignments).values({ caseId: c.id, boardId: board.id, assignedAt: now, assignedByUserId: actorUserId(actor), reason });
  await recordCaseEvent(tx, actor, { caseId: c.id, jurisdictionId: c.jurisdictionId }, { type: 'board_assigned', boardId: board.id, boardName: board.name, reason, previousBoardId: previous?.boardId ?? null }, now);
  await writeAudit(tx, actor, { action: previous ? 'case.reassign' : 'case.assign', entityType: 'case', entityId: c.id, jurisdictionId: c.jurisdictionId, details: { boardId: board.id, previousBoardId: previous?.boardId ?? null, reason } });
}

/**
 * Route an accepted case inside the caller's transaction: assign the board the rules choose and
 * move the case to `assigned`, or leave it `accepted` in the coordinator's queue with the reason.
 * Boards are locked (FOR UPDATE) so two cases routed at once cannot both take a board's last place.
 */
export async function routeAcceptedCase(tx: Db, actor: Actor | null, c: { id: string; jurisdictionId: string; version: number }, now = new Date()): Promise<{ result: RoutingResult; version: number; status: 'accepted' | 'assigned' }> {
  await tx.select({ id: boards.id }).from(boards).where(eq(boards.jurisdictionId, c.jurisdictionId)).for('update');
  const [p] = await tx
    .select({ zip: participants.zip, preferredLanguage: participants.preferredLanguage })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(eq(cases.id, c.id));
  const result = routeCase(p, await loadRoutingBoards(tx, c.jurisdictionId, now));
  if (!result.ok) {
    await recordCaseEvent(tx, actor, { caseId: c.id, jurisdictionId: c.jurisdictionId }, { type: 'routing_unmatched', reason: result.reason }, now);
    await writeAudit(tx, actor, { action: 'case.route_unmatched', entityType: 'case', entityId: c.id, jurisdictionId: c.jurisdictionId, details: { reason: result.reason } });
    return { result, version: c.version, status: 'accepted' };
  }
  await assign(tx, actor, c, { id: result.boardId, name: result.boardName }, result.explanation, now);
  const moved = await moveCase(tx, actor, { caseId: c.id, jurisdictionId: c.jurisdictionId, from: 'accepted', to: 'assigned', version: c.version, now });
  return { result, version: moved.version, status: 'assigned' };
}

export const routeAgainSchema = z.object({ caseId: z.uuid(), version: z.coerce.number().int().positive() });

/** The coordinator asks the rules again (a board got room, or a ZIP was added). */
export async function routeAgain(db: Db, actor: Actor, input: z.input<typeof routeAgainSchema>) {
  if (!can(actor.role, 'routing.manage')) throw new ForbiddenError();
  const { caseId, version } = routeAgainSchema.parse(input);
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ status: cases.status, version: cases.version, jurisdictionId: cases.jurisdictionId }).from(cases).where(and(eq(cases.id, caseId), caseScope(actor))).for('update');
    if (!c) throw new NotFoundError('That case');
    if (c.version !== version) throw new ConflictError();
    if (c.status !== 'accepted') throw new RuleError('Only an accepted case waiting for a board can be routed.');
    return routeAcceptedCase(tx, actor, { id: caseId, jurisdictionId: c.jurisdictionId, version });
  });
}

export const assignBoardSchema = z.object({
  caseId: z.uuid(),
  boardId: z.uuid({ error: 'Choose a board.' }),
  reason: z.string().trim().min(5, { error: 'Write why this board (at least 5 characters); it is kept in the case history.' }).max(1000),
  version: z.coerce.number().int().positive(),
});

/**
 * The coordinator chooses a board by hand: for a case waiting in the queue (accepted → assigned)
 * or to reassign one (assigned and later: the open row ends, a new one starts, history kept).
 */
export async function assignBoard(db: Db, actor: Actor, input: z.input<typeof assignBoardSchema>) {
  if (!can(actor.role, 'routing.manage')) throw new ForbiddenError();
  const { caseId, boardId, reason, version } = assignBoardSchema.parse(input);
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ status: cases.status, version: cases.version, jurisdictionId: cases.jurisdictionId }).from(cases).where(and(eq(cases.id, caseId), caseScope(actor))).for('update');
    if (!c) throw new NotFoundError('That case');
    if (c.version !== version) throw new ConflictError();
    const [board] = await tx.select().from(boards).where(and(eq(boards.id, boardId), eq(boards.jurisdictionId, c.jurisdictionId), eq(boards.active, true)));
    if (!board) throw new RuleError('Choose an active board of this jurisdiction.', { boardId: ['Choose an active board of this jurisdiction.'] });
    const reassignable = ['assigned', 'hearing_scheduled', 'hearing_held', 'in_progress'];
    if (c.status !== 'accepted' && !reassignable.includes(c.status)) throw new RuleError(`A case that is ${c.status.replaceAll('_', ' ')} cannot be given a board.`);
    const [open] = await tx.select({ boardId: caseAssignments.boardId }).from(caseAssignments).where(and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.endedAt)));
    if (open?.boardId === boardId) throw new RuleError(`The case is already with ${board.name}.`, { boardId: [`The case is already with ${board.name}.`] });
    const now = new Date();
    await assign(tx, actor, { id: caseId, jurisdictionId: c.jurisdictionId }, board, `Chosen by the coordinator: ${reason}`, now);
    if (c.status === 'accepted') return moveCase(tx, actor, { caseId, jurisdictionId: c.jurisdictionId, from: 'accepted', to: 'assigned', version, now });
    const [bumped] = await tx.update(cases).set({ version: sql`${cases.version} + 1`, updatedAt: now }).where(eq(cases.id, caseId)).returning({ version: cases.version, status: cases.status });
    await refreshCaseFacts(tx, caseId); // the board moved: dashboard rollup, same transaction
    return bumped;
  });
}

/** Accepted cases no board could take, with the latest reason: the coordinator's queue. */
export async function listRoutingQueue(db: Db, actor: Actor) {
  if (!can(actor.role, 'routing.manage')) throw new ForbiddenError();
  return db
    .select({
      id: cases.id,
      externalCaseNumber: cases.externalCaseNumber,
      version: cases.version,
      statusChangedAt: cases.statusChangedAt,
      firstName: participants.firstName,
      lastName: participants.lastName,
      zip: participants.zip,
      preferredLanguage: participants.preferredLanguage,
      reason: sql<string | null>`(select e.payload->>'reason' from ${caseEvents} e where e.case_id = "cases"."id" and e.type = 'routing_unmatched' order by e.occurred_at desc, e.id desc limit 1)`,
    })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(and(caseScope(actor), eq(cases.status, 'accepted')))
    .orderBy(asc(cases.statusChangedAt))
    .limit(200);
}

/** Boards with this month's load, for the coordinator's choice. */
export async function listBoardsWithLoad(db: Db, actor: Actor) {
  if (!can(actor.role, 'routing.manage')) throw new ForbiddenError();
  return (await loadRoutingBoards(db, actor.jurisdictionId)).filter((b) => b.active);
}

export async function assignmentHistory(db: Db, caseId: string) {
  return db.select().from(caseAssignments).where(eq(caseAssignments.caseId, caseId)).orderBy(desc(caseAssignments.assignedAt));
}
