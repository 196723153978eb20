import 'server-only';
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  agreementItems,
  agreements,
  boards,
  caseAssignments,
  caseClosures,
  cases,
  jurisdictions,
  part2ConsentRecipients,
  part2Consents,
  part2Disclosures,
  participants,
  providerLiaisons,
  treatmentProviders,
  treatmentReferralEvents,
  treatmentReferrals,
  users,
} from '@/db/schema';
import { actorUserId, type Actor } from '@/lib/auth/actor';
import { consentWording, prosecutorOfficeName, recipientKinds, validateConsent, type ConsentDraft, type RecipientKind } from '@/lib/domain/part2-consent';
import { canMoveTreatment, treatmentStatuses, type TreatmentStatus } from '@/lib/domain/treatment-lifecycle';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { caseScope } from './case-scope';

/**
 * Treatment providers, referrals and the 42 CFR Part 2 consent ledger.
 *
 * The rule this file keeps: a recipient (prosecutor's office, program, board) learns NOTHING about
 * treatment — not even that a referral exists — unless an active consent names them; every time
 * they do see it, a disclosure row is written in the same transaction as the read
 * (`viewTreatmentAsRecipient`). Audit rows carry ids only, and the audit CSV export leaves them out
 * (TREATMENT_AUDIT_ENTITY_TYPES).
 */

// ── Provider directory ────────────────────────────────────────────────────────────────────────

const services = ['assessment', 'outpatient', 'intensive_outpatient', 'residential', 'medication', 'peer_support', 'recovery_housing'] as const;
export const providerServices = services;
const flag = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

export const providerSchema = z.object({
  name: z.string().trim().min(2, 'Give the provider’s name.').max(160),
  services: z.array(z.enum(services)).min(1, 'Choose at least one service.'),
  languages: z.array(z.string().trim().regex(/^[a-z]{2}$/, 'Use two-letter language codes, like en, es.')).min(1, 'Name at least one language, like en, es.').max(10),
  addressLine: z.string().trim().min(5, 'Enter the street address.').max(200),
  zip: z.string().trim().regex(/^\d{5}$/, 'ZIP must be 5 digits.'),
  phone: z.string().trim().min(7, 'Enter a phone number.').max(40),
  acceptingNewClients: flag.default(false),
  acceptsMedicaid: flag.default(false),
  slidingScale: flag.default(false),
  noCostOption: flag.default(false),
  costNote: z.string().trim().max(300).default(''),
});

/** The directory: coordinators (everything), volunteers (active ones, to refer). */
export async function listProviders(db: Db, actor: Actor, opts: { includeInactive?: boolean } = {}) {
  if (!can(actor.role, 'provider.manage') && !can(actor.role, 'treatment.refer')) throw new ForbiddenError();
  const rows = await db
    .select()
    .from(treatmentProviders)
    .where(and(eq(treatmentProviders.jurisdictionId, actor.jurisdictionId), opts.includeInactive && actor.role === 'coordinator' ? undefined : eq(treatmentProviders.active, true)))
    .orderBy(asc(treatmentProviders.name));
  const liaisons = rows.length
    ? await db
        .select({ providerId: providerLiaisons.providerId, userId: users.id, name: users.name, email: users.email })
        .from(providerLiaisons)
        .innerJoin(users, eq(users.id, providerLiaisons.userId))
        .where(inArray(providerLiaisons.providerId, rows.map((r) => r.id)))
    : [];
  return rows.map((r) => ({ ...r, liaisons: actor.role === 'coordinator' ? liaisons.filter((l) => l.providerId === r.id) : [] }));
}

export async function createProvider(db: Db, actor: Actor, input: z.input<typeof providerSchema>) {
  if (!can(actor.role, 'provider.manage')) throw new ForbiddenError();
  const v = providerSchema.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(treatmentProviders)
      .values({ ...v, languages: [...new Set(v.languages)], jurisdictionId: actor.jurisdictionId })
      .returning({ id: treatmentProviders.id, version: treatmentProviders.version });
    await writeAudit(tx, actor, { action: 'treatment.provider.create', entityType: 'treatment_provider', entityId: row.id });
    return row;
  });
}

export async function setProviderStatus(db: Db, actor: Actor, input: { providerId: string; field: 'active' | 'acceptingNewClients'; value: boolean }) {
  if (!can(actor.role, 'provider.manage')) throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(treatmentProviders)
      .set({ [input.field]: input.value, version: sql`${treatmentProviders.version} + 1` })
      .where(and(eq(treatmentProviders.id, input.providerId), eq(treatmentProviders.jurisdictionId, actor.jurisdictionId)))
      .returning({ id: treatmentProviders.id, version: treatmentProviders.version });
    if (!row) throw new NotFoundError('That provider');
    await writeAudit(tx, actor, { action: 'treatment.provider.update', entityType: 'treatment_provider', entityId: row.id, details: { [input.field]: input.value } });
    return row;
  });
}

