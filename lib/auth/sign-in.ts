import 'server-only';
import { findUserByEmail, recordSignIn } from '@/db/queries/users';
import { writeAudit } from '@/db/queries/audit';
import { acceptRecoveryCode, acceptTotpCode, clearFailures, getSecurityState, isLocked, registerFailure } from '@/db/queries/account-security';
import type { User } from '@/db/schema';
import type { Db } from '@/db/types';
import { actorFromUser } from './actor';
import { verifyPassword } from './password';
import { mfaRequired } from './policy';
import { looksLikeRecoveryCode } from './totp';

export const SIGN_IN_FAILED = 'That email and password do not match an active account.';
export const CODE_FAILED = 'That code did not work. Check the app and try again, or use a recovery code.';

export type SecondFactor = 'none' | 'totp' | 'enroll';

/**
 * Step one: email + password. Unknown email, wrong password, disabled account and a locked
 * account all give the same answer after the same work (a hash is always verified, the lock is
 * looked at only afterwards), so the form reveals nothing about which accounts exist or are
 * locked. Every attempt is audited; a failure on a real account counts toward its lockout.
 *
 * On success the caller either starts a session (`secondFactor: 'none'`, sign-in audited here) or
 * hands over to the code step / enrolment (`'totp'` / `'enroll'`; audited as password-verified).
 */
export async function verifyCredentials(db: Db, email: string, password: string, ip: string | null, now = new Date()): Promise<{ ok: false; message: string } | { ok: true; user: User; secondFactor: SecondFactor }> {
  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!user) {
    await writeAudit(db, null, { action: 'auth.sign_in', outcome: 'failure', ip, details: { reason: 'unknown_email', email: email.trim().toLowerCase().slice(0, 254) } });
    return { ok: false, message: SIGN_IN_FAILED };
  }
  const who = actorFromUser(user, ip);
  const state = await getSecurityState(db, user.id);
  const locked = isLocked(state, now);
  if (!passwordOk || !user.active || locked) {
    const reason = locked ? 'locked' : !passwordOk ? 'wrong_password' : 'disabled';
    // A locked account does not extend its own lock: the lock time is fixed when it starts.
    const lock = !passwordOk && !locked ? await registerFailure(db, user.id, now) : null;
    await writeAudit(db, who, { action: 'auth.sign_in', outcome: 'failure', ip, entityType: 'user', entityId: user.id, details: { reason } });
    if (lock?.lockedNow) await writeAudit(db, who, { action: 'auth.lockout', outcome: 'denied', ip, entityType: 'user', entityId: user.id, details: { until: lock.lockedUntil?.toISOString() } });
    return { ok: false, message: SIGN_IN_FAILED };
  }
  const enrolled = !!state?.totpSecret;
  const secondFactor: SecondFactor = enrolled ? 'totp' : mfaRequired(user.role) ? 'enroll' : 'none';
  if (secondFactor === 'none') {
    await completeSignIn(db, user, ip, { method: 'password' });
  } else {
    await writeAudit(db, who, { action: 'auth.password_verified', ip, entityType: 'user', entityId: user.id, details: { next: secondFactor } });
  }
  return { ok: true, user, secondFactor };
}

/** The last step of every successful sign-in: reset the failure count, stamp, audit. */
export async function completeSignIn(db: Db, user: User, ip: string | null, details: Record<string, unknown>) {
  await clearFailures(db, user.id);
  await recordSignIn(db, user.id);
  await writeAudit(db, actorFromUser(user, ip), { action: 'auth.sign_in', ip, entityType: 'user', entityId: user.id, details });
}

/**
 * Step two: a TOTP code (single use: its time step must be newer than the last one accepted) or a
 * recovery code (single use). Wrong codes count toward the same lockout as wrong passwords, so
 * the six digits cannot be guessed either (5 tries per 10 minutes against a 1-in-333,333 chance
 * per try with the ±1 step window). A locked account gets the same answer as a wrong code.
 */
export async function verifySecondFactor(db: Db, user: User, code: string, ip: string | null, now = new Date()): Promise<{ ok: true } | { ok: false; message: string }> {
  const who = actorFromUser(user, ip);
  const state = await getSecurityState(db, user.id);
  if (!user.active) return { ok: false, message: CODE_FAILED };
  let outcome: 'ok' | 'wrong' | 'reused' | 'locked';
  let method: 'totp' | 'recovery_code' = 'totp';
  if (isLocked(state, now)) outcome = 'locked';
  else if (looksLikeRecoveryCode(code)) {
    method = 'recovery_code';
    outcome = (await acceptRecoveryCode(db, user.id, code, now)) ? 'ok' : 'wrong';
  } else outcome = await acceptTotpCode(db, user.id, code, now);

  if (outcome !== 'ok') {
    // Guessing counts toward the lockout; a replayed code (a real one, already used) and a
    // locked account do not: they are refused and audited, but say nothing about guessing.
    const lock = outcome === 'wrong' ? await registerFailure(db, user.id, now) : null;
    await writeAudit(db, who, { action: 'auth.sign_in', outcome: 'failure', ip, entityType: 'user', entityId: user.id, details: { reason: outcome === 'wrong' ? 'wrong_code' : outcome === 'reused' ? 'code_reused' : 'locked', method } });
    if (lock?.lockedNow) await writeAudit(db, who, { action: 'auth.lockout', outcome: 'denied', ip, entityType: 'user', entityId: user.id, details: { until: lock.lockedUntil?.toISOString() } });
    return { ok: false, message: CODE_FAILED };
  }
  await completeSignIn(db, user, ip, { method: 'password', secondFactor: method });
  return { ok: true };
}
