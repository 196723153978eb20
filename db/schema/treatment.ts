/**
 * Treatment providers, referrals and the 42 CFR Part 2 consent ledger.
 *
 * - treatment_providers: the jurisdiction's directory (coordinators add and retire entries; never
 *   deleted, so old referrals keep their provider).
 * - provider_liaisons: links one provider-role account to one provider; the liaison sees only
 *   referrals to that provider.
 * - treatment_referrals: a case referred to a provider. Status attestations only (no notes, no
 *   clinical content: there is no free-text column). Status moves along
 *   lib/domain/treatment-lifecycle.ts; the database checks each move against
 *   treatment_status_transitions (trigger, custom migration). `agreement_item_id` is the treatment
 *   item of the signed agreement the referral comes from (see the foreign key below).
 * - treatment_referral_events: every attestation (from → to, who, when), append-only.
 * - part2_consents (+ part2_consent_recipients): the participant's signed consent with every §2.31
 *   element; revoked by the participant, or by a coordinator on their written request; never edited
 *   otherwise. Recipients are the §2.35 kinds only.
 * - part2_disclosures: the accounting of disclosures — one row per display of treatment status to a
 *   recipient, written in the same request as the display; append-only (trigger).
 *
 * None of these rows is written to case_events (the case timeline is shown to prosecutors and
 * volunteers, so it would reveal that a referral exists); audit rows carry ids only.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agreementItems } from './agreements';
import { apiTokens } from './api-tokens';
import { boards } from './boards';
import { cases } from './cases';
import { jurisdictions } from './jurisdictions';
import { participants } from './participants';
import { localeEnum, roleEnum, users } from './users';

export const treatmentStatusEnum = pgEnum('treatment_status', ['referred', 'intake_scheduled', 'attended_intake', 'engaged', 'completed', 'discharged', 'declined']);
export const providerServiceEnum = pgEnum('provider_service', ['assessment', 'outpatient', 'intensive_outpatient', 'residential', 'medication', 'peer_support', 'recovery_housing']);
export const consentRecipientKindEnum = pgEnum('consent_recipient_kind', ['prosecutor_office', 'program', 'board']);
export const consentExpiryEventEnum = pgEnum('consent_expiry_event', ['final_disposition']);
export const consentRevokedByEnum = pgEnum('consent_revoked_by', ['participant', 'coordinator_on_written_request']);
export const disclosureChannelEnum = pgEnum('disclosure_channel', ['staff_case_page', 'board_case_page', 'api']);

export const treatmentProviders = pgTable(
  'treatment_providers',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    name: text().notNull(),
    services: providerServiceEnum().array().notNull(),
    /** ISO 639-1 codes of the languages clients are served in. */
    languages: text().array().notNull(),
    addressLine: text().notNull(),
    zip: text().notNull(),
    phone: text().notNull(),
    acceptingNewClients: boolean().notNull().default(true),
    acceptsMedicaid: boolean().notNull().default(false),
    slidingScale: boolean().notNull().default(false),
    /** Offers a no-cost option (grant-funded slots, county contract). */
    noCostOption: boolean().notNull().default(false),
    /** Cost and insurance in a line ("Medicaid, most private plans; sliding scale from $0"). */
    costNote: text().notNull().default(''),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('treatment_providers_name_key').on(t.jurisdictionId, sql`lower(${t.name})`),
    check('treatment_providers_zip_shape', sql`${t.zip} ~ '^[0-9]{5}$'`),
    check('treatment_providers_has_service', sql`cardinality(${t.services}) > 0`),
    check('treatment_providers_has_language', sql`cardinality(${t.languages}) > 0`),
    check('treatment_providers_name_nonblank', sql`length(btrim(${t.name})) > 0`),
  ],
);

export const providerLiaisons = pgTable('provider_liaisons', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id),
  providerId: uuid()
    .notNull()
    .references(() => treatmentProviders.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The allowed status moves, mirrored from lib/domain/treatment-lifecycle.ts (rows in the custom migration). */
export const treatmentStatusTransitions = pgTable(
  'treatment_status_transitions',
  {
    fromStatus: treatmentStatusEnum().notNull(),
    toStatus: treatmentStatusEnum().notNull(),
  },
  (t) => [primaryKey({ columns: [t.fromStatus, t.toStatus] })],
);

export const treatmentReferrals = pgTable(
  'treatment_referrals',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    providerId: uuid()
      .notNull()
      .references(() => treatmentProviders.id),
    /** The agreement item this referral fulfils (null: referred from the treatment panel, not an item). */
    agreementItemId: uuid(),
    status: treatmentStatusEnum().notNull().default('referred'),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    referredByUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    // One open referral per case and provider.
    uniqueIndex('treatment_referrals_open_key').on(t.caseId, t.providerId).where(sql`${t.status} not in ('completed', 'discharged', 'declined')`),
    index('treatment_referrals_provider_idx').on(t.providerId, t.createdAt),
    index('treatment_referrals_case_idx').on(t.caseId),
    // The item row (agreement_items.id), not its lineage: lineage_id is unique only within one
    // agreement version, so nothing could reference it, and the row is what the coordinator saw and
    // referred from (title, due date, that version's signatures). The lineage — and so the same
    // obligation in later amendments and its progress — is one join away. Paired with case_id so the
    // database itself refuses a referral linked to another case's item (MATCH SIMPLE: a null item is
    // not checked). No cascade: items of signed agreements are never deleted, and deleting a draft
    // item that a referral points at must fail rather than silently unlink it.
    foreignKey({ columns: [t.agreementItemId, t.caseId], foreignColumns: [agreementItems.id, agreementItems.caseId], name: 'treatment_referrals_agreement_item_fk' }),
    index('treatment_referrals_item_idx').on(t.agreementItemId).where(sql`${t.agreementItemId} is not null`),
    check('treatment_referrals_version_positive', sql`${t.version} > 0`),
  ],
);

