/**
 * The offer to divert: an eligible case is offered to the participant, who must opt in by a
 * deadline (jurisdiction setting offerDeadlineDays, default 10). One row per offer; at most one is
 * open per case. It closes as accepted or declined (recorded by the participant on the portal or by
 * the coordinator on their behalf), expired (no answer by the deadline: the worker returns the case
 * with reason no_response), or withdrawn (the case moved on another way).
 */
import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { jurisdictions } from './jurisdictions';
import { roleEnum, users } from './users';

export const offerStatusEnum = pgEnum('offer_status', ['open', 'accepted', 'declined', 'expired', 'withdrawn']);
export type OfferStatus = (typeof offerStatusEnum.enumValues)[number];

export const caseOffers = pgTable(
  'case_offers',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    offeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deadlineAt: timestamp({ withTimezone: true }).notNull(),
    status: offerStatusEnum().notNull().default('open'),
    respondedAt: timestamp({ withTimezone: true }),
    respondedByUserId: uuid().references(() => users.id),
    /** participant: on the portal; coordinator: on the participant's behalf; null: the system. */
    respondedByRole: roleEnum(),
    note: text(),
  },
  (t) => [
    uniqueIndex('case_offers_one_open_key').on(t.caseId).where(sql`${t.status} = 'open'`),
    index('case_offers_open_deadline_idx').on(t.deadlineAt).where(sql`${t.status} = 'open'`),
    // Every offer of a case, whatever its status (the dashboard rollup asks "was it ever offered").
    index('case_offers_case_idx').on(t.caseId, t.status),
    check('case_offers_deadline_after_offer', sql`${t.deadlineAt} > ${t.offeredAt}`),
    check('case_offers_closed_has_time', sql`(${t.status} = 'open') = (${t.respondedAt} is null)`),
  ],
);

export type CaseOffer = typeof caseOffers.$inferSelect;
