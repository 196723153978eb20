/**
 * Accounts of every role. A user belongs to one jurisdiction and has one role.
 * `sessionVersion` is bumped whenever a session must end (disabled, role or password changed,
 * "sign out everywhere"); the session check compares it on every request.
 * Admins create and disable users; nobody deletes them (audit rows point at them).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { jurisdictions } from './jurisdictions';

export const roleEnum = pgEnum('role', ['admin', 'coordinator', 'prosecutor', 'volunteer', 'participant', 'provider']);
export type Role = (typeof roleEnum.enumValues)[number];

export const localeEnum = pgEnum('locale', ['en', 'es']);
export type Locale = (typeof localeEnum.enumValues)[number];

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    email: text().notNull(),
    name: text().notNull(),
    role: roleEnum().notNull(),
    locale: localeEnum().notNull().default('en'),
    /** argon2id PHC string; null for participants who only sign in with one-time codes. */
    passwordHash: text(),
    active: boolean().notNull().default(true),
    sessionVersion: integer().notNull().default(1),
    lastSignInAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    index('users_jurisdiction_role_idx').on(t.jurisdictionId, t.role),
    check('users_email_shape', sql`position('@' in ${t.email}) > 1`),
  ],
);

export type User = typeof users.$inferSelect;
