import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { cases, contactPreferences, participants, supportContacts } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';
import { normalizeEmail, normalizePhone } from '@/lib/notify/phone';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { caseScope } from './case-scope';
import { optOutStates } from './sms-opt-outs';

async function caseParticipant(db: Db, actor: Actor, caseId: string) {
  if (!z.uuid().safeParse(caseId).success) throw new NotFoundError('That case');
  const [row] = await db
    .select({ caseId: cases.id, jurisdictionId: cases.jurisdictionId, participant: participants })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(and(eq(cases.id, caseId), caseScope(actor)));
  if (!row) throw new NotFoundError('That case');
  return row;
}

/**
 * How the participant of a case is reached: their phone and email (and whether each is usable),
 * which channels they accept, whether their number replied STOP, and the support contacts who
 * receive notices for them.
 */
export async function getCaseContacts(db: Db, actor: Actor, caseId: string) {
  if (!can(actor.role, 'notice.read')) throw new ForbiddenError();
  const { participant: p } = await caseParticipant(db, actor, caseId);
  const contacts = await db
    .select()
    .from(supportContacts)
    .where(and(eq(supportContacts.participantId, p.id), eq(supportContacts.active, true)))
    .orderBy(asc(supportContacts.createdAt));
  const people = [{ kind: 'participant' as const, id: p.id }, ...contacts.map((s) => ({ kind: 'support_contact' as const, id: s.id }))];
  const prefRows = await db
    .select()
    .from(contactPreferences)
    .where(inArray(contactPreferences.personId, people.map((x) => x.id)));
  const prefOf = (kind: string, id: string) => {
    const r = prefRows.find((x) => x.personKind === kind && x.personId === id);
    return { emailEnabled: r?.emailEnabled ?? true, smsEnabled: r?.smsEnabled ?? true, version: r?.version ?? 0 };
  };
  const phones = [p.phone, ...contacts.map((s) => s.phone)].map(normalizePhone).filter((x): x is string => Boolean(x));
  const stops = await optOutStates(db, phones);
  const phoneState = (raw: string | null) => {
    const e164 = normalizePhone(raw);
    const s = e164 ? stops.get(e164) : undefined;
    return { raw, e164, valid: raw ? Boolean(e164) : null, stoppedAt: s?.optedOut ? s.at : null };
  };
  const emailState = (raw: string | null) => ({ raw, valid: raw ? Boolean(normalizeEmail(raw)) : null });
  return {
    participant: {
      id: p.id,
      name: `${p.firstName} ${p.lastName}`,
      version: p.version,
      locale: p.preferredLanguage,
      phone: phoneState(p.phone),
      email: emailState(p.email),
      preferences: prefOf('participant', p.id),
    },
    supportContacts: contacts.map((s) => ({
      id: s.id,
      name: s.name,
      relationship: s.relationship,
      locale: s.locale,
      receivesNotices: s.receivesNotices,
      phone: phoneState(s.phone),
      email: emailState(s.email),
      preferences: prefOf('support_contact', s.id),
      version: s.version,
    })),
  };
}
export type CaseContacts = Awaited<ReturnType<typeof getCaseContacts>>;

const checkbox = z.union([z.literal('on'), z.literal('true'), z.literal(''), z.literal('false')]).optional().transform((v) => v === 'on' || v === 'true');

export const setContactPreferenceSchema = z.object({
  caseId: z.uuid(),
  personKind: z.enum(['participant', 'support_contact']),
  personId: z.uuid(),
  emailEnabled: checkbox,
  smsEnabled: checkbox,
  /** 0 when the person has no preference row yet. */
  version: z.coerce.number().int().min(0),
});

/** Turn email / text messages on or off for the participant or one of their support contacts. */
export async function setContactPreference(db: Db, actor: Actor, input: z.input<typeof setContactPreferenceSchema>) {
  if (!can(actor.role, 'contact.manage')) throw new ForbiddenError();
  const v = setContactPreferenceSchema.parse(input);
  return db.transaction(async (tx) => {
    const { participant: p, jurisdictionId } = await caseParticipant(tx, actor, v.caseId);
    if (v.personKind === 'participant' && v.personId !== p.id) throw new NotFoundError('That person');
    if (v.personKind === 'support_contact') {
      const [s] = await tx.select({ id: supportContacts.id }).from(supportContacts).where(and(eq(supportContacts.id, v.personId), eq(supportContacts.participantId, p.id)));
      if (!s) throw new NotFoundError('That support contact');
    }
    const now = new Date();
    let version: number;
    if (v.version === 0) {
      const rows = await tx
        .insert(contactPreferences)
        .values({ jurisdictionId, personKind: v.personKind, personId: v.personId, emailEnabled: v.emailEnabled, smsEnabled: v.smsEnabled, updatedAt: now, updatedByUserId: actor.userId })
        .onConflictDoNothing()
        .returning({ version: contactPreferences.version });
      if (rows.length === 0) throw new ConflictError();
      version = rows[0].version;
    } else {
      const rows = await tx
        .update(contactPreferences)
        .set({ emailEnabled: v.emailEnabled, smsEnabled: v.smsEnabled, updatedAt: now, updatedByUserId: actor.userId, version: sql`${contactPreferences.version} + 1` })
        .where(and(eq(contactPreferences.personKind, v.personKind), eq(contactPreferences.personId, v.personId), eq(contactPreferences.version, v.version)))
        .returning({ version: contactPreferences.version });
      if (rows.length === 0) throw new ConflictError();
      version = rows[0].version;
    }
    await writeAudit(tx, actor, { action: 'contact.preferences', entityType: v.personKind, entityId: v.personId, details: { caseId: v.caseId, email: v.emailEnabled, sms: v.smsEnabled } });
    return { version };
  });
}

