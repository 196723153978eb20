import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { boards, caseAssignments, caseOffers, cases } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/errors';
import type { Db } from '../types';
import { caseScope } from './case-scope';
import { latestDecisionOf, summarize } from './screening';

/**
 * What the office's case-management system may read of a case: status, board, next hearing and
 * the screening summary. Never treatment data, never the participant's contact details.
 */
export async function getCaseForApi(db: Db, actor: Actor, caseId: string, now = new Date()) {
  if (!z.uuid().safeParse(caseId).success) throw new NotFoundError('That case');
  // One statement (the case, its board, newest screening decision and open offer): integrations
  // poll this, and on the embedded engine every statement costs the server's one thread.
  const screening = latestDecisionOf(db, cases.id).as('screening');
  const offer = db
    .select({ deadlineAt: caseOffers.deadlineAt })
    .from(caseOffers)
    .where(and(eq(caseOffers.caseId, cases.id), eq(caseOffers.status, 'open')))
    .orderBy(desc(caseOffers.offeredAt))
    .limit(1)
    .as('open_offer');
  const [c] = await db
    .select({
      id: cases.id,
      externalCaseNumber: cases.externalCaseNumber,
      status: cases.status,
      returnReason: cases.returnReason,
      referredAt: cases.referredAt,
      statusChangedAt: cases.statusChangedAt,
      closedAt: cases.closedAt,
      firstHearingAt: cases.firstHearingAt,
      boardId: boards.id,
      boardName: boards.name,
      decision: screening.decision,
      policyVersion: screening.policyVersion,
      reason: screening.reason,
      results: screening.results,
      offerDeadlineAt: offer.deadlineAt,
    })
    .from(cases)
    .leftJoin(caseAssignments, and(eq(caseAssignments.caseId, cases.id), isNull(caseAssignments.endedAt)))
    .leftJoin(boards, eq(boards.id, caseAssignments.boardId))
    .leftJoinLateral(screening, sql`true`)
    .leftJoinLateral(offer, sql`true`)
    .where(and(eq(cases.id, caseId), caseScope(actor)));
  if (!c) throw new NotFoundError('That case');
  return {
    id: c.id,
    externalCaseNumber: c.externalCaseNumber,
    status: c.status,
    returnReason: c.returnReason,
    referredAt: c.referredAt.toISOString(),
    statusChangedAt: c.statusChangedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    board: c.boardId && c.boardName ? { id: c.boardId, name: c.boardName } : null,
    nextHearingAt: c.firstHearingAt && c.firstHearingAt > now ? c.firstHearingAt.toISOString() : null,
    offerDeadlineAt: c.offerDeadlineAt?.toISOString() ?? null,
    screening: c.decision && c.policyVersion !== null && c.reason !== null && c.results ? summarize({ decision: c.decision, policyVersion: c.policyVersion, reason: c.reason, results: c.results }) : null,
  };
}

export const outcomesQuerySchema = z.object({
  since: z.iso.datetime({ offset: true, error: 'Give `since` as an ISO-8601 date-time, e.g. 2026-11-01T00:00:00Z.' }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number({ error: 'limit must be a number from 1 to 200.' }).int().min(1).max(200).default(100),
});

type Cursor = { at: string; id: string };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
export function decodeOutcomeCursor(raw: string): Cursor | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(at) || !z.uuid().safeParse(id).success) return null;
    return { at, id: id as string };
  } catch {
    return null;
  }
}

/**
 * Completed and returned cases closed since a time, oldest first, keyset-paginated on
 * (closed_at, id). The cursor keeps microseconds (PostgreSQL's precision), so no row is skipped or
 * repeated between pages.
 */
export async function listOutcomes(db: Db, actor: Actor, q: { since: string; cursor: Cursor | null; limit: number }) {
  const closedKey = sql<string>`to_char(${cases.closedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const conditions = [caseScope(actor), inArray(cases.status, ['completed', 'returned']), gte(cases.closedAt, new Date(q.since))];
  if (q.cursor) conditions.push(sql`(${cases.closedAt}, ${cases.id}) > (${q.cursor.at}::timestamptz, ${q.cursor.id}::uuid)`);
  const rows = await db
    .select({ id: cases.id, externalCaseNumber: cases.externalCaseNumber, status: cases.status, returnReason: cases.returnReason, closedAt: cases.closedAt, referredAt: cases.referredAt, closedKey })
    .from(cases)
    .where(and(...conditions))
    .orderBy(asc(cases.closedAt), asc(cases.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      externalCaseNumber: r.externalCaseNumber,
      outcome: r.status as 'completed' | 'returned',
      returnReason: r.returnReason,
      closedAt: r.closedAt!.toISOString(),
      referredAt: r.referredAt.toISOString(),
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.closedKey, id: last.id }) : null,
  };
}
