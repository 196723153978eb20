import 'server-only';
import { findUserByEmail, recordSignIn } from '@/db/queries/users';
import { writeAudit } from '@/db/queries/audit';
import type { Db } from '@/db/types';
import { verifyPassword } from './password';

export const SIGN_IN_FAILED = 'That email and password do not match an active account.';

/**
 * Check an email + password. Unknown email, wrong password and disabled account all give the same
 * answer after the same work (a hash is always verified), so the form reveals nothing about which
 * accounts exist. Every attempt is audited.
 */
export async function verifyCredentials(db: Db, email: string, password: string, ip: string | null) {
  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordOk || !user.active) {
    await writeAudit(db, user ? { userId: user.id, role: user.role, jurisdictionId: user.jurisdictionId, name: user.name, email: user.email, locale: user.locale } : null, {
      action: 'auth.sign_in',
      outcome: 'failure',
      ip,
      details: { reason: !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'disabled' },
    });
    return { ok: false as const, message: SIGN_IN_FAILED };
  }
  await recordSignIn(db, user.id);
  await writeAudit(db, { userId: user.id, role: user.role, jurisdictionId: user.jurisdictionId, name: user.name, email: user.email, locale: user.locale }, { action: 'auth.sign_in', ip });
  return { ok: true as const, user };
}
