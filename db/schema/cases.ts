/**
 * A case is one referral of one participant by the prosecutor's office. Its status moves only along
 * the lifecycle table in lib/domain/case-lifecycle.ts; every move writes a case_events row and an
 * audit row in the same transaction. `version` guards concurrent edits (optimistic locking).
 * Terminal statuses (completed, returned) never move again; a new referral is a new case.
 *
 * Also here: the charges on a case, the jurisdiction's charge-code table, and the history of board
 * assignments (one open row per case at most).
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { boards } from './boards';
import { jurisdictions } from './jurisdictions';
import { participants } from './participants';
import { roleEnum, users } from './users';

export const caseStatusEnum = pgEnum('case_status', [
  'referred',
  'needs_review',
  'ineligible',
  'eligible',
  'offered',
  'accepted',
  'assigned',
  'hearing_scheduled',
  'hearing_held',
  'in_progress',
  'completed',
  'returned',
]);
export type CaseStatus = (typeof caseStatusEnum.enumValues)[number];

export const returnReasonEnum = pgEnum('return_reason', [
  'ineligible',
  'declined',
  'no_response',
  'unsuccessful',
  'withdrawn',
]);
export type ReturnReason = (typeof returnReasonEnum.enumValues)[number];

export const cases = pgTable(
  'cases',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    participantId: uuid()
      .notNull()
      .references(() => participants.id),
    /** The office's own case number; unique per jurisdiction, which makes API retries idempotent. */
    externalCaseNumber: text().notNull(),
    policeReportNumber: text(),
    referringAgency: text().notNull(),
    incidentDate: date().notNull(),
    referredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    referredByUserId: uuid().references(() => users.id),
    /** Volunteer-safe summary of the referral; criminal history never goes here. */
    summary: text().notNull().default(''),
    status: caseStatusEnum().notNull().default('referred'),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    returnReason: returnReasonEnum(),
    firstHearingAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('cases_jurisdiction_external_key').on(t.jurisdictionId, t.externalCaseNumber),
    // The case list's order (referred_at desc, id desc) exactly, so its keyset condition
    // (referred_at, id) < (…, …) is an index bound and a page is read straight off the index. NULLS
    // FIRST because that is what ORDER BY … DESC means; the planner does not match an index whose
    // null order differs, even on a NOT NULL column.
    index('cases_jurisdiction_status_idx').on(t.jurisdictionId, t.status, t.referredAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('cases_jurisdiction_referred_idx').on(t.jurisdictionId, t.referredAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('cases_participant_idx').on(t.participantId),
    // Outcomes feed for the office's system (GET /api/v1/outcomes): closed cases by close time.
    index('cases_jurisdiction_closed_idx').on(t.jurisdictionId, t.closedAt, t.id).where(sql`${t.closedAt} is not null`),
    check('cases_return_reason_iff_returned', sql`(${t.status} = 'returned') = (${t.returnReason} is not null)`),
    check('cases_version_positive', sql`${t.version} > 0`),
  ],
);

export const chargeCodes = pgTable(
  'charge_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    /** Missouri RSMo section, e.g. 579.015. */
    code: text().notNull(),
    description: text().notNull(),
    severity: text().notNull(),
    violent: boolean().notNull().default(false),
    weapon: boolean().notNull().default(false),
  },
  (t) => [unique('charge_codes_jurisdiction_code_key').on(t.jurisdictionId, t.code)],
);

export const caseCharges = pgTable(
  'case_charges',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    code: text().notNull(),
    description: text().notNull(),
    severity: text().notNull(),
    violent: boolean().notNull().default(false),
    weapon: boolean().notNull().default(false),
  },
  (t) => [index('case_charges_case_idx').on(t.caseId)],
);

export const caseAssignments = pgTable(
  'case_assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    boardId: uuid()
      .notNull()
      .references(() => boards.id),
    assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    assignedByUserId: uuid().references(() => users.id),
    /** Why this board: routing explanation or the coordinator's written reason. */
    reason: text().notNull(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // At most one current board per case; history rows keep endedAt.
    uniqueIndex('case_assignments_one_open_key').on(t.caseId).where(sql`${t.endedAt} is null`),
    index('case_assignments_board_open_idx').on(t.boardId).where(sql`${t.endedAt} is null`),
    // The case's board history (and its current or last board for the dashboard rollup).
    index('case_assignments_case_idx').on(t.caseId, t.assignedAt),
    check('case_assignments_end_after_start', sql`${t.endedAt} is null or ${t.endedAt} >= ${t.assignedAt}`),
  ],
);

export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    type: text().notNull(),
    /** Typed by lib/domain/case-events.ts (CaseEventPayload). */
    payload: jsonb().notNull(),
    actorUserId: uuid().references(() => users.id),
    actorRole: roleEnum(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.occurredAt)],
);

export type Case = typeof cases.$inferSelect;
export type CaseCharge = typeof caseCharges.$inferSelect;
export type CaseAssignment = typeof caseAssignments.$inferSelect;
export type CaseEvent = typeof caseEvents.$inferSelect;
