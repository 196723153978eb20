/**
 * The person a case is about. One participant row per person per jurisdiction; a new referral of
 * the same person links to the same row (that link is how re-referral is measured).
 * Demographics are self-reported or "unknown" — never inferred. An optional portal account
 * (users.role = participant) lets them see their own case.
 */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { jurisdictions } from './jurisdictions';
import { localeEnum, users } from './users';

export const raceEnum = pgEnum('race', [
  'american_indian',
  'asian',
  'black',
  'pacific_islander',
  'white',
  'multiracial',
  'other',
  'unknown',
]);
export const ethnicityEnum = pgEnum('ethnicity', ['hispanic', 'not_hispanic', 'unknown']);
export const sexEnum = pgEnum('sex', ['female', 'male', 'another', 'unknown']);

export const participants = pgTable(
  'participants',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    firstName: text().notNull(),
    lastName: text().notNull(),
    dateOfBirth: date().notNull(),
    phone: text(),
    email: text(),
    addressLine: text(),
    zip: text().notNull(),
    preferredLanguage: localeEnum().notNull().default('en'),
    race: raceEnum().notNull().default('unknown'),
    ethnicity: ethnicityEnum().notNull().default('unknown'),
    sex: sexEnum().notNull().default('unknown'),
    userId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('participants_user_key').on(t.userId),
    index('participants_identity_idx').on(t.jurisdictionId, sql`lower(${t.lastName})`, t.dateOfBirth),
    check('participants_zip_shape', sql`${t.zip} ~ '^[0-9]{5}$'`),
  ],
);

export type Participant = typeof participants.$inferSelect;
