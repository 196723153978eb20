import 'server-only';
import { caseEvents } from '@/db/schema';
import { actorUserId, type Actor } from '@/lib/auth/actor';
import type { CaseEventPayload } from '@/lib/domain/case-events';
import type { Db } from '../types';

/** Append one event to a case's timeline. Call inside the transaction that made the change. */
export async function recordCaseEvent(
  db: Db,
  actor: Actor | null,
  target: { caseId: string; jurisdictionId: string },
  payload: CaseEventPayload,
  occurredAt?: Date,
) {
  await db.insert(caseEvents).values({
    caseId: target.caseId,
    jurisdictionId: target.jurisdictionId,
    type: payload.type,
    payload,
    actorUserId: actorUserId(actor),
    actorRole: actor?.role ?? null,
    ...(occurredAt ? { occurredAt } : {}),
  });
}