/** Provider-role accounts of the jurisdiction, with the provider each is linked to (if any). */
export async function listProviderAccounts(db: Db, actor: Actor) {
  if (!can(actor.role, 'provider.manage')) throw new ForbiddenError();
  return db
    .select({ userId: users.id, name: users.name, email: users.email, providerId: providerLiaisons.providerId })
    .from(users)
    .leftJoin(providerLiaisons, eq(providerLiaisons.userId, users.id))
    .where(and(eq(users.jurisdictionId, actor.jurisdictionId), eq(users.role, 'provider'), eq(users.active, true)))
    .orderBy(asc(users.name));
}

/** Link a provider-role account to one provider of the jurisdiction (re-linking moves it). */
export async function linkLiaison(db: Db, actor: Actor, input: { providerId: string; userId: string }) {
  if (!can(actor.role, 'provider.manage')) throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const [p] = await tx.select({ id: treatmentProviders.id }).from(treatmentProviders).where(and(eq(treatmentProviders.id, input.providerId), eq(treatmentProviders.jurisdictionId, actor.jurisdictionId)));
    const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, input.userId), eq(users.jurisdictionId, actor.jurisdictionId), eq(users.role, 'provider')));
    if (!p || !u) throw new NotFoundError('That provider or account');
    await tx.insert(providerLiaisons).values({ userId: u.id, providerId: p.id }).onConflictDoUpdate({ target: providerLiaisons.userId, set: { providerId: p.id, createdAt: new Date() } });
    await writeAudit(tx, actor, { action: 'treatment.provider.liaison', entityType: 'treatment_provider', entityId: p.id, details: { userId: u.id } });
    return { providerId: p.id, userId: u.id };
  });
}

// ── Referrals ─────────────────────────────────────────────────────────────────────────────────

/** Case statuses in which the program may refer to treatment (the participant is in the program). */
const REFERRABLE = ['accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress'] as const;
/** Whether a case in this status can be referred (screens offer the form only then). */
export const isReferrableStatus = (status: string) => (REFERRABLE as readonly string[]).includes(status);
export const isReferrableItemKind = (kind: string) => (REFERRABLE_ITEM_KINDS as readonly string[]).includes(kind);

/** Agreement items a referral may come from: the ones a clinician fills in ("assessment, then as a clinician recommends"). */
export const REFERRABLE_ITEM_KINDS = ['treatment_assessment', 'treatment_program'] as const;

export const referTreatmentSchema = z.object({
  caseId: z.uuid({ error: 'Choose a case.' }),
  providerId: z.uuid({ error: 'Choose a provider.' }),
  agreementItemId: z.union([z.uuid({ error: 'Choose an item of the agreement.' }), z.literal('')]).optional(),
});

/**
 * Refer a case to a provider: a coordinator of the jurisdiction, or a volunteer on the case's
 * board. The referral itself is the program's record (no clinical content); what the provider
 * attests afterwards reaches recipients only under consent.
 *
 * From an agreement item: the item must be a treatment item of the case's signed agreement, in the
 * actor's jurisdiction — any other id (another case's, another jurisdiction's, made up) is "not
 * found", so the answer never confirms that an id exists elsewhere. The foreign key re-checks the
 * case. Like every treatment write, it leaves no case_events row: the case timeline is read by
 * prosecutors and volunteers, and an entry there would disclose that a referral exists (§2.13).
 */
