import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recoveryCodes, users, userSecurity } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { LOCKOUT } from '@/lib/auth/policy';
import { checkNewPassword } from '@/lib/auth/common-passwords';
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret } from '@/lib/auth/totp';
import type { PasswordProblem } from '@/lib/domain/password-rules';
import { RuleError } from '@/lib/errors';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { endAllSessions } from './sessions';

/**
 * Lockout, second factor and password changes: the account-security state in `user_security`
 * and `recovery_codes`. Every function that decides something security-relevant is atomic in SQL
 * (a single UPDATE … RETURNING), so parallel requests on several instances cannot race past it.
 */

export async function getSecurityState(db: Db, userId: string) {
  const [s] = await db.select().from(userSecurity).where(eq(userSecurity.userId, userId)).limit(1);
  return s ?? null;
}

export function isLocked(state: { lockedUntil: Date | null } | null, now = new Date()): boolean {
  return !!state?.lockedUntil && state.lockedUntil.getTime() > now.getTime();
}

/**
 * Count one failed attempt. Five inside fifteen minutes lock the account for ten minutes; the
 * count then starts over, so a person who mistypes once after a lock is not locked again at once.
 * One statement (insert-or-update), so concurrent failures all count.
 */
export async function registerFailure(db: Db, userId: string, now = new Date()): Promise<{ lockedNow: boolean; lockedUntil: Date | null }> {
  const windowStart = new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000);
  const inWindow = sql`(${userSecurity.failedWindowStart} is not null and ${userSecurity.failedWindowStart} > ${windowStart})`;
  const reaches = sql`(${inWindow} and ${userSecurity.failedCount} + 1 >= ${LOCKOUT.maxFailures})`;
  const firstLocks = LOCKOUT.maxFailures <= 1;
  const [row] = await db
    .insert(userSecurity)
    .values({ userId, failedCount: firstLocks ? 0 : 1, failedWindowStart: firstLocks ? null : now, lockedUntil: firstLocks ? lockUntil : null, updatedAt: now })
    .onConflictDoUpdate({
      target: userSecurity.userId,
      set: {
        failedCount: sql`case when ${reaches} then 0 when ${inWindow} then ${userSecurity.failedCount} + 1 else 1 end`,
        failedWindowStart: sql`case when ${reaches} then null when ${inWindow} then ${userSecurity.failedWindowStart} else ${now} end`,
        lockedUntil: sql`case when ${reaches} then ${lockUntil} else ${userSecurity.lockedUntil} end`,
        updatedAt: now,
      },
    })
    .returning({ lockedUntil: userSecurity.lockedUntil });
  const lockedNow = !!row?.lockedUntil && row.lockedUntil.getTime() === lockUntil.getTime();
  return { lockedNow, lockedUntil: row?.lockedUntil ?? null };
}

export async function clearFailures(db: Db, userId: string) {
  await db.update(userSecurity).set({ failedCount: 0, failedWindowStart: null, updatedAt: new Date() }).where(eq(userSecurity.userId, userId));
}

/**
 * Accept a TOTP code once: the step it belongs to must be later than the last accepted step, and
 * the UPDATE's WHERE makes that check and the write one atomic step (a replay loses the race).
 */
export async function acceptTotpCode(db: Db, userId: string, code: string, now = new Date()): Promise<'ok' | 'wrong' | 'reused'> {
  const state = await getSecurityState(db, userId);
  if (!state?.totpSecret) return 'wrong';
  const step = matchTotp(state.totpSecret, code, now);
  if (step === null) return 'wrong';
  const updated = await db
    .update(userSecurity)
    .set({ totpLastStep: step, updatedAt: now })
    .where(and(eq(userSecurity.userId, userId), sql`(${userSecurity.totpLastStep} is null or ${userSecurity.totpLastStep} < ${step})`))
    .returning({ userId: userSecurity.userId });
  return updated.length ? 'ok' : 'reused';
}

/** Use a recovery code once (atomic: a second use finds it already marked). */
export async function acceptRecoveryCode(db: Db, userId: string, code: string, now = new Date()): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

export async function remainingRecoveryCodes(db: Db, userId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return r?.n ?? 0;
}

/** The secret to show on the enrolment screen; made once and kept until confirmed. */
export async function startTotpEnrollment(db: Db, userId: string): Promise<string> {
  const fresh = newTotpSecret();
  await db.insert(userSecurity).values({ userId, totpPendingSecret: fresh }).onConflictDoUpdate({
    target: userSecurity.userId,
    set: { totpPendingSecret: sql`coalesce(${userSecurity.totpPendingSecret}, ${fresh})`, updatedAt: new Date() },
  });
  const state = await getSecurityState(db, userId);
  return state!.totpPendingSecret!;
}

