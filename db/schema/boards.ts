/**
 * Neighborhood accountability boards, the ZIP codes / neighborhoods each serves, and the
 * volunteers who sit on them. Coordinators create boards and memberships; a membership ends
 * (active = false, term end) rather than being deleted so panel history stays explainable.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { jurisdictions } from './jurisdictions';
import { localeEnum, users } from './users';

export const boards = pgTable(
  'boards',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    name: text().notNull(),
    /** Language hearings are held in; a Spanish-speaking board takes cases that ask for one. */
    language: localeEnum().notNull().default('en'),
    /** How many new cases the board can take per month; routing balances against it. */
    monthlyCapacity: integer().notNull().default(12),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('boards_jurisdiction_name_key').on(t.jurisdictionId, t.name),
    check('boards_capacity_positive', sql`${t.monthlyCapacity} >= 0`),
  ],
);

export const boardAreas = pgTable(
  'board_areas',
  {
    id: uuid().primaryKey().defaultRandom(),
    boardId: uuid()
      .notNull()
      .references(() => boards.id),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    zip: text().notNull(),
    neighborhood: text().notNull(),
  },
  (t) => [
    // One board per ZIP within a jurisdiction keeps routing unambiguous.
    unique('board_areas_jurisdiction_zip_key').on(t.jurisdictionId, t.zip),
    check('board_areas_zip_shape', sql`${t.zip} ~ '^[0-9]{5}$'`),
  ],
);

export const membershipRoleEnum = pgEnum('membership_role', ['member', 'chair']);

export const boardMemberships = pgTable(
  'board_memberships',
  {
    id: uuid().primaryKey().defaultRandom(),
    boardId: uuid()
      .notNull()
      .references(() => boards.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: membershipRoleEnum().notNull().default('member'),
    termStart: date().notNull(),
    termEnd: date().notNull(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('board_memberships_board_user_key').on(t.boardId, t.userId),
    index('board_memberships_user_idx').on(t.userId),
    check('board_memberships_term_order', sql`${t.termEnd} > ${t.termStart}`),
  ],
);

export type Board = typeof boards.$inferSelect;
export type BoardMembership = typeof boardMemberships.$inferSelect;
