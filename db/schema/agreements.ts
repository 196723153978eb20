/**
 * Agreements: what the board and the participant agree to, and the progress that proves it done.
 *
 * Lifecycle: an agreement is drafted on a case (by a coordinator or a volunteer of the case's board,
 * during or after the hearing) as version `number` 1, `draft`. Its items (obligations) are edited
 * while it is a draft; any edit clears signatures already given and bumps `version`. When the items
 * are over the jurisdiction's guardrails (lib/domain/agreement-rules.ts) a coordinator must approve
 * that exact version (`approved_version = version`) before anyone can sign. The participant and the
 * board chair sign (typed full name + time, on their own account or on the hearing device); with
 * both signatures it becomes `signed`. An amendment is a new row (number + 1, `amends_agreement_id`)
 * drafted from a signed one; when the amendment is signed the previous one becomes `superseded`.
 * Nothing is deleted: every version stays viewable.
 *
 * Items carry a `lineage_id` shared by the same obligation across versions, so progress logged
 * against version 1 still counts after an amendment. Progress entries are logged by the participant
 * (or a volunteer/coordinator on their behalf) and verified or rejected (with a reason) by a
 * volunteer of the board or a coordinator. Proof files are stored behind lib/storage; the row keeps
 * the checked type, size and hash.
 *
 * Templates: a board saves an item list under a name and starts new drafts from it.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { boards } from './boards';
import { cases } from './cases';
import { jurisdictions } from './jurisdictions';
import { PROOF_MAX_BYTES } from '../../lib/domain/proof-files';
import { localeEnum, roleEnum, users } from './users';

export const agreementItemKinds = [
  'community_service_hours',
  'treatment_assessment',
  'treatment_program',
  'support_meetings',
  'education_class',
  'restitution',
  'apology_letter',
  'reflection_letter',
  'check_in_hearing',
  'custom',
] as const;
export const agreementItemKindEnum = pgEnum('agreement_item_kind', agreementItemKinds);
export type AgreementItemKind = (typeof agreementItemKinds)[number];

export const agreementUnits = ['hours', 'cents', 'meetings', 'sessions', 'letters', 'hearings', 'items'] as const;
export const agreementUnitEnum = pgEnum('agreement_unit', agreementUnits);
export type AgreementUnit = (typeof agreementUnits)[number];

export const agreementStatusEnum = pgEnum('agreement_status', ['draft', 'signed', 'superseded']);
export type AgreementStatus = (typeof agreementStatusEnum.enumValues)[number];

export const signerRoleEnum = pgEnum('agreement_signer_role', ['participant', 'chair']);
export const signatureMethodEnum = pgEnum('agreement_signature_method', ['own_account', 'hearing_device']);
export const progressStatusEnum = pgEnum('progress_status', ['pending', 'verified', 'rejected']);
export type ProgressStatus = (typeof progressStatusEnum.enumValues)[number];

export const agreements = pgTable(
  'agreements',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    /** 1 for the first agreement, +1 for each amendment. */
    number: integer().notNull(),
    amendsAgreementId: uuid(),
    amendmentReason: text(),
    status: agreementStatusEnum().notNull().default('draft'),
    /** The participant's language when drafted: the PDF is printed in it. */
    language: localeEnum().notNull().default('en'),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    checkInOn: date().notNull(),
    /** Offense level the guardrails were computed for (from the case's charges). */
    offenseLevel: text().notNull(),
    approvedVersion: integer(),
    approvedByUserId: uuid().references(() => users.id),
    approvedAt: timestamp({ withTimezone: true }),
    approvalNote: text(),
    createdByUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    signedAt: timestamp({ withTimezone: true }),
    supersededAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('agreements_case_number_key').on(t.caseId, t.number),
    // One draft and one signed (current) agreement per case at a time.
    uniqueIndex('agreements_one_draft_key').on(t.caseId).where(sql`${t.status} = 'draft'`),
    uniqueIndex('agreements_one_current_key').on(t.caseId).where(sql`${t.status} = 'signed'`),
    index('agreements_jurisdiction_idx').on(t.jurisdictionId, t.status),
    check('agreements_number_positive', sql`${t.number} > 0`),
    check('agreements_dates_order', sql`${t.startsOn} <= ${t.checkInOn} and ${t.checkInOn} <= ${t.endsOn}`),
    check('agreements_amendment_has_reason', sql`(${t.amendsAgreementId} is null) = (${t.number} = 1) and (${t.amendsAgreementId} is null or length(btrim(coalesce(${t.amendmentReason}, ''))) >= 5)`),
    check('agreements_signed_time', sql`(${t.status} = 'draft') = (${t.signedAt} is null)`),
    check('agreements_superseded_time', sql`(${t.status} = 'superseded') = (${t.supersededAt} is not null)`),
    check('agreements_approval_complete', sql`(${t.approvedVersion} is null) = (${t.approvedByUserId} is null) and (${t.approvedVersion} is null) = (${t.approvedAt} is null)`),
    check('agreements_version_positive', sql`${t.version} > 0`),
  ],
);