export async function referToTreatment(db: Db, actor: Actor, input: z.input<typeof referTreatmentSchema>, now = new Date()) {
  if (!can(actor.role, 'treatment.refer')) throw new ForbiddenError();
  const v = referTreatmentSchema.parse(input);
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ id: cases.id, status: cases.status, jurisdictionId: cases.jurisdictionId }).from(cases).where(and(eq(cases.id, v.caseId), caseScope(actor)));
    if (!c) throw new NotFoundError('That case');
    if (!isReferrableStatus(c.status)) throw new RuleError('A treatment referral can be made only while the participant is in the program.');
    // The item before the provider: an item out of scope must answer "not found" whatever else is wrong.
    const itemId = v.agreementItemId ? await referrableItem(tx, actor, c.id, v.agreementItemId) : null;
    const [p] = await tx
      .select({ id: treatmentProviders.id, accepting: treatmentProviders.acceptingNewClients })
      .from(treatmentProviders)
      .where(and(eq(treatmentProviders.id, v.providerId), eq(treatmentProviders.jurisdictionId, c.jurisdictionId), eq(treatmentProviders.active, true)));
    if (!p) throw new RuleError('Choose a provider from the directory.', { providerId: ['Choose a provider from the directory.'] });
    if (!p.accepting) throw new RuleError('That provider is not accepting new clients. Choose another.', { providerId: ['Not accepting new clients.'] });
    const [open] = await tx
      .select({ id: treatmentReferrals.id })
      .from(treatmentReferrals)
      .where(and(eq(treatmentReferrals.caseId, c.id), eq(treatmentReferrals.providerId, p.id), sql`${treatmentReferrals.status} not in ('completed', 'discharged', 'declined')`));
    if (open) throw new RuleError('This case already has an open referral to that provider.', { providerId: ['Already referred.'] });
    const [row] = await tx
      .insert(treatmentReferrals)
      .values({ jurisdictionId: c.jurisdictionId, caseId: c.id, providerId: p.id, agreementItemId: itemId, referredByUserId: actorUserId(actor), statusChangedAt: now, createdAt: now })
      .returning({ id: treatmentReferrals.id, version: treatmentReferrals.version });
    await tx.insert(treatmentReferralEvents).values({ referralId: row.id, fromStatus: null, toStatus: 'referred', actorUserId: actorUserId(actor), actorRole: actor.role, occurredAt: now });
    await writeAudit(tx, actor, { action: 'treatment.referral.create', entityType: 'treatment_referral', entityId: row.id, details: itemId ? { agreementItemId: itemId } : undefined });
    return row;
  });
}

/** The item a referral comes from, scoped to the case (already in the actor's scope) and jurisdiction. */
async function referrableItem(tx: Db, actor: Actor, caseId: string, itemId: string) {
  const [item] = await tx
    .select({ id: agreementItems.id, kind: agreementItems.kind, agreementStatus: agreements.status })
    .from(agreementItems)
    .innerJoin(agreements, eq(agreements.id, agreementItems.agreementId))
    .where(and(eq(agreementItems.id, itemId), eq(agreementItems.caseId, caseId), eq(agreementItems.jurisdictionId, actor.jurisdictionId)));
  if (!item) throw new NotFoundError('That agreement item');
  if (!isReferrableItemKind(item.kind)) throw new RuleError('Only a treatment assessment or treatment program item leads to a referral.', { agreementItemId: ['Not a treatment item.'] });
  // A draft can still change or lose the item, and a superseded version is history: refer from
  // what the participant and chair signed (the current version carries the same lineage).
  if (item.agreementStatus !== 'signed') throw new RuleError('Refer from the signed agreement: this item is in a draft or an older version.', { agreementItemId: ['Not in the signed agreement.'] });
  return item.id;
}

/** The provider a liaison account speaks for (null when not linked yet). */
export async function getLiaisonProvider(db: Db, actor: Actor) {
  if (!can(actor.role, 'referral.listOwnOrg')) throw new ForbiddenError();
  const [p] = await db
    .select({ id: treatmentProviders.id, name: treatmentProviders.name })
    .from(providerLiaisons)
    .innerJoin(treatmentProviders, eq(treatmentProviders.id, providerLiaisons.providerId))
    .where(and(eq(providerLiaisons.userId, actor.userId), eq(treatmentProviders.jurisdictionId, actor.jurisdictionId)));
  return p ?? null;
}

/** Referrals to the liaison's own provider only: who to contact for intake, and the status. */
export async function listReferralsForProvider(db: Db, actor: Actor) {
  if (!can(actor.role, 'referral.listOwnOrg')) {
    await writeAudit(db, actor, { action: 'treatment.read', outcome: 'denied', entityType: 'treatment_provider', details: { channel: 'provider_page', reason: 'role' } });
    throw new ForbiddenError();
  }
  const rows = await db
    .select({
      id: treatmentReferrals.id,
      status: treatmentReferrals.status,
      statusChangedAt: treatmentReferrals.statusChangedAt,
      createdAt: treatmentReferrals.createdAt,
      version: treatmentReferrals.version,
      firstName: participants.firstName,
      lastName: participants.lastName,
      phone: participants.phone,
      preferredLanguage: participants.preferredLanguage,
    })
    .from(treatmentReferrals)
    .innerJoin(providerLiaisons, and(eq(providerLiaisons.providerId, treatmentReferrals.providerId), eq(providerLiaisons.userId, actor.userId)))
    .innerJoin(cases, eq(cases.id, treatmentReferrals.caseId))
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(eq(treatmentReferrals.jurisdictionId, actor.jurisdictionId))
    .orderBy(desc(treatmentReferrals.createdAt));
  // The liaison sees each referral's status: a read of treatment status, on record with the ids shown.
  const [link] = await db.select({ providerId: providerLiaisons.providerId }).from(providerLiaisons).where(eq(providerLiaisons.userId, actor.userId));
  await writeAudit(db, actor, { action: 'treatment.read', entityType: 'treatment_provider', entityId: link?.providerId, details: { channel: 'provider_page', referrals: rows.map((r) => r.id) } });
  return rows;
}