async function replaceRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
  return codes;
}

/**
 * Confirm enrolment with a code from the app: the pending secret becomes the account's secret, the
 * code's step is used up, and a fresh set of recovery codes is returned (shown once).
 */
export async function confirmTotpEnrollment(db: Db, who: Actor, code: string, now = new Date()): Promise<string[] | null> {
  return db.transaction(async (tx) => {
    const state = await getSecurityState(tx, who.userId);
    const secret = state?.totpPendingSecret;
    const step = secret ? matchTotp(secret, code, now) : null;
    if (!secret || step === null) return null;
    await tx
      .update(userSecurity)
      .set({ totpSecret: secret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step, updatedAt: now })
      .where(eq(userSecurity.userId, who.userId));
    const codes = await replaceRecoveryCodes(tx, who.userId);
    await writeAudit(tx, who, { action: 'account.totp_enroll', entityType: 'user', entityId: who.userId });
    return codes;
  });
}

export async function regenerateRecoveryCodes(db: Db, actor: Actor): Promise<string[]> {
  return db.transaction(async (tx) => {
    const state = await getSecurityState(tx, actor.userId);
    if (!state?.totpSecret) throw new RuleError('Set up an authenticator app first.');
    const codes = await replaceRecoveryCodes(tx, actor.userId);
    await writeAudit(tx, actor, { action: 'account.recovery_codes_regenerate', entityType: 'user', entityId: actor.userId });
    return codes;
  });
}

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().max(1024),
    confirmPassword: z.string().max(1024),
  });

export type PasswordFieldProblem = PasswordProblem | 'currentWrong' | 'currentRequired' | 'mismatch' | 'sameAsCurrent';

/**
 * A password change refused for reasons a person can fix. Carries problem codes per field so the
 * screen can word them in the person's language.
 */
export class PasswordChangeError extends RuleError {
  constructor(readonly problems: { currentPassword?: PasswordFieldProblem[]; newPassword?: PasswordFieldProblem[]; confirmPassword?: PasswordFieldProblem[] }) {
    super('Check the fields marked below.', Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, v ?? []])));
    this.name = 'PasswordChangeError';
  }
}

/**
 * Change one's own password: the current one must match, the new one must pass the policy. Ends
 * every session of the account (the caller issues a fresh one for this browser) and is audited.
 * A wrong current password counts toward the lockout like a failed sign-in.
 */
export async function changePassword(db: Db, actor: Actor, input: z.input<typeof changePasswordSchema>, now = new Date()): Promise<{ sessionVersion: number }> {
  const v = changePasswordSchema.parse(input);
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user) throw new RuleError('Your account was not found.');
  // Every problem at once, so the form can mark each field.
  const problems: ConstructorParameters<typeof PasswordChangeError>[0] = {};
  const weak: PasswordFieldProblem[] = checkNewPassword(v.newPassword, { email: user.email, name: user.name });
  if (v.newPassword === v.currentPassword) weak.push('sameAsCurrent');
  if (weak.length) problems.newPassword = weak;
  if (v.newPassword !== v.confirmPassword) problems.confirmPassword = ['mismatch'];
  const state = await getSecurityState(db, actor.userId);
  const currentOk = await verifyPassword(user.passwordHash, v.currentPassword);
  if (!currentOk || isLocked(state, now)) {
    if (!isLocked(state, now)) await registerFailure(db, actor.userId, now);
    await writeAudit(db, actor, { action: 'account.password_change', outcome: 'failure', entityType: 'user', entityId: actor.userId, details: { reason: currentOk ? 'locked' : 'wrong_password' } });
    problems.currentPassword = ['currentWrong'];
  }
  if (Object.keys(problems).length) throw new PasswordChangeError(problems);
  const passwordHash = await hashPassword(v.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now, version: sql`${users.version} + 1` }).where(eq(users.id, actor.userId));
    await tx
      .insert(userSecurity)
      .values({ userId: actor.userId, passwordChangedAt: now, mustChangePassword: false })
      .onConflictDoUpdate({ target: userSecurity.userId, set: { passwordChangedAt: now, mustChangePassword: false, failedCount: 0, failedWindowStart: null, updatedAt: now } });
    const sessionVersion = await endAllSessions(tx, actor.userId, 'password_change', now);
    await writeAudit(tx, actor, { action: 'account.password_change', entityType: 'user', entityId: actor.userId });
    return { sessionVersion };
  });
}