export const agreementItems = pgTable(
  'agreement_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    agreementId: uuid()
      .notNull()
      .references(() => agreements.id),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    /** The same obligation across amendments (progress counts against the lineage). */
    lineageId: uuid().notNull(),
    position: integer().notNull(),
    kind: agreementItemKindEnum().notNull(),
    title: text().notNull(),
    details: text().notNull().default(''),
    targetQuantity: numeric({ precision: 10, scale: 2, mode: 'number' }).notNull(),
    unit: agreementUnitEnum().notNull(),
    /** Restitution only: the amount owed, and how it is paid. */
    amountCents: integer(),
    paymentPlan: text(),
    /** What the item costs the participant (fees default to $0). */
    costCents: integer().notNull().default(0),
    /** Required for every paid item (restitution or a cost): what they may do instead at no cost. */
    noCostAlternative: text(),
    dueOn: date().notNull(),
    verification: text().notNull(),
  },
  (t) => [
    unique('agreement_items_position_key').on(t.agreementId, t.position),
    unique('agreement_items_lineage_key').on(t.agreementId, t.lineageId),
    // Target of treatment_referrals' (agreement_item_id, case_id) foreign key: a referral can only
    // name an item of its own case.
    unique('agreement_items_id_case_key').on(t.id, t.caseId),
    index('agreement_items_case_idx').on(t.caseId),
    index('agreement_items_lineage_idx').on(t.lineageId),
    check('agreement_items_target_positive', sql`${t.targetQuantity} > 0`),
    check('agreement_items_cost_nonneg', sql`${t.costCents} >= 0`),
    check('agreement_items_title', sql`length(btrim(${t.title})) between 1 and 200`),
    check('agreement_items_verification', sql`length(btrim(${t.verification})) >= 3`),
    check('agreement_items_restitution_amount', sql`(${t.kind} = 'restitution') = (${t.amountCents} is not null) and (${t.amountCents} is null or (${t.amountCents} > 0 and ${t.unit} = 'cents' and ${t.targetQuantity} = ${t.amountCents}))`),
    check('agreement_items_paid_has_alternative', sql`(${t.costCents} = 0 and ${t.kind} <> 'restitution') or length(btrim(coalesce(${t.noCostAlternative}, ''))) >= 3`),
    check('agreement_items_hours_unit', sql`${t.kind} <> 'community_service_hours' or ${t.unit} = 'hours'`),
  ],
);

export const agreementSignatures = pgTable(
  'agreement_signatures',
  {
    id: uuid().primaryKey().defaultRandom(),
    agreementId: uuid()
      .notNull()
      .references(() => agreements.id),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    signerRole: signerRoleEnum().notNull(),
    typedName: text().notNull(),
    /** Whose session signed: the participant's or the chair's own account, or the hearing device's. */
    signedByUserId: uuid()
      .notNull()
      .references(() => users.id),
    method: signatureMethodEnum().notNull(),
    /** The agreement version the signature covers. */
    agreementVersion: integer().notNull(),
    signedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('agreement_signatures_role_key').on(t.agreementId, t.signerRole),
    check('agreement_signatures_name', sql`length(btrim(${t.typedName})) between 3 and 200`),
  ],
);