export const attestSchema = z.object({
  referralId: z.uuid({ error: 'Choose a referral.' }),
  to: z.enum(treatmentStatuses, { error: 'Choose the new status.' }),
  version: z.coerce.number().int().positive(),
});

/** The provider's liaison records an attestation on a referral to their own organisation. */
export async function attestTreatmentStatus(db: Db, actor: Actor, input: z.input<typeof attestSchema>, now = new Date()) {
  if (!can(actor.role, 'treatment.attest')) throw new ForbiddenError();
  const v = attestSchema.parse(input);
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select({ id: treatmentReferrals.id, status: treatmentReferrals.status, version: treatmentReferrals.version })
      .from(treatmentReferrals)
      .innerJoin(providerLiaisons, and(eq(providerLiaisons.providerId, treatmentReferrals.providerId), eq(providerLiaisons.userId, actor.userId)))
      .where(and(eq(treatmentReferrals.id, v.referralId), eq(treatmentReferrals.jurisdictionId, actor.jurisdictionId)));
    if (!r) throw new NotFoundError('That referral');
    if (r.version !== v.version) throw new ConflictError();
    if (!canMoveTreatment(r.status, v.to)) throw new RuleError(`A referral that is “${r.status.replaceAll('_', ' ')}” cannot become “${v.to.replaceAll('_', ' ')}”.`, { to: ['Not a next step from the current status.'] });
    const [row] = await tx
      .update(treatmentReferrals)
      .set({ status: v.to, statusChangedAt: now, version: sql`${treatmentReferrals.version} + 1` })
      .where(and(eq(treatmentReferrals.id, r.id), eq(treatmentReferrals.version, v.version)))
      .returning({ id: treatmentReferrals.id, version: treatmentReferrals.version, status: treatmentReferrals.status });
    if (!row) throw new ConflictError();
    await tx.insert(treatmentReferralEvents).values({ referralId: r.id, fromStatus: r.status, toStatus: v.to, actorUserId: actorUserId(actor), actorRole: actor.role, occurredAt: now });
    await writeAudit(tx, actor, { action: 'treatment.referral.attest', entityType: 'treatment_referral', entityId: r.id });
    return row;
  });
}

// ── Consent ledger ────────────────────────────────────────────────────────────────────────────

/** The participant's own case that treatment pages are about (their newest case). */
async function ownCase(db: Db, actor: Actor, caseId?: string) {
  const [c] = await db
    .select({
      id: cases.id,
      jurisdictionId: cases.jurisdictionId,
      participantId: cases.participantId,
      firstName: participants.firstName,
      lastName: participants.lastName,
      jurisdictionName: jurisdictions.name,
      settings: jurisdictions.settings,
      timeZone: jurisdictions.timeZone,
      boardId: boards.id,
      boardName: boards.name,
    })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .leftJoin(caseAssignments, and(eq(caseAssignments.caseId, cases.id), isNull(caseAssignments.endedAt)))
    .leftJoin(boards, eq(boards.id, caseAssignments.boardId))
    .where(and(caseScope(actor), caseId ? eq(cases.id, caseId) : undefined))
    .orderBy(desc(cases.referredAt))
    .limit(1);
  return c ?? null;
}

