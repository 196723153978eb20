import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';

/** The fields the per-request session check needs; by primary key, so it stays cheap. */
export async function getUserForSession(db: Db, userId: string) {
  const [u] = await db
    .select({
      id: users.id,
      role: users.role,
      jurisdictionId: users.jurisdictionId,
      name: users.name,
      email: users.email,
      locale: users.locale,
      active: users.active,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return u ?? null;
}

export async function findUserByEmail(db: Db, email: string) {
  const [u] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return u ?? null;
}

export async function recordSignIn(db: Db, userId: string) {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
}

/** Accounts of the admin's jurisdiction. */
export async function listUsers(db: Db, actor: Actor) {
  if (!can(actor.role, 'user.manage')) throw new ForbiddenError();
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active, lastSignInAt: users.lastSignInAt, version: users.version })
    .from(users)
    .where(eq(users.jurisdictionId, actor.jurisdictionId))
    .orderBy(asc(users.role), asc(users.name));
}

export const setUserActiveSchema = z.object({
  userId: z.uuid(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true'),
});

/**
 * Enable or disable an account. Disabling bumps sessionVersion so every open session of that user
 * stops working on its next request.
 */
export async function setUserActive(db: Db, actor: Actor, input: z.input<typeof setUserActiveSchema>) {
  if (!can(actor.role, 'user.manage')) throw new ForbiddenError();
  const { userId, active } = setUserActiveSchema.parse(input);
  if (userId === actor.userId) throw new ForbiddenError('You cannot disable your own account.');
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ active, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(and(eq(users.id, userId), eq(users.jurisdictionId, actor.jurisdictionId)))
      .returning({ id: users.id, active: users.active });
    if (!updated) throw new NotFoundError('That account');
    await writeAudit(tx, actor, { action: active ? 'user.enable' : 'user.disable', entityType: 'user', entityId: userId });
    return updated;
  });
}
