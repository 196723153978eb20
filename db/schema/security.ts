/**
 * Account security: the state behind sign-in that is not the account itself.
 *
 * - `user_security`: one row per user, created on first need (a failed sign-in, two-factor
 *   enrolment, an admin reset). Holds the failed-attempt window and lockout, the TOTP secret and the
 *   last time step used (so a code works once), and "must choose a new password". Written by the
 *   sign-in steps, the account screens and admins; never deleted.
 * - `recovery_codes`: single-use second-factor codes, stored as SHA-256 (they are 50-bit random,
 *   so a slow hash adds nothing). Replaced as a set when regenerated; `used_at` marks a used one.
 * - `auth_sessions`: one row per signed-in browser. The session cookie (a next-auth JWT) carries
 *   its id; every request checks the row: not revoked, idle < 30 min, age < 12 h. Sign-out revokes
 *   the row, "sign out everywhere" revokes them all. Rows are kept (revoked) as history.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const userSecurity = pgTable(
  'user_security',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id),
    /** Failed sign-in attempts (password or code) since `failedWindowStart`. */
    failedCount: integer().notNull().default(0),
    failedWindowStart: timestamp({ withTimezone: true }),
    lockedUntil: timestamp({ withTimezone: true }),
    /** Base32 TOTP secret once enrolment is confirmed; null means no second factor yet. */
    totpSecret: text(),
    /** Secret shown on the enrolment screen, promoted to `totpSecret` when a code confirms it. */
    totpPendingSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** Highest 30-second time step accepted; a code of this step or an earlier one is refused. */
    totpLastStep: bigint({ mode: 'number' }),
    mustChangePassword: boolean().notNull().default(false),
    passwordChangedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('user_security_failed_count_nonnegative', sql`${t.failedCount} >= 0`)],
);

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    codeHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [unique('recovery_codes_user_hash_key').on(t.userId, t.codeHash)],
);

export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Refreshed at most once a minute by requests; idle expiry is measured from it. */
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Absolute end (created + 12 h); never extended. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    /** sign_out, sign_out_everywhere, idle, password_change, expired… */
    revokedReason: text(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [
    index('auth_sessions_user_idx').on(t.userId, t.createdAt),
    check('auth_sessions_expiry_after_start', sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

export type UserSecurity = typeof userSecurity.$inferSelect;
export type AuthSession = typeof authSessions.$inferSelect;