const localDate = (d: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/** What the consent form shows: every element prefilled except the choices and the signature. */
export async function getConsentForm(db: Db, actor: Actor, locale: 'en' | 'es', now = new Date()) {
  if (!can(actor.role, 'consent.sign')) throw new ForbiddenError();
  const c = await ownCase(db, actor);
  if (!c) return null;
  const providers = await db
    .selectDistinct({ id: treatmentProviders.id, name: treatmentProviders.name })
    .from(treatmentReferrals)
    .innerJoin(treatmentProviders, eq(treatmentProviders.id, treatmentReferrals.providerId))
    .where(eq(treatmentReferrals.caseId, c.id));
  // The board is named by the consent, and only that board: its id is kept so a case moved to
  // another board does not carry the consent over to people the participant never named.
  const recipients: { kind: RecipientKind; name: string; boardId?: string }[] = [
    { kind: 'prosecutor_office', name: prosecutorOfficeName(c.jurisdictionName, locale) },
    { kind: 'program', name: `${c.settings.programName} (${locale === 'es' ? 'coordinación del programa' : 'program coordinators'})` },
    ...(c.boardName && c.boardId ? [{ kind: 'board' as const, name: c.boardName, boardId: c.boardId }] : []),
  ];
  return {
    caseId: c.id,
    patientName: `${c.firstName} ${c.lastName}`,
    providers,
    recipients,
    today: localDate(now, c.timeZone),
    wording: consentWording(locale, { providerName: null, programName: c.settings.programName, programPhone: c.settings.helpPhone }),
  };
}

export const signConsentSchema = z.object({
  caseId: z.uuid(),
  providerId: z.union([z.uuid(), z.literal('')]).default(''),
  recipients: z.array(z.enum(recipientKinds)).default([]),
  expiry: z.enum(['final_disposition', 'date'], { error: 'Choose when the consent ends.' }),
  expiresOn: z.union([z.iso.date({ error: 'Use a date like 2027-06-30.' }), z.literal('')]).default(''),
  signature: z.string().max(200).default(''),
  locale: z.enum(['en', 'es']).default('en'),
});

const consentFieldOf: Record<string, string> = { recipients: 'recipients', expiry: 'expiresOn', signature: 'signature' };

/**
 * The participant signs a consent. The server builds every §2.31 element from the record and the
 * standard wording; the participant chooses recipients, expiry and provider scope, and types their
 * full name. `validateConsent` refuses anything missing (and the database re-checks).
 */
export async function signConsent(db: Db, actor: Actor, input: z.input<typeof signConsentSchema>, now = new Date()) {
  if (!can(actor.role, 'consent.sign')) throw new ForbiddenError();
  const v = signConsentSchema.parse(input);
  return db.transaction(async (tx) => {
    const c = await ownCase(tx, actor, v.caseId);
    if (!c) throw new NotFoundError('That case');
    const form = await getConsentForm(tx, actor, v.locale, now);
    if (!form || form.caseId !== c.id) throw new NotFoundError('That case');
    const provider = v.providerId ? form.providers.find((p) => p.id === v.providerId) : null;
    if (v.providerId && !provider) throw new RuleError('Choose one of the providers in your referral.', { providerId: ['Choose one of the providers in your referral.'] }, 'chooseReferralProvider');
    const wording = consentWording(v.locale, { providerName: provider?.name ?? null, programName: c.settings.programName, programPhone: c.settings.helpPhone });
    const draft: ConsentDraft = {
      patientName: form.patientName,
      discloser: wording.discloser,
      information: wording.information,
      recipients: form.recipients.filter((r) => v.recipients.includes(r.kind)),
      purpose: wording.purpose,
      revocation: wording.revocation,
      expiresOn: v.expiry === 'date' ? v.expiresOn || null : null,
      expiryEvent: v.expiry === 'final_disposition' ? 'final_disposition' : null,
      signature: v.signature,
      signedOn: form.today,
    };
    const problems = validateConsent(draft);
    if (v.expiry === 'date' && !v.expiresOn) problems.expiry = 'missing';
    if (Object.keys(problems).length) {
      const messages: Record<string, string> = {
        missing: 'This is required.',
        signatureMismatch: `Type your full name exactly as shown: ${form.patientName}.`,
        recipientsNotAllowed: 'Choose only the recipients listed.',
        expiryBeforeSigning: 'The end date must be after today.',
        badDate: 'Use a date like 2027-06-30.',
      };
      const fieldErrors: Record<string, string[]> = {};
      for (const [el, p] of Object.entries(problems)) (fieldErrors[consentFieldOf[el] ?? '_form'] ??= []).push(p === 'missing' && el === 'recipients' ? 'Choose at least one recipient.' : messages[p]);
      throw new RuleError('The consent is not complete, so it was not recorded.', fieldErrors, 'consentIncomplete');
    }
    const [row] = await tx
      .insert(part2Consents)
      .values({
        jurisdictionId: c.jurisdictionId,
        caseId: c.id,
        participantId: c.participantId,
        patientName: draft.patientName,
        discloser: draft.discloser,
        providerId: provider?.id ?? null,
        information: draft.information,
        purpose: draft.purpose,
        revocation: draft.revocation,
        expiresOn: draft.expiresOn,
        expiryEvent: draft.expiryEvent,
        signature: draft.signature.trim(),
        signedOn: draft.signedOn!,
        signedAt: now,
        signedByUserId: actor.userId,
        locale: v.locale,
      })
      .returning({ id: part2Consents.id, version: part2Consents.version });
    await tx.insert(part2ConsentRecipients).values(form.recipients.filter((r) => v.recipients.includes(r.kind)).map((r) => ({ consentId: row.id, kind: r.kind, name: r.name, boardId: r.boardId ?? null })));
    await writeAudit(tx, actor, { action: 'treatment.consent.sign', entityType: 'part2_consent', entityId: row.id });
    return row;
  });
}

export const revokeConsentSchema = z.object({
  consentId: z.uuid(),
  version: z.coerce.number().int().positive(),
  writtenRequest: z.string().trim().max(300).default(''),
});

/** Revocation: the participant on their own consent, or a coordinator on the participant's written request. */
export async function revokeConsent(db: Db, actor: Actor, input: z.input<typeof revokeConsentSchema>, now = new Date()) {
  if (!can(actor.role, 'consent.revoke')) throw new ForbiddenError();
  const v = revokeConsentSchema.parse(input);
  if (actor.role === 'coordinator' && v.writtenRequest.length < 5) {
    throw new RuleError('Say when and how the participant asked in writing (for example, “letter dated 2026-11-20”).', { writtenRequest: ['Describe the written request.'] });
  }
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select({ id: part2Consents.id, version: part2Consents.version, revokedAt: part2Consents.revokedAt })
      .from(part2Consents)
      .innerJoin(cases, eq(cases.id, part2Consents.caseId))
      .where(and(eq(part2Consents.id, v.consentId), caseScope(actor)));
    if (!c) throw new NotFoundError('That consent');
    if (c.revokedAt) throw new RuleError('This consent is already revoked.', {}, 'consentAlreadyRevoked');
    if (c.version !== v.version) throw new ConflictError();
    const [row] = await tx
      .update(part2Consents)
      .set({
        revokedAt: now,
        revokedBy: actor.role === 'participant' ? 'participant' : 'coordinator_on_written_request',
        revokedByUserId: actorUserId(actor),
        revocationRequest: actor.role === 'participant' ? null : v.writtenRequest,
        version: sql`${part2Consents.version} + 1`,
      })
      .where(and(eq(part2Consents.id, c.id), eq(part2Consents.version, v.version)))
      .returning({ id: part2Consents.id, version: part2Consents.version });
    if (!row) throw new ConflictError();
    await writeAudit(tx, actor, { action: 'treatment.consent.revoke', entityType: 'part2_consent', entityId: c.id });
    return row;
  });
}

