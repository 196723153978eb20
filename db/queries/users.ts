import 'server-only';
import crypto from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recoveryCodes, roleEnum, users, userSecurity } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { isLocked } from './account-security';
import { endAllSessions } from './sessions';

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

export async function findUserById(db: Db, userId: string) {
  if (!z.uuid().safeParse(userId).success) return null;
  const [u] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
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
    if (!active) await endAllSessions(tx, userId, 'disabled');
    await writeAudit(tx, actor, { action: active ? 'user.enable' : 'user.disable', entityType: 'user', entityId: userId });
    return updated;
  });
}

/** One account of the admin's jurisdiction, with its security state, for the account screen. */
export async function getUserForAdmin(db: Db, actor: Actor, userId: string) {
  if (!can(actor.role, 'user.manage')) throw new ForbiddenError();
  if (!z.uuid().safeParse(userId).success) throw new NotFoundError('That account');
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      lastSignInAt: users.lastSignInAt,
      version: users.version,
      totpEnabledAt: userSecurity.totpEnabledAt,
      lockedUntil: userSecurity.lockedUntil,
      mustChangePassword: userSecurity.mustChangePassword,
      passwordChangedAt: userSecurity.passwordChangedAt,
    })
    .from(users)
    .leftJoin(userSecurity, eq(userSecurity.userId, users.id))
    .where(and(eq(users.id, userId), eq(users.jurisdictionId, actor.jurisdictionId)))
    .limit(1);
  if (!row) throw new NotFoundError('That account');
  return { ...row, locked: isLocked(row) };
}

export const setUserRoleSchema = z.object({
  userId: z.uuid(),
  role: z.enum(roleEnum.enumValues),
  version: z.coerce.number().int().positive(),
});

/**
 * Change an account's role: a permission change, so it ends the account's sessions (the new role
 * takes effect at the next sign-in, with a second factor when the new role needs one) and is
 * audited with the old and new role. Optimistic `version` guards two admins editing at once.
 */
export async function setUserRole(db: Db, actor: Actor, input: z.input<typeof setUserRoleSchema>) {
  if (!can(actor.role, 'user.manage')) throw new ForbiddenError();
  const { userId, role, version } = setUserRoleSchema.parse(input);
  if (userId === actor.userId) throw new ForbiddenError('You cannot change your own role. Ask another administrator.');
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: users.role, version: users.version })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.jurisdictionId, actor.jurisdictionId)))
      .limit(1);
    if (!before) throw new NotFoundError('That account');
    if (before.version !== version) throw new ConflictError();
    if (before.role === role) return { id: userId, role, version };
    const [updated] = await tx
      .update(users)
      .set({ role, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(and(eq(users.id, userId), eq(users.version, version)))
      .returning({ id: users.id, role: users.role, version: users.version });
    if (!updated) throw new ConflictError();
    await endAllSessions(tx, userId, 'role_change');
    await writeAudit(tx, actor, { action: 'user.role_change', entityType: 'user', entityId: userId, details: { from: before.role, to: role } });
    return updated;
  });
}

export const adminUserSchema = z.object({ userId: z.uuid() });

/** Random, policy-passing, easy to read aloud: four groups of five lower-case letters and digits. */
function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('')).join('-');
}

/**
 * Reset a forgotten password: a one-time temporary password (shown once to the admin, to hand
 * over in person or by phone), "must choose a new password" at the next sign-in, every session
 * ended, a lockout lifted. The admin never learns the password the person then chooses.
 */
export async function adminResetPassword(db: Db, actor: Actor, input: z.input<typeof adminUserSchema>): Promise<{ temporaryPassword: string }> {
  if (!can(actor.role, 'user.manage')) throw new ForbiddenError();
  const { userId } = adminUserSchema.parse(input);
  if (userId === actor.userId) throw new ForbiddenError('Use your own account screen to change your password.');
  const temp = temporaryPassword();
  const passwordHash = await hashPassword(temp);
  return db.transaction(async (tx) => {
    const now = new Date();
    const [u] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: now, version: sql`${users.version} + 1` })
      .where(and(eq(users.id, userId), eq(users.jurisdictionId, actor.jurisdictionId)))
      .returning({ id: users.id });
    if (!u) throw new NotFoundError('That account');
    await tx
      .insert(userSecurity)
      .values({ userId, mustChangePassword: true })
      .onConflictDoUpdate({ target: userSecurity.userId, set: { mustChangePassword: true, lockedUntil: null, failedCount: 0, failedWindowStart: null, updatedAt: now } });
    await endAllSessions(tx, userId, 'password_reset', now);
    await writeAudit(tx, actor, { action: 'user.password_reset', entityType: 'user', entityId: userId });
    return { temporaryPassword: temp };
  });
}

/**
 * Remove an account's second factor (lost phone and recovery codes). Ends its sessions; a role
 * that requires a second factor sets up a new one at its next sign-in.
 */
export async function adminResetTwoFactor(db: Db, actor: Actor, input: z.input<typeof adminUserSchema>) {
  if (!can(actor.role, 'user.manage')) throw new ForbiddenError();
  const { userId } = adminUserSchema.parse(input);
  if (userId === actor.userId) throw new ForbiddenError('Ask another administrator to reset your own second factor.');
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, userId), eq(users.jurisdictionId, actor.jurisdictionId))).limit(1);
    if (!u) throw new NotFoundError('That account');
    const now = new Date();
    await tx
      .update(userSecurity)
      .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: now })
      .where(eq(userSecurity.userId, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await endAllSessions(tx, userId, 'two_factor_reset', now);
    await writeAudit(tx, actor, { action: 'user.two_factor_reset', entityType: 'user', entityId: userId });
    return { id: userId };
  });
}

/** End every session of another account (a lost laptop, a departing volunteer). */
export async function adminEndSessions(db: Db, actor: Actor, input: z.input<typeof adminUserSchema>) {
  if (!can(actor.role, 'user.manage')) throw new ForbiddenError();
  const { userId } = adminUserSchema.parse(input);
  if (userId === actor.userId) throw new ForbiddenError('Use “Sign out everywhere” on your own account screen.');
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, userId), eq(users.jurisdictionId, actor.jurisdictionId))).limit(1);
    if (!u) throw new NotFoundError('That account');
    await endAllSessions(tx, userId, 'ended_by_admin');
    await writeAudit(tx, actor, { action: 'user.sessions_end', entityType: 'user', entityId: userId });
    return { id: userId };
  });
}
