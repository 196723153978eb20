/**
 * case_facts: the dashboard's rollup. One row per case with everything the prosecutor's dashboard
 * counts (board, neighborhood, demographics at referral, funnel flags, first hearing, appearances,
 * outcome) so the dashboard never scans cases, hearings, offers and screening per request.
 *
 * Lifecycle: written by `refreshCaseFacts` (db/queries/case-facts.ts) inside the SAME transaction
 * as the change it reflects — referral creation, every status move (case-moves.ts and the hearing
 * moves), and every hearing disposition. It is derived data: it can always be rebuilt from the raw
 * tables, and it never holds names, contact details or treatment data.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { boards } from './boards';
import { caseStatusEnum, cases, returnReasonEnum } from './cases';
import { jurisdictions } from './jurisdictions';
import { ethnicityEnum, raceEnum, sexEnum } from './participants';
import { screeningDecisionEnum } from './screening';

/**
 * The dashboard's "as of now" lists read case_facts by status. Their predicates are shared with the
 * partial indexes below (inline literals, so PostgreSQL can prove the query implies the index
 * predicate): both lists stay O(open cases) — a small index — instead of a scan per status.
 */
export const activeCaseload = (alias = '') => sql.raw(`${alias}status in ('accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress')`);
export const waitingForHearing = (alias = '') => sql.raw(`${alias}status in ('accepted', 'assigned', 'hearing_scheduled') and ${alias}first_hearing_at is null`);

export const caseFacts = pgTable(
  'case_facts',
  {
    caseId: uuid()
      .primaryKey()
      .references(() => cases.id),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    participantId: uuid().notNull(),
    /** Current board, or the last one the case had. */
    boardId: uuid().references(() => boards.id),
    /** From the participant's ZIP through board_areas; null when the ZIP is not mapped. */
    neighborhood: text(),
    race: raceEnum().notNull(),
    ethnicity: ethnicityEnum().notNull(),
    sex: sexEnum().notNull(),
    /** Age band at referral: under_18, 18_24, 25_34, 35_44, 45_54, 55_plus. */
    ageBand: text().notNull(),
    referredAt: timestamp({ withTimezone: true }).notNull(),
    referredDay: date().notNull(),
    status: caseStatusEnum().notNull(),
    /** Current screening decision (newest row), null before screening. */
    screeningDecision: screeningDecisionEnum(),
    /** Criteria met (reasons for exclusion) of the current decision when it is ineligible. */
    ineligibleReasons: text().array().notNull().default([]),
    offered: boolean().notNull().default(false),
    accepted: boolean().notNull().default(false),
    firstHearingAt: timestamp({ withTimezone: true }),
    daysToFirstHearing: integer(),
    hearingsAttended: integer().notNull().default(0),
    hearingsMissed: integer().notNull().default(0),
    closedAt: timestamp({ withTimezone: true }),
    returnReason: returnReasonEnum(),
    daysToCompletion: integer(),
    /**
     * The obligations of the case's signed agreement (every item but the check-in hearings, which
     * count as appearances): how many, how many are complete (verified progress on the item's
     * lineage reaches its target), and the due dates of the rest, earliest first. Kept as dates,
     * not as an "overdue" flag, so "overdue as of today" needs no clock to keep it current.
     */
    obligationsTotal: integer().notNull().default(0),
    obligationsComplete: integer().notNull().default(0),
    obligationsOpenDue: date().array().notNull().default([]),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_facts_jurisdiction_referred_idx').on(t.jurisdictionId, t.referredDay),
    index('case_facts_participant_idx').on(t.participantId, t.referredAt),
    index('case_facts_jurisdiction_status_idx').on(t.jurisdictionId, t.status),
    index('case_facts_active_board_idx').on(t.jurisdictionId, t.boardId).where(activeCaseload()),
    check('case_facts_obligations_add_up', sql`${t.obligationsComplete} between 0 and ${t.obligationsTotal} and cardinality(${t.obligationsOpenDue}) = ${t.obligationsTotal} - ${t.obligationsComplete}`),
    // The dashboard's obligations measure reads only the in-progress rows, and all of it from this
    // index (an index-only scan: 8,000 cases in progress at 1M read in ~1 ms instead of visiting
    // 1,400 heap pages).
    index('case_facts_in_progress_obligations_idx')
      .on(t.jurisdictionId, t.boardId, t.neighborhood, t.obligationsTotal, t.obligationsComplete, t.obligationsOpenDue)
      .where(sql`status = 'in_progress'`),
    index('case_facts_waiting_idx').on(t.jurisdictionId, t.referredAt, t.caseId).where(waitingForHearing()),
  ],
);

export type CaseFact = typeof caseFacts.$inferSelect;