/** Final disposition of the case: completed, or the prosecutor's final action on a returned case. */
const finalDisposition = (caseIdCol: SQL | typeof cases.id) =>
  sql`exists (select 1 from ${caseClosures} cc where cc.case_id = ${caseIdCol} and (cc.outcome = 'completed' or cc.final_action is not null))`;

/** The consents of a case (ledger), for the participant (own) and coordinators; with recipients and whether each is in force. */
export async function listConsents(db: Db, actor: Actor, caseId?: string, now = new Date()) {
  if (!can(actor.role, 'consent.revoke') && !can(actor.role, 'treatment.readOwn')) throw new ForbiddenError();
  const rows = await db
    .select({
      consent: part2Consents,
      timeZone: jurisdictions.timeZone,
      disposed: sql<boolean>`${finalDisposition(cases.id)}`,
      providerName: treatmentProviders.name,
    })
    .from(part2Consents)
    .innerJoin(cases, eq(cases.id, part2Consents.caseId))
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .leftJoin(treatmentProviders, eq(treatmentProviders.id, part2Consents.providerId))
    .where(and(caseScope(actor), caseId ? eq(cases.id, caseId) : undefined))
    .orderBy(desc(part2Consents.signedAt));
  const recips = rows.length ? await db.select().from(part2ConsentRecipients).where(inArray(part2ConsentRecipients.consentId, rows.map((r) => r.consent.id))) : [];
  return rows.map((r) => {
    const c = r.consent;
    const today = localDate(now, r.timeZone);
    const inForce = !c.revokedAt && (!c.expiresOn || c.expiresOn >= today) && !(c.expiryEvent === 'final_disposition' && r.disposed);
    return { ...c, providerName: r.providerName, inForce, recipients: recips.filter((x) => x.consentId === c.id).map((x) => ({ kind: x.kind, name: x.name })) };
  });
}

// ── What recipients see ───────────────────────────────────────────────────────────────────────

const recipientKindOf: Partial<Record<Actor['role'], RecipientKind>> = { prosecutor: 'prosecutor_office', coordinator: 'program', volunteer: 'board' };

export type RecipientTreatmentView = {
  consentId: string;
  recipientKind: RecipientKind;
  referrals: { id: string; providerName: string; status: TreatmentStatus; statusChangedAt: Date }[];
};

/**
 * Treatment status as a recipient may see it, or null — and null tells nothing: no consent, no
 * referral, case out of scope and (for the prosecutor's office) final disposition all look the same.
 * When something is shown, the disclosure is recorded in the same transaction.
 */
