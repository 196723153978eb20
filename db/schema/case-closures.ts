/**
 * case_closures: how a case left the program and what the prosecutor did next.
 *
 * Lifecycle: the coordinator closes a case (completed, unsuccessful with a reason code, or
 * withdrawn) — one row, written in the transaction that moves the case to completed/returned.
 * Unsuccessful and withdrawn cases then wait in the prosecutor's "returned" queue until the
 * prosecutor records the final action (declined to file, dismissed, refiled/charged) and any refile
 * window kept open; `version` guards that edit. Record status is derived from this row by
 * lib/domain/record-status.ts (Missouri rules as data).
 */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { jurisdictions } from './jurisdictions';
import { users } from './users';

export const closureOutcomeEnum = pgEnum('closure_outcome', ['completed', 'unsuccessful', 'withdrawn']);
export const unsuccessfulReasonEnum = pgEnum('unsuccessful_reason', ['repeated_no_shows', 'obligations_not_met', 'new_violent_referral', 'participant_request']);
export const finalActionEnum = pgEnum('final_action', ['declined_to_file', 'dismissed', 'refiled']);

export const caseClosures = pgTable(
  'case_closures',
  {
    caseId: uuid()
      .primaryKey()
      .references(() => cases.id),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    outcome: closureOutcomeEnum().notNull(),
    reasonCode: unsuccessfulReasonEnum(),
    /** The coordinator's written summary for the prosecutor (required unless completed). */
    summary: text().notNull().default(''),
    closedByUserId: uuid().references(() => users.id),
    closedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finalAction: finalActionEnum(),
    finalActionNote: text(),
    refileWindowUntil: date(),
    finalActionByUserId: uuid().references(() => users.id),
    finalActionAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('case_closures_queue_idx').on(t.jurisdictionId, t.closedAt).where(sql`${t.outcome} <> 'completed' and ${t.finalAction} is null`),
    check('case_closures_reason_iff_unsuccessful', sql`(${t.outcome} = 'unsuccessful') = (${t.reasonCode} is not null)`),
    check('case_closures_summary_when_returned', sql`${t.outcome} = 'completed' or length(btrim(${t.summary})) >= 10`),
    check('case_closures_final_action_time', sql`(${t.finalAction} is null) = (${t.finalActionAt} is null)`),
  ],
);

export type CaseClosure = typeof caseClosures.$inferSelect;
