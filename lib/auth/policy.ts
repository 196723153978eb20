// Account-security numbers in one place. No server-only import: the idle-warning client component
// and proxy.ts read these too. Sources: NIST SP 800-63B (length, no composition rules, blocklist,
// throttling), CJIS Security Policy 5.5/5.6 (lockout, session lock), OWASP ASVS 5.0 V6/V7.
import type { Role } from '@/db/schema/users';

export const LOCKOUT = {
  /** Failed attempts (wrong password or wrong code) that lock an account… */
  maxFailures: 5,
  /** …when they happen within this many minutes… */
  windowMinutes: 15,
  /** …for this many minutes. */
  lockMinutes: 10,
} as const;

export const SESSION = {
  idleMinutes: 30,
  absoluteHours: 12,
  /** A request refreshes `last_seen_at` at most this often (one write a minute per session). */
  touchSeconds: 60,
  /** The idle warning appears this long before the session would end. */
  warnSeconds: 120,
} as const;

export const PASSWORD = { minLength: 15, maxLength: 256 } as const;

/** Roles that must use a second factor (TOTP or a recovery code) to sign in. */
export const MFA_REQUIRED_ROLES: readonly Role[] = ['admin', 'coordinator', 'prosecutor'];

export function mfaRequired(role: Role): boolean {
  return MFA_REQUIRED_ROLES.includes(role);
}

/** How long the signed "password ok" hand-over between the two sign-in steps lives. */
export const PENDING_SIGN_IN_SECONDS = 10 * 60;

/** The published TOTP secret of the demo accounts (demo mode only). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