export const agreementTemplates = pgTable(
  'agreement_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    boardId: uuid()
      .notNull()
      .references(() => boards.id),
    name: text().notNull(),
    /** Item drafts without dates: [{ kind, title, details, targetQuantity, unit, ... dueDays }]. */
    items: jsonb().$type<AgreementTemplateItem[]>().notNull(),
    createdByUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('agreement_templates_board_name_key').on(t.boardId, t.name), check('agreement_templates_name', sql`length(btrim(${t.name})) between 1 and 100`)],
);

export type AgreementTemplateItem = {
  kind: AgreementItemKind;
  title: string;
  details: string;
  targetQuantity: number;
  unit: AgreementUnit;
  amountCents: number | null;
  paymentPlan: string | null;
  costCents: number;
  noCostAlternative: string | null;
  verification: string;
  /** Days from the agreement's start to the due date. */
  dueDays: number;
};

export const progressEntries = pgTable(
  'progress_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    itemId: uuid()
      .notNull()
      .references(() => agreementItems.id),
    lineageId: uuid().notNull(),
    occurredOn: date().notNull(),
    /** In the item's unit: hours, cents paid, meetings attended, letters handed in… */
    quantity: numeric({ precision: 10, scale: 2, mode: 'number' }).notNull(),
    place: text(),
    supervisorContact: text(),
    note: text().notNull().default(''),
    loggedByUserId: uuid()
      .notNull()
      .references(() => users.id),
    loggedByRole: roleEnum().notNull(),
    onBehalf: boolean().notNull().default(false),
    status: progressStatusEnum().notNull().default('pending'),
    reviewedByUserId: uuid().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true }),
    rejectionReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('progress_entries_item_idx').on(t.itemId),
    // A case's progress (the agreement page's totals, the case's log), read per case: without it
    // every agreement view scanned all progress entries (21 ms at 1M cases, growing with the table).
    index('progress_entries_case_idx').on(t.caseId, t.lineageId, t.status),
    index('progress_entries_lineage_idx').on(t.lineageId, t.status),
    index('progress_entries_pending_idx').on(t.jurisdictionId, t.status).where(sql`${t.status} = 'pending'`),
    check('progress_entries_quantity_positive', sql`${t.quantity} > 0`),
    check('progress_entries_reviewed', sql`(${t.status} = 'pending') = (${t.reviewedAt} is null) and (${t.status} = 'pending') = (${t.reviewedByUserId} is null)`),
    check('progress_entries_rejection_reason', sql`(${t.status} = 'rejected') = (length(btrim(coalesce(${t.rejectionReason}, ''))) >= 3)`),
  ],
);

export const proofContentTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type ProofContentType = (typeof proofContentTypes)[number];

export const proofFiles = pgTable(
  'proof_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    progressEntryId: uuid()
      .notNull()
      .references(() => progressEntries.id),
    /** Where lib/storage keeps the bytes; never derived from the uploaded name. */
    storageKey: text().notNull().unique(),
    /** Sniffed from the bytes, not taken from the browser. */
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    sha256: text().notNull(),
    originalName: text().notNull(),
    uploadedByUserId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('proof_files_entry_idx').on(t.progressEntryId),
    check('proof_files_type', sql`${t.contentType} in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')`),
    check('proof_files_size', sql`${t.byteSize} > 0 and ${t.byteSize} <= ${sql.raw(String(PROOF_MAX_BYTES))}`),
  ],
);

export type Agreement = typeof agreements.$inferSelect;
export type AgreementItem = typeof agreementItems.$inferSelect;
export type AgreementSignature = typeof agreementSignatures.$inferSelect;
export type AgreementTemplate = typeof agreementTemplates.$inferSelect;
export type ProgressEntry = typeof progressEntries.$inferSelect;
export type ProofFile = typeof proofFiles.$inferSelect;
