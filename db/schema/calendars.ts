/**
 * Private calendar feed URLs. Each volunteer or participant may hold one live feed; the URL carries
 * a random secret and only its SHA-256 is stored, so a leaked database does not leak feeds. The
 * owner revokes it (revokedAt) and makes a new one; revoked feeds answer 404.
 */
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { jurisdictions } from './jurisdictions';
import { users } from './users';

export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    lastFetchedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_key').on(t.tokenHash),
    uniqueIndex('calendar_feeds_one_live_key').on(t.userId).where(sql`${t.revokedAt} is null`),
    index('calendar_feeds_user_idx').on(t.userId),
  ],
);

export type CalendarFeed = typeof calendarFeeds.$inferSelect;
