/**
 * Hearings of a case and who sits on them.
 *
 * Lifecycle: a hearing is booked `scheduled`; it is rescheduled in place (new time, `sequence`
 * + 1 so calendar apps update the same event), or ends as held, postponed, cancelled or a no-show
 * (participant or panel). Coordinators (and the board's chair) book and record; volunteers see
 * their own seats; participants see their own hearings.
 *
 * Integrity lives in the database (custom migration): `during` is generated from starts_at/ends_at,
 * and EXCLUDE USING gist constraints refuse overlapping active hearings for the same participant
 * or venue, and overlapping active seats for the same volunteer. hearing_panelists copies the
 * hearing's range and active flag (triggers keep them in step), so the per-volunteer constraint
 * can live on one table. Cancelled and postponed hearings block nobody.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { boards } from './boards';
import { cases } from './cases';
import { jurisdictions } from './jurisdictions';
import { participants } from './participants';
import { tstzrange } from './range';
import { users } from './users';
import { venues, type WeeklyWindow } from './venues';

export const hearingKindEnum = pgEnum('hearing_kind', ['initial', 'check_in', 'closing']);
export const hearingStatusEnum = pgEnum('hearing_status', ['scheduled', 'held', 'postponed', 'cancelled', 'no_show_participant', 'no_show_panel']);
export type HearingStatus = (typeof hearingStatusEnum.enumValues)[number];
export type HearingKind = (typeof hearingKindEnum.enumValues)[number];

export const hearings = pgTable(
  'hearings',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    /** Denormalized from the case so the participant no-overlap rule is one constraint. */
    participantId: uuid()
      .notNull()
      .references(() => participants.id),
    boardId: uuid()
      .notNull()
      .references(() => boards.id),
    kind: hearingKindEnum().notNull().default('initial'),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    during: tstzrange()
      .notNull()
      .generatedAlwaysAs(sql`tstzrange(starts_at, ends_at, '[)')`),
    venueId: uuid()
      .notNull()
      .references(() => venues.id),
    status: hearingStatusEnum().notNull().default('scheduled'),
    /** Whether the hearing holds its time: cancelled and postponed ones free it. */
    active: boolean()
      .notNull()
      .generatedAlwaysAs(sql`status not in ('cancelled', 'postponed')`),
    agenda: text().notNull().default(''),
    notes: text().notNull().default(''),
    statusReason: text(),
    bookedByUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    /** iCalendar SEQUENCE: bumped on every change a calendar app must pick up. */
    sequence: integer().notNull().default(0),
  },
  (t) => [
    index('hearings_case_idx').on(t.caseId, t.startsAt),
    index('hearings_board_time_idx').on(t.boardId, t.startsAt),
    index('hearings_jurisdiction_time_idx').on(t.jurisdictionId, t.startsAt),
    // The participant's portal lists their meetings. The no-overlap constraint's GiST index covers
    // active hearings only, so without this the portal read every hearing (15 ms at 100k cases).
    index('hearings_participant_time_idx').on(t.participantId, t.startsAt),
    check('hearings_time_order', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const panelRoleEnum = pgEnum('panel_role', ['chair', 'member', 'alternate']);
export const attendanceEnum = pgEnum('attendance', ['unknown', 'present', 'absent', 'late']);

export const hearingPanelists = pgTable(
  'hearing_panelists',
  {
    id: uuid().primaryKey().defaultRandom(),
    hearingId: uuid()
      .notNull()
      .references(() => hearings.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: panelRoleEnum().notNull(),
    attendance: attendanceEnum().notNull().default('unknown'),
    /** Set when the volunteer is taken off the panel (replaced); the row stays for history. */
    removedAt: timestamp({ withTimezone: true }),
    /** Copies of the hearing's range / active flag, kept by triggers, for the no-overlap rule. */
    during: tstzrange().notNull().default(sql`'empty'::tstzrange`),
    active: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex('hearing_panelists_seat_key').on(t.hearingId, t.userId).where(sql`${t.removedAt} is null`),
    index('hearing_panelists_user_idx').on(t.userId),
  ],
);

/**
 * What the participant said about when and how they can come. The slot finder only proposes times
 * inside these windows (none = any time the board meets). Set by the coordinator today; the
 * participant's own form comes later.
 */
export const participantHearingPreferences = pgTable(
  'participant_hearing_preferences',
  {
    participantId: uuid()
      .primaryKey()
      .references(() => participants.id),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    /** Weekly windows in local minutes: [{ weekday, start, end }]. Empty = no restriction. */
    windows: jsonb().$type<WeeklyWindow[]>().notNull().default([]),
    videoOk: boolean().notNull().default(true),
    inPersonOk: boolean().notNull().default(true),
    needsAccessibleVenue: boolean().notNull().default(false),
    childcareNeeded: boolean().notNull().default(false),
    transportNeeded: boolean().notNull().default(false),
    notes: text().notNull().default(''),
    updatedByUserId: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [check('participant_prefs_some_mode', sql`${t.videoOk} or ${t.inPersonOk}`)],
);

export type Hearing = typeof hearings.$inferSelect;
export type HearingPanelist = typeof hearingPanelists.$inferSelect;
export type ParticipantHearingPreferences = typeof participantHearingPreferences.$inferSelect;
