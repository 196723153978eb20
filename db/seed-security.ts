import 'server-only';
import { inArray } from 'drizzle-orm';
import { users, userSecurity } from './schema';
import { DEMO_TOTP_SECRET, MFA_REQUIRED_ROLES } from '@/lib/auth/policy';
import type { Db } from './types';

/**
 * Demo only: the accounts whose role requires two-step sign-in (admin, coordinators, prosecutors)
 * get the published authenticator key JBSWY3DPEHPK3PXP, shown with the demo logins, so the demo
 * can be tried with any authenticator app (or `npx otpauth`-style tools) right away.
 */
export async function seedSecurity(db: Db, now = new Date()): Promise<void> {
  const staff = await db.select({ id: users.id }).from(users).where(inArray(users.role, [...MFA_REQUIRED_ROLES]));
  if (!staff.length) return;
  await db
    .insert(userSecurity)
    .values(staff.map((u) => ({ userId: u.id, totpSecret: DEMO_TOTP_SECRET, totpEnabledAt: now })))
    .onConflictDoNothing();
}
