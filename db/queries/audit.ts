import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { auditLog, users } from '@/db/schema';
import { ForbiddenError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import { actorUserId, type Actor } from '@/lib/auth/actor';
import type { Db } from '../types';

export type AuditInput = {
  action: string;
  entityType?: string;
  entityId?: string;
  outcome?: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown>;
};

/** Append one audit row. Call inside the same transaction as the change it records. */
export async function writeAudit(db: Db, actor: Actor | null, input: AuditInput & { jurisdictionId?: string | null; ip?: string | null }) {
  await db.insert(auditLog).values({
    actorUserId: actorUserId(actor),
    actorRole: actor?.role ?? null,
    actorApiTokenId: actor?.apiToken?.id ?? null,
    jurisdictionId: input.jurisdictionId ?? actor?.jurisdictionId ?? null,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    outcome: input.outcome ?? 'success',
    ip: input.ip ?? actor?.ip ?? null,
    details: input.details ?? {},
  });
}

/** Newest audit rows of the admin's jurisdiction. */
export async function listRecentAudit(db: Db, actor: Actor, limit = 50) {
  if (!can(actor.role, 'audit.read')) throw new ForbiddenError();
  return db
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      action: auditLog.action,
      outcome: auditLog.outcome,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      actorEmail: users.email,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(eq(auditLog.jurisdictionId, actor.jurisdictionId))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