const optionalText = (max: number) => z.string().trim().max(max).optional().transform((s) => (s ? s : null));

export const addSupportContactSchema = z
  .object({
    caseId: z.uuid(),
    name: z.string().trim().min(2, 'Enter the name of the support contact.').max(120),
    relationship: z.string().trim().min(2, 'Say who they are to the participant, e.g. case worker, aunt.').max(80),
    phone: optionalText(40),
    email: optionalText(254),
    locale: z.enum(['en', 'es']).default('en'),
  })
  .superRefine((v, ctx) => {
    if (!v.phone && !v.email) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Give a phone number or an email address.' });
    if (v.phone && !normalizePhone(v.phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Enter a phone number with area code, like (816) 555-0142.' });
    if (v.email && !normalizeEmail(v.email)) ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter an email address, like name@example.org.' });
  });

/** Name someone who receives the participant's notices on their behalf (e.g. their case worker). */
export async function addSupportContact(db: Db, actor: Actor, input: z.input<typeof addSupportContactSchema>) {
  if (!can(actor.role, 'contact.manage')) throw new ForbiddenError();
  const v = addSupportContactSchema.parse(input);
  return db.transaction(async (tx) => {
    const { participant: p, jurisdictionId } = await caseParticipant(tx, actor, v.caseId);
    const [s] = await tx
      .insert(supportContacts)
      .values({ jurisdictionId, participantId: p.id, name: v.name, relationship: v.relationship, phone: v.phone, email: v.email, locale: v.locale, createdByUserId: actor.userId })
      .returning({ id: supportContacts.id });
    await writeAudit(tx, actor, { action: 'contact.support_add', entityType: 'support_contact', entityId: s.id, details: { caseId: v.caseId, participantId: p.id } });
    return s;
  });
}

export const endSupportContactSchema = z.object({ caseId: z.uuid(), supportContactId: z.uuid(), version: z.coerce.number().int().positive() });

/** Stop sending notices to a support contact; the row stays for the delivery history. */
export async function endSupportContact(db: Db, actor: Actor, input: z.input<typeof endSupportContactSchema>) {
  if (!can(actor.role, 'contact.manage')) throw new ForbiddenError();
  const v = endSupportContactSchema.parse(input);
  return db.transaction(async (tx) => {
    const { participant: p } = await caseParticipant(tx, actor, v.caseId);
    const rows = await tx
      .update(supportContacts)
      .set({ active: false, endedAt: new Date(), version: sql`${supportContacts.version} + 1` })
      .where(and(eq(supportContacts.id, v.supportContactId), eq(supportContacts.participantId, p.id), eq(supportContacts.active, true), eq(supportContacts.version, v.version)))
      .returning({ id: supportContacts.id });
    if (rows.length === 0) throw new ConflictError();
    await writeAudit(tx, actor, { action: 'contact.support_end', entityType: 'support_contact', entityId: v.supportContactId, details: { caseId: v.caseId } });
    return rows[0];
  });
}

export const updateParticipantContactSchema = z
  .object({
    caseId: z.uuid(),
    phone: optionalText(40),
    email: optionalText(254),
    version: z.coerce.number().int().positive(),
  })
  .superRefine((v, ctx) => {
    if (v.phone && !normalizePhone(v.phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Enter a phone number with area code, like (816) 555-0142.' });
    if (v.email && !normalizeEmail(v.email)) ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter an email address, like name@example.org.' });
  });

/**
 * Fix the participant's phone or email (the usual cure for a failing notice). Pending notices pick
 * up the new address when they are sent; a failed one can then be resent.
 */
export async function updateParticipantContact(db: Db, actor: Actor, input: z.input<typeof updateParticipantContactSchema>) {
  if (!can(actor.role, 'contact.manage')) throw new ForbiddenError();
  const v = updateParticipantContactSchema.parse(input);
  return db.transaction(async (tx) => {
    const { participant: p } = await caseParticipant(tx, actor, v.caseId);
    if (p.version !== v.version) throw new ConflictError();
    if (!v.phone && !v.email && (p.phone || p.email)) throw new RuleError('Keep at least one way to reach the participant, or add a support contact first.', { phone: ['Give a phone number or an email address.'] });
    const [u] = await tx
      .update(participants)
      .set({ phone: v.phone, email: v.email, version: sql`${participants.version} + 1` })
      .where(and(eq(participants.id, p.id), eq(participants.version, v.version)))
      .returning({ version: participants.version });
    if (!u) throw new ConflictError();
    await writeAudit(tx, actor, {
      action: 'contact.participant_update',
      entityType: 'participant',
      entityId: p.id,
      details: { caseId: v.caseId, phoneChanged: (p.phone ?? null) !== v.phone, emailChanged: (p.email ?? null) !== v.email },
    });
    return u;
  });
}
