/**
 * Notices to people (reminders, confirmations, outcome letters) and how each person wants to be
 * reached.
 *
 * `outbox`: the transactional outbox. A write that should notify someone inserts rows here in its own
 * transaction (db/queries/outbox.ts `enqueueNotice`); nothing is sent from inside a request. The
 * worker (lib/notify/worker.ts) claims due rows with FOR UPDATE SKIP LOCKED and a lease, asks the
 * template's "still due?" resolver, renders, sends and records the provider's answer.
 * Lifecycle: pending → sending → sent | failed | skipped, back to pending for a retry with backoff
 * or a quiet-hours deferral; pending → cancelled (the thing it was about moved or ended) or
 * skipped (opt-out). A `sending` row whose lease expired (worker died) is claimed again; the
 * idempotency key goes to the provider so the second attempt cannot deliver twice.
 * Touched by: any data function that enqueues, the worker, the SMS webhook (STOP), coordinators
 * (retry a failed notice), admins (read the outbox).
 *
 * `contact_preferences`: per person (participant or user) which channels they accept. Missing row
 * = every channel on. Coordinators edit it; the worker reads it before every send.
 * `sms_opt_outs`: numbers that replied STOP (carrier rule: the opt-out belongs to the number, not
 * the person). Written by the inbound SMS webhook; START clears it.
 * `support_contacts`: someone a participant named (case worker, relative) who receives notices on
 * their behalf, e.g. when the participant has no phone. Coordinators add and end them.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { jurisdictions } from './jurisdictions';
import { participants } from './participants';
import { localeEnum, users } from './users';

export const noticeChannelEnum = pgEnum('notice_channel', ['email', 'sms', 'portal']);
export type NoticeChannel = (typeof noticeChannelEnum.enumValues)[number];

export const noticeStatusEnum = pgEnum('notice_status', ['pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled']);
export type NoticeStatus = (typeof noticeStatusEnum.enumValues)[number];

export const recipientKindEnum = pgEnum('notice_recipient_kind', ['participant', 'user', 'support_contact']);
export type RecipientKind = (typeof recipientKindEnum.enumValues)[number];

export type RenderedAttachment = { filename: string; contentType: string; content: string };

export const outbox = pgTable(
  'outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    caseId: uuid().references(() => cases.id),
    recipientKind: recipientKindEnum().notNull(),
    recipientId: uuid().notNull(),
    channel: noticeChannelEnum().notNull(),
    templateKey: text().notNull(),
    /** Input of the template; a resolver may replace it with fresh data at send time. */
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    locale: localeEnum().notNull().default('en'),
    /** What the notice is about (e.g. hearing + id), so a change there can cancel pending notices. */
    subjectType: text(),
    subjectId: text(),
    sendAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** One notice, once: unique, passed to the provider, which dedupes on it. */
    idempotencyKey: text().notNull(),
    status: noticeStatusEnum().notNull().default('pending'),
    /** Claims so far; the claim bumps it, so a row that keeps killing workers still runs out. */
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(6),
    leaseUntil: timestamp({ withTimezone: true }),
    leaseOwner: text(),
    /** Address used (E.164 phone or email), resolved at enqueue and again at send time. */
    toAddress: text(),
    /** demo | smtp | sms-http | portal: which transport took it (demo = stored, not really sent). */
    transport: text(),
    lastError: text(),
    /** Machine-readable reason for failed/skipped (no_address, opted_out, invalid_address, …). */
    lastErrorCode: text(),
    providerMessageId: text(),
    providerResponse: text(),
    renderedSubject: text(),
    renderedBody: text(),
    renderedAttachments: jsonb().$type<RenderedAttachment[]>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('outbox_idempotency_key').on(t.idempotencyKey),
    // The worker's two claim paths: due pending rows, and rows whose lease expired.
    index('outbox_due_idx').on(t.sendAfter).where(sql`${t.status} = 'pending'`),
    index('outbox_lease_idx').on(t.leaseUntil).where(sql`${t.status} = 'sending'`),
    index('outbox_case_idx').on(t.caseId, t.createdAt),
    index('outbox_subject_idx').on(t.subjectType, t.subjectId).where(sql`${t.status} = 'pending'`),
    index('outbox_jurisdiction_created_idx').on(t.jurisdictionId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('outbox_recipient_idx').on(t.recipientKind, t.recipientId, t.channel, t.createdAt),
    index('outbox_sms_to_pending_idx').on(t.toAddress).where(sql`${t.status} = 'pending' and ${t.channel} = 'sms'`),
    check('outbox_attempts_range', sql`${t.attempts} >= 0 and ${t.maxAttempts} > 0`),
    check('outbox_sent_has_time', sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
    check('outbox_sending_has_lease', sql`${t.status} <> 'sending' or ${t.leaseUntil} is not null`),
  ],
);

export const contactPreferences = pgTable(
  'contact_preferences',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    personKind: recipientKindEnum().notNull(),
    personId: uuid().notNull(),
    emailEnabled: boolean().notNull().default(true),
    smsEnabled: boolean().notNull().default(true),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedByUserId: uuid().references(() => users.id),
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex('contact_preferences_person_key').on(t.personKind, t.personId)],
);

export const smsOptOuts = pgTable(
  'sms_opt_outs',
  {
    /** E.164, e.g. +18165551000. */
    phone: text().primaryKey(),
    optedOut: boolean().notNull().default(true),
    optedOutAt: timestamp({ withTimezone: true }),
    optedInAt: timestamp({ withTimezone: true }),
    /** keyword (STOP/START reply) or coordinator. */
    source: text().notNull().default('keyword'),
    lastKeyword: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('sms_opt_outs_e164', sql`${t.phone} ~ '^\\+[1-9][0-9]{6,14}$'`)],
);

export const supportContacts = pgTable(
  'support_contacts',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    participantId: uuid()
      .notNull()
      .references(() => participants.id),
    name: text().notNull(),
    relationship: text().notNull(),
    phone: text(),
    email: text(),
    locale: localeEnum().notNull().default('en'),
    receivesNotices: boolean().notNull().default(true),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdByUserId: uuid().references(() => users.id),
    endedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('support_contacts_participant_idx').on(t.participantId),
    check('support_contacts_reachable', sql`${t.phone} is not null or ${t.email} is not null`),
  ],
);

export type Notice = typeof outbox.$inferSelect;
export type ContactPreference = typeof contactPreferences.$inferSelect;
export type SmsOptOut = typeof smsOptOuts.$inferSelect;
export type SupportContact = typeof supportContacts.$inferSelect;
