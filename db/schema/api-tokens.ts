/**
 * Bearer tokens for the integration API (/api/v1), one set per jurisdiction: the prosecutor's
 * case-management system calls with one. Admins create them (the token is shown once; only its
 * SHA-256 is stored) and revoke them; a revoked token is refused at once. Never deleted: audit rows
 * name the token that acted.
 */
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { jurisdictions } from './jurisdictions';
import { users } from './users';

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    name: text().notNull(),
    /** Hex SHA-256 of the token. A random 256-bit token needs no slow hash. */
    tokenHash: text().notNull(),
    /** First characters of the token, so an admin can tell tokens apart without seeing them. */
    prefix: text().notNull(),
    createdByUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    revokedByUserId: uuid().references(() => users.id),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_jurisdiction_idx').on(t.jurisdictionId)],
);

export type ApiToken = typeof apiTokens.$inferSelect;