export async function viewTreatmentAsRecipient(
  db: Db,
  actor: Actor,
  caseId: string,
  channel: 'staff_case_page' | 'board_case_page' | 'api',
  now = new Date(),
): Promise<RecipientTreatmentView | null> {
  const kind = recipientKindOf[actor.role];
  const validId = z.uuid().safeParse(caseId).success;
  // Every refused read is on record too (issue 9): who, which case, why. The reason is for the
  // audit log only (admins, never exported); the caller still gets the same null whatever it is.
  const refuse = async (tx: Db, reason: 'role' | 'not_found' | 'no_consent') => {
    await writeAudit(tx, actor, { action: 'treatment.read', outcome: 'denied', entityType: 'treatment_status', entityId: caseId.slice(0, 64), details: { channel, reason } });
    return null;
  };
  if (!kind || !can(actor.role, 'treatment.readWithConsent')) return refuse(db, 'role');
  if (!validId) return refuse(db, 'not_found');
  // One read answers both "is the case in scope" and "which consent names this recipient". Under
  // READ COMMITTED a transaction would not hold the consent still between statements anyway, so the
  // transaction below opens only when something is disclosed (the common "no consent" path is two
  // statements, not five).
  const today = sql`(${now.toISOString()}::timestamptz at time zone ${jurisdictions.timeZone})::date`;
  const consentInForce = db
    .select({ id: part2Consents.id, providerId: part2Consents.providerId })
    .from(part2Consents)
    .innerJoin(
      part2ConsentRecipients,
      and(
        eq(part2ConsentRecipients.consentId, part2Consents.id),
        eq(part2ConsentRecipients.kind, kind),
        // A board recipient is the board the consent named: if the case has moved to another
        // board since, that board's volunteers are not covered (42 CFR 2.31(a)(4)).
        kind === 'board'
          ? sql`${part2ConsentRecipients.boardId} = (select ${caseAssignments.boardId} from ${caseAssignments} where ${caseAssignments.caseId} = ${cases.id} and ${caseAssignments.endedAt} is null limit 1)`
          : undefined,
      ),
    )
    .where(
      and(
        eq(part2Consents.caseId, cases.id),
        isNull(part2Consents.revokedAt),
        sql`${part2Consents.signedAt} <= ${now.toISOString()}::timestamptz`,
        or(isNull(part2Consents.expiresOn), sql`${part2Consents.expiresOn} >= ${today}`),
        // Expiry event, and for the prosecutor's office access ends at final disposition whatever the consent says.
        kind === 'prosecutor_office' ? sql`not ${finalDisposition(cases.id)}` : sql`(${part2Consents.expiryEvent} is null or not ${finalDisposition(cases.id)})`,
      ),
    )
    .orderBy(desc(part2Consents.signedAt))
    .limit(1)
    .as('consent');
  const [found] = await db
    .select({ caseId: cases.id, jurisdictionId: cases.jurisdictionId, consentId: consentInForce.id, providerId: consentInForce.providerId })
    .from(cases)
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .leftJoinLateral(consentInForce, sql`true`)
    .where(and(eq(cases.id, caseId), caseScope(actor)));
  if (!found) return refuse(db, 'not_found');
  if (!found.consentId) return refuse(db, 'no_consent');
  const consent = { id: found.consentId, providerId: found.providerId, caseId: found.caseId, jurisdictionId: found.jurisdictionId };
  return db.transaction(async (tx) => {
    const referrals = await tx
      .select({ id: treatmentReferrals.id, providerName: treatmentProviders.name, status: treatmentReferrals.status, statusChangedAt: treatmentReferrals.statusChangedAt })
      .from(treatmentReferrals)
      .innerJoin(treatmentProviders, eq(treatmentProviders.id, treatmentReferrals.providerId))
      .where(and(eq(treatmentReferrals.caseId, consent.caseId), consent.providerId ? eq(treatmentReferrals.providerId, consent.providerId) : undefined))
      .orderBy(asc(treatmentReferrals.createdAt));
    if (referrals.length === 0) {
      // A consent but nothing (in its provider scope) to show: allowed, and nothing was disclosed.
      await writeAudit(tx, actor, { action: 'treatment.read', entityType: 'treatment_status', entityId: consent.caseId, jurisdictionId: consent.jurisdictionId, details: { channel, consentId: consent.id, referrals: [] } });
      return null;
    }
    await writeAudit(tx, actor, {
      action: 'treatment.read',
      entityType: 'treatment_status',
      entityId: consent.caseId,
      jurisdictionId: consent.jurisdictionId,
      details: { channel, consentId: consent.id, recipientKind: kind, referrals: referrals.map((r) => r.id) },
    });
    await tx.insert(part2Disclosures).values({
      jurisdictionId: consent.jurisdictionId,
      caseId: consent.caseId,
      consentId: consent.id,
      recipientKind: kind,
      recipientUserId: actorUserId(actor),
      recipientApiTokenId: actor.apiToken?.id ?? null,
      recipientRole: actor.role,
      channel,
      what: referrals.map((r) => `referral status: ${r.providerName} — ${r.status.replaceAll('_', ' ')} (${r.statusChangedAt.toISOString().slice(0, 10)})`).join('; '),
      shown: referrals.map((r) => ({ provider: r.providerName, status: r.status, on: r.statusChangedAt.toISOString().slice(0, 10) })),
      disclosedAt: now,
    });
    return { consentId: consent.id, recipientKind: kind, referrals };
  });
}

