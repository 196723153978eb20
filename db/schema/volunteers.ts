/**
 * Per-person volunteer readiness, availability and conflicts of interest.
 *
 * - volunteer_profiles: one row per volunteer account (background check, training, observation,
 *   confidentiality, languages, accessibility, monthly limit, home address for conflict checks).
 *   Coordinators edit it (form or CSV import); `version` guards concurrent edits. Whether a
 *   volunteer may sit is computed (lib/domain/volunteer-eligibility.ts), never stored.
 * - volunteer_availability: weekly recurring windows in the jurisdiction's local wall-clock time
 *   (minutes after local midnight), so "Tuesdays 18:00–21:00" stays 18:00 across DST changes.
 * - availability_exceptions: dated overrides (time off, an extra evening), also local.
 *   The volunteer edits both on their phone; rows are replaced, not versioned.
 * - volunteer_conflicts: declared conflicts (by the volunteer or a coordinator) and the
 *   coordinator's review of auto-detected ones (same address, same surname + ZIP). An active row
 *   keeps the volunteer off that participant's panels; a dismissed auto flag lets them sit.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { jurisdictions } from './jurisdictions';
import { participants } from './participants';
import { users } from './users';

export const volunteerProfiles = pgTable(
  'volunteer_profiles',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    backgroundCheckDate: date(),
    backgroundCheckExpires: date(),
    trainingHours: doublePrecision().notNull().default(0),
    hearingsObserved: integer().notNull().default(0),
    confidentialitySignedAt: date(),
    /** ISO 639-1 codes the volunteer can hold a hearing in. */
    languages: text().array().notNull().default(sql`'{en}'::text[]`),
    /** The volunteer needs a step-free, accessible venue. */
    needsAccessibleVenue: boolean().notNull().default(false),
    accessibilityNotes: text().notNull().default(''),
    monthlyHearingLimit: integer().notNull().default(4),
    /** Home address, used only to flag same-address / same-block conflicts for review. */
    lastName: text().notNull().default(''),
    addressLine: text(),
    zip: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('volunteer_profiles_jurisdiction_idx').on(t.jurisdictionId),
    check('volunteer_profiles_training_nonneg', sql`${t.trainingHours} >= 0`),
    check('volunteer_profiles_observed_nonneg', sql`${t.hearingsObserved} >= 0`),
    check('volunteer_profiles_limit_range', sql`${t.monthlyHearingLimit} between 0 and 31`),
    check('volunteer_profiles_check_order', sql`${t.backgroundCheckExpires} is null or ${t.backgroundCheckDate} is null or ${t.backgroundCheckExpires} > ${t.backgroundCheckDate}`),
    check('volunteer_profiles_zip_shape', sql`${t.zip} is null or ${t.zip} ~ '^[0-9]{5}$'`),
  ],
);

export const volunteerAvailability = pgTable(
  'volunteer_availability',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    /** 0 = Sunday … 6 = Saturday, local. */
    weekday: smallint().notNull(),
    startMinute: smallint().notNull(),
    endMinute: smallint().notNull(),
  },
  (t) => [
    index('volunteer_availability_user_idx').on(t.userId),
    check('volunteer_availability_weekday', sql`${t.weekday} between 0 and 6`),
    check('volunteer_availability_window', sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`),
  ],
);

export const availabilityExceptionKindEnum = pgEnum('availability_exception_kind', ['unavailable', 'available']);

export const availabilityExceptions = pgTable(
  'availability_exceptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    /** Local calendar date. */
    date: date().notNull(),
    kind: availabilityExceptionKindEnum().notNull(),
    /** Null start/end with kind unavailable = the whole day off. */
    startMinute: smallint(),
    endMinute: smallint(),
    note: text().notNull().default(''),
  },
  (t) => [
    index('availability_exceptions_user_date_idx').on(t.userId, t.date),
    check(
      'availability_exceptions_window',
      sql`(${t.startMinute} is null and ${t.endMinute} is null and ${t.kind} = 'unavailable') or (${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute})`,
    ),
  ],
);

export const conflictKindEnum = pgEnum('conflict_kind', ['knows', 'relative', 'neighbor', 'other', 'same_address', 'same_surname_zip']);
export const conflictSourceEnum = pgEnum('conflict_source', ['declared', 'auto']);
export const conflictStatusEnum = pgEnum('conflict_status', ['active', 'dismissed']);

export const volunteerConflicts = pgTable(
  'volunteer_conflicts',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    participantId: uuid()
      .notNull()
      .references(() => participants.id),
    kind: conflictKindEnum().notNull(),
    source: conflictSourceEnum().notNull(),
    status: conflictStatusEnum().notNull().default('active'),
    note: text().notNull().default(''),
    createdByUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    reviewedByUserId: uuid().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('volunteer_conflicts_pair_kind_key').on(t.userId, t.participantId, t.kind),
    index('volunteer_conflicts_participant_idx').on(t.participantId),
  ],
);

export type VolunteerProfile = typeof volunteerProfiles.$inferSelect;
export type VolunteerAvailability = typeof volunteerAvailability.$inferSelect;
export type AvailabilityException = typeof availabilityExceptions.$inferSelect;
export type VolunteerConflict = typeof volunteerConflicts.$inferSelect;
