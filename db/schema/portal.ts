/**
 * The participant portal: how participants get in without a password, what they tell us about
 * their hearings, and the fairness survey.
 *
 * - `sign_in_codes`: one-time ways in for a participant account. `code` = 6 digits sent by SMS or
 *   email (10 minutes, at most 5 wrong tries), `invite` = a link token in an invitation (7 days),
 *   `letter` = a long code printed on a letter for someone without a phone (14 days). Only a hash
 *   is stored (HMAC with the server secret for the 6 digits; SHA-256 for the long tokens, which
 *   are looked up by hash). Single use: `used_at` is set in the statement that accepts it; a new
 *   code of the same kind retires older unused ones. Written by sign-in and coordinators; never
 *   deleted (a history of requests drives the rate limit).
 * - `hearing_confirmations`: "I will be there", one per hearing and hearing version (a moved
 *   hearing asks again). Written by the participant.
 * - `fairness_surveys`: five 1–5 answers + an optional comment after a held hearing; one per
 *   hearing (unique). No participant column: reported only as board averages of 11 or more.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { boards } from './boards';
import { hearings } from './hearings';
import { jurisdictions } from './jurisdictions';
import { participants } from './participants';
import { users } from './users';

export const signInCodeKindEnum = pgEnum('sign_in_code_kind', ['code', 'invite', 'letter']);
export type SignInCodeKind = (typeof signInCodeKindEnum.enumValues)[number];
export const signInCodeChannelEnum = pgEnum('sign_in_code_channel', ['sms', 'email', 'print']);
export type SignInCodeChannel = (typeof signInCodeChannelEnum.enumValues)[number];

export const signInCodes = pgTable(
  'sign_in_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: signInCodeKindEnum().notNull(),
    channel: signInCodeChannelEnum().notNull(),
    codeHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    /** Set when a newer code replaced it or too many wrong tries used it up. */
    retiredAt: timestamp({ withTimezone: true }),
    failedAttempts: integer().notNull().default(0),
    /** Who asked: the participant (null) or the coordinator who printed / sent it. */
    createdByUserId: uuid().references(() => users.id),
    ip: text(),
  },
  (t) => [
    index('sign_in_codes_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('sign_in_codes_hash_key').on(t.codeHash),
    check('sign_in_codes_expiry_after_start', sql`${t.expiresAt} > ${t.createdAt}`),
    check('sign_in_codes_failed_nonnegative', sql`${t.failedAttempts} >= 0`),
  ],
);

export const hearingConfirmations = pgTable(
  'hearing_confirmations',
  {
    id: uuid().primaryKey().defaultRandom(),
    hearingId: uuid()
      .notNull()
      .references(() => hearings.id),
    participantId: uuid()
      .notNull()
      .references(() => participants.id),
    /** hearings.sequence when confirmed: a moved hearing needs a new confirmation. */
    hearingSequence: integer().notNull(),
    confirmedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('hearing_confirmations_key').on(t.hearingId, t.hearingSequence)],
);

export const fairnessSurveys = pgTable(
  'fairness_surveys',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    boardId: uuid()
      .notNull()
      .references(() => boards.id),
    hearingId: uuid()
      .notNull()
      .references(() => hearings.id),
    respect: smallint().notNull(),
    neutrality: smallint().notNull(),
    voice: smallint().notNull(),
    understanding: smallint().notNull(),
    trust: smallint().notNull(),
    comment: text(),
    locale: text().notNull().default('en'),
    /** Day only: enough for a date filter, too coarse to line up with one hearing's record. */
    submittedOn: timestamp({ withTimezone: true, mode: 'date' }).notNull().default(sql`date_trunc('day', now())`),
  },
  (t) => [
    uniqueIndex('fairness_surveys_hearing_key').on(t.hearingId),
    index('fairness_surveys_board_idx').on(t.jurisdictionId, t.boardId),
    check(
      'fairness_surveys_scale',
      sql`${t.respect} between 1 and 5 and ${t.neutrality} between 1 and 5 and ${t.voice} between 1 and 5 and ${t.understanding} between 1 and 5 and ${t.trust} between 1 and 5`,
    ),
    check('fairness_surveys_comment_length', sql`${t.comment} is null or length(${t.comment}) <= 2000`),
  ],
);

export type SignInCode = typeof signInCodes.$inferSelect;
export type FairnessSurvey = typeof fairnessSurveys.$inferSelect;