// ── The participant's own view and the accounting of disclosures ────────────────────────────

/** Everything about the participant's own treatment referrals, in full. */
export async function getOwnTreatment(db: Db, actor: Actor) {
  if (!can(actor.role, 'treatment.readOwn')) {
    await writeAudit(db, actor, { action: 'treatment.read', outcome: 'denied', entityType: 'treatment_status', details: { channel: 'portal', reason: 'role' } });
    throw new ForbiddenError();
  }
  const c = await ownCase(db, actor);
  if (!c) return null;
  const referrals = await db
    .select({
      id: treatmentReferrals.id,
      status: treatmentReferrals.status,
      statusChangedAt: treatmentReferrals.statusChangedAt,
      createdAt: treatmentReferrals.createdAt,
      provider: { name: treatmentProviders.name, addressLine: treatmentProviders.addressLine, zip: treatmentProviders.zip, phone: treatmentProviders.phone, languages: treatmentProviders.languages, services: treatmentProviders.services, costNote: treatmentProviders.costNote, noCostOption: treatmentProviders.noCostOption },
      // Which obligation of their agreement the referral is for, when it was made from one.
      itemTitle: agreementItems.title,
      itemDueOn: agreementItems.dueOn,
    })
    .from(treatmentReferrals)
    .innerJoin(treatmentProviders, eq(treatmentProviders.id, treatmentReferrals.providerId))
    .leftJoin(agreementItems, and(eq(agreementItems.id, treatmentReferrals.agreementItemId), eq(agreementItems.caseId, treatmentReferrals.caseId)))
    .where(eq(treatmentReferrals.caseId, c.id))
    .orderBy(asc(treatmentReferrals.createdAt));
  await writeAudit(db, actor, { action: 'treatment.read', entityType: 'treatment_status', entityId: c.id, jurisdictionId: c.jurisdictionId, details: { channel: 'portal', referrals: referrals.map((r) => r.id) } });
  const events = referrals.length
    ? await db.select().from(treatmentReferralEvents).where(inArray(treatmentReferralEvents.referralId, referrals.map((r) => r.id))).orderBy(asc(treatmentReferralEvents.occurredAt), asc(treatmentReferralEvents.id))
    : [];
  return { caseId: c.id, referrals: referrals.map((r) => ({ ...r, events: events.filter((e) => e.referralId === r.id) })) };
}

/**
 * The accounting of disclosures: the participant's own (any case of theirs), or every disclosure of
 * the jurisdiction for an admin. Newest first.
 */
export async function listDisclosures(db: Db, actor: Actor, opts: { limit?: number } = {}) {
  const isAdmin = can(actor.role, 'disclosure.read');
  if (!isAdmin && !can(actor.role, 'treatment.readOwn')) throw new ForbiddenError();
  return db
    .select({
      id: part2Disclosures.id,
      disclosedAt: part2Disclosures.disclosedAt,
      recipientKind: part2Disclosures.recipientKind,
      recipientRole: part2Disclosures.recipientRole,
      recipientName: sql<string>`coalesce(${users.name}, 'API')`,
      channel: part2Disclosures.channel,
      what: part2Disclosures.what,
      shown: part2Disclosures.shown,
      consentId: part2Disclosures.consentId,
      consentSignedOn: part2Consents.signedOn,
      caseNumber: cases.externalCaseNumber,
      patientName: part2Consents.patientName,
    })
    .from(part2Disclosures)
    .innerJoin(cases, eq(cases.id, part2Disclosures.caseId))
    .innerJoin(part2Consents, eq(part2Consents.id, part2Disclosures.consentId))
    .leftJoin(users, eq(users.id, part2Disclosures.recipientUserId))
    .where(and(eq(part2Disclosures.jurisdictionId, actor.jurisdictionId), isAdmin ? undefined : caseScope(actor)))
    .orderBy(desc(part2Disclosures.id))
    .limit(opts.limit ?? 200);
}