export const treatmentReferralEvents = pgTable(
  'treatment_referral_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    referralId: uuid()
      .notNull()
      .references(() => treatmentReferrals.id),
    fromStatus: treatmentStatusEnum(),
    toStatus: treatmentStatusEnum().notNull(),
    actorUserId: uuid().references(() => users.id),
    actorRole: roleEnum(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('treatment_referral_events_referral_idx').on(t.referralId, t.occurredAt),
    // Creation (from null) or a move the lifecycle table allows.
    foreignKey({ columns: [t.fromStatus, t.toStatus], foreignColumns: [treatmentStatusTransitions.fromStatus, treatmentStatusTransitions.toStatus], name: 'treatment_referral_events_move_fk' }),
    check('treatment_referral_events_creation', sql`${t.fromStatus} is not null or ${t.toStatus} = 'referred'`),
  ],
);

const nonBlank = (name: string, col: unknown) => check(name, sql`length(btrim(${col})) > 0`);

export const part2Consents = pgTable(
  'part2_consents',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    participantId: uuid()
      .notNull()
      .references(() => participants.id),
    /** §2.31(a)(1)–(9), as the participant saw and signed them. */
    patientName: text().notNull(),
    discloser: text().notNull(),
    /** Null = every provider the case is referred to ("the treatment providers in my referral"). */
    providerId: uuid().references(() => treatmentProviders.id),
    information: text().notNull(),
    purpose: text().notNull(),
    revocation: text().notNull(),
    expiresOn: date(),
    expiryEvent: consentExpiryEventEnum(),
    signature: text().notNull(),
    signedOn: date().notNull(),
    signedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    signedByUserId: uuid()
      .notNull()
      .references(() => users.id),
    locale: localeEnum().notNull().default('en'),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: consentRevokedByEnum(),
    revokedByUserId: uuid().references(() => users.id),
    /** For a coordinator's revocation: the date and form of the participant's written request. */
    revocationRequest: text(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('part2_consents_case_idx').on(t.caseId),
    nonBlank('part2_consents_patient', t.patientName),
    nonBlank('part2_consents_discloser', t.discloser),
    nonBlank('part2_consents_information', t.information),
    nonBlank('part2_consents_purpose', t.purpose),
    nonBlank('part2_consents_revocation', t.revocation),
    nonBlank('part2_consents_signature', t.signature),
    check('part2_consents_expiry', sql`${t.expiresOn} is not null or ${t.expiryEvent} is not null`),
    check('part2_consents_expiry_after_signing', sql`${t.expiresOn} is null or ${t.expiresOn} > ${t.signedOn}`),
    check('part2_consents_revocation_whole', sql`(${t.revokedAt} is null) = (${t.revokedBy} is null)`),
    check('part2_consents_written_request', sql`${t.revokedBy} is distinct from 'coordinator_on_written_request' or length(btrim(coalesce(${t.revocationRequest}, ''))) > 0`),
  ],
);

export const part2ConsentRecipients = pgTable(
  'part2_consent_recipients',
  {
    consentId: uuid()
      .notNull()
      .references(() => part2Consents.id),
    kind: consentRecipientKindEnum().notNull(),
    /** The recipient by name, as on the signed consent ("Jackson County Prosecuting Attorney's Office"). */
    name: text().notNull(),
    /** For a board recipient, which board: the consent covers that board only, not the case's next one. */
    boardId: uuid().references(() => boards.id),
  },
  (t) => [
    primaryKey({ columns: [t.consentId, t.kind] }),
    nonBlank('part2_consent_recipients_name', t.name),
    check('part2_consent_recipients_board', sql`${t.boardId} is null or ${t.kind} = 'board'`),
  ],
);

/** One referral's status as a disclosure showed it: provider name, status, and the day it changed. */
export type DisclosedReferral = { provider: string; status: (typeof treatmentStatusEnum.enumValues)[number]; on: string };

export const part2Disclosures = pgTable(
  'part2_disclosures',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    consentId: uuid()
      .notNull()
      .references(() => part2Consents.id),
    recipientKind: consentRecipientKindEnum().notNull(),
    recipientUserId: uuid().references(() => users.id),
    recipientApiTokenId: uuid().references(() => apiTokens.id),
    recipientRole: roleEnum().notNull(),
    channel: disclosureChannelEnum().notNull(),
    /** What was shown: "referral status: <provider> — <status>" per referral, in plain words. */
    what: text().notNull(),
    /**
     * The same, as data, so the participant's accounting reads in their language (null on rows
     * written before it existed: those show `what`).
     */
    shown: jsonb().$type<DisclosedReferral[]>(),
    disclosedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('part2_disclosures_case_idx').on(t.caseId, t.disclosedAt),
    index('part2_disclosures_jurisdiction_idx').on(t.jurisdictionId, t.disclosedAt),
    check('part2_disclosures_recipient', sql`${t.recipientUserId} is not null or ${t.recipientApiTokenId} is not null`),
  ],
);

export type TreatmentProvider = typeof treatmentProviders.$inferSelect;
export type TreatmentReferral = typeof treatmentReferrals.$inferSelect;
export type Part2Consent = typeof part2Consents.$inferSelect;
export type Part2Disclosure = typeof part2Disclosures.$inferSelect;
