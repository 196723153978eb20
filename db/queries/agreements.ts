import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  agreementItems,
  agreements,
  agreementSignatures,
  agreementTemplates,
  boardMemberships,
  caseAssignments,
  caseCharges,
  cases,
  caseTasks,
  jurisdictions,
  participants,
  progressEntries,
  type Agreement,
  type AgreementItem,
  type AgreementTemplateItem,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import {
  agreementRulesFor,
  canSign,
  checkGuardrails,
  defaultPeriod,
  itemKinds,
  normalizeItem,
  obligationProgress,
  offenseLevelOf,
  addDays,
  daysBetween,
  type ItemDraft,
  type OffenseLevel,
} from '@/lib/domain/agreement-rules';
import { STANDARD_TEXT } from '@/lib/domain/agreement-standard-text';
import { localIsoDate as localDate } from '@/lib/domain/local-date';
import { itemEventDetails } from '@/lib/domain/treatment-privacy';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { recordCaseEvent } from './case-events';
import { refreshCaseObligations } from './case-facts';
import { moveCase } from './case-moves';
import { caseScope } from './case-scope';
import { cancelNotices, notifyParticipant } from './outbox';

/*
 * Agreements of a case: draft, items, approval over the guardrails, signatures, amendments and
 * templates. Every function scopes the case with caseScope (out of scope = not found) and writes
 * the change, a case event and an audit row in one transaction.
 */

const DRAFTABLE = new Set(['hearing_scheduled', 'hearing_held', 'in_progress']);
const SIGNABLE = new Set(['hearing_held', 'in_progress']);

type CaseRow = { id: string; jurisdictionId: string; participantId: string; status: (typeof cases.$inferSelect)['status']; version: number; boardId: string | null; participantUserId: string | null; language: 'en' | 'es' };

async function caseInScope(db: Db, actor: Actor, caseId: string, lock = false): Promise<CaseRow> {
  if (!z.uuid().safeParse(caseId).success) throw new NotFoundError('That case');
  const q = db
    .select({
      id: cases.id,
      jurisdictionId: cases.jurisdictionId,
      participantId: cases.participantId,
      status: cases.status,
      version: cases.version,
      boardId: sql<string | null>`(select a.board_id from ${caseAssignments} a where a.case_id = ${cases.id} and a.ended_at is null)`,
      participantUserId: participants.userId,
      language: participants.preferredLanguage,
    })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(and(eq(cases.id, caseId), caseScope(actor)));
  const [row] = lock ? await q.for('update', { of: cases }) : await q;
  if (!row) throw new NotFoundError('That case');
  return row as CaseRow;
}

async function agreementInScope(db: Db, actor: Actor, agreementId: string, lock = false) {
  if (!z.uuid().safeParse(agreementId).success) throw new NotFoundError('That agreement');
  const q = db
    .select({ agreement: agreements })
    .from(agreements)
    .innerJoin(cases, eq(cases.id, agreements.caseId))
    .where(and(eq(agreements.id, agreementId), caseScope(actor)));
  const [row] = lock ? await q.for('update', { of: agreements }) : await q;
  if (!row) throw new NotFoundError('That agreement');
  const c = await caseInScope(db, actor, row.agreement.caseId);
  return { agreement: row.agreement, c };
}

async function isChair(db: Db, userId: string, boardId: string | null) {
  if (!boardId) return false;
  const [m] = await db
    .select({ id: boardMemberships.id })
    .from(boardMemberships)
    .where(and(eq(boardMemberships.boardId, boardId), eq(boardMemberships.userId, userId), eq(boardMemberships.role, 'chair'), eq(boardMemberships.active, true)))
    .limit(1);
  return !!m;
}

async function rulesForCase(db: Db, c: CaseRow) {
  const [[j], charges] = await Promise.all([
    db.select({ settings: jurisdictions.settings, timeZone: jurisdictions.timeZone }).from(jurisdictions).where(eq(jurisdictions.id, c.jurisdictionId)),
    db.select({ severity: caseCharges.severity }).from(caseCharges).where(eq(caseCharges.caseId, c.id)),
  ]);
  const rules = agreementRulesFor(j?.settings);
  const level = offenseLevelOf(charges.map((x) => x.severity));
  return { rules, level, caps: rules.caps[level], timeZone: j?.timeZone ?? 'UTC' };
}

function require(actor: Actor, p: Parameters<typeof can>[1]) {
  if (!can(actor.role, p)) throw new NotFoundError('That agreement');
}

async function bump(tx: Db, a: Agreement, expectedVersion: number, patch: Partial<typeof agreements.$inferInsert> = {}) {
  const [row] = await tx
    .update(agreements)
    .set({ ...patch, updatedAt: new Date(), version: sql`${agreements.version} + 1` })
    .where(and(eq(agreements.id, a.id), eq(agreements.version, expectedVersion)))
    .returning();
  if (!row) throw new ConflictError();
  return row;
}

async function record(tx: Db, actor: Actor, c: CaseRow, action: string, agreementId: string, details: Record<string, unknown>) {
  await recordCaseEvent(tx, actor, { caseId: c.id, jurisdictionId: c.jurisdictionId }, { type: 'agreement_changed', action, agreementId, details });
  await writeAudit(tx, actor, { action, entityType: 'agreement', entityId: agreementId, jurisdictionId: c.jurisdictionId, details });
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────

export type ObligationView = AgreementItem & { done: number; remaining: number; state: ReturnType<typeof obligationProgress>['state']; daysLeft: number; pending: number };

/** Every version of the case's agreement, with items, signatures, guardrails and progress. */
export async function getCaseAgreements(db: Db, actor: Actor, caseId: string, now = new Date()) {
  require(actor, 'agreement.read');
  const c = await caseInScope(db, actor, caseId);
  const { rules, level, caps, timeZone } = await rulesForCase(db, c);
  const versions = await db.select().from(agreements).where(eq(agreements.caseId, c.id)).orderBy(desc(agreements.number));
  const ids = versions.map((v) => v.id);
  const [items, sigs] = ids.length
    ? await Promise.all([
        db.select().from(agreementItems).where(inArray(agreementItems.agreementId, ids)).orderBy(asc(agreementItems.position)),
        db.select().from(agreementSignatures).where(inArray(agreementSignatures.agreementId, ids)),
      ])
    : [[], []];
  const totals = await progressTotals(db, c.id);
  const today = localDate(now, timeZone);
  const decorate = (i: AgreementItem): ObligationView => {
    const t = totals.get(i.lineageId) ?? { verified: 0, pending: 0 };
    return { ...i, ...obligationProgress(i.targetQuantity, t.verified, i.dueOn, today), pending: t.pending };
  };
  const history = versions.map((a) => {
    const its = items.filter((i) => i.agreementId === a.id).map(decorate);
    const g = checkGuardrails(its, caps);
    return { agreement: a, items: its, signatures: sigs.filter((s) => s.agreementId === a.id), guardrails: g, approvalNeeded: g.over && a.approvedVersion !== a.version };
  });
  const chair = actor.role === 'volunteer' && (await isChair(db, actor.userId, c.boardId));
  return {
    caseId: c.id,
    caseStatus: c.status,
    caseVersion: c.version,
    boardId: c.boardId,
    language: c.language,
    offenseLevel: level,
    caps,
    lengthDays: rules.lengthDays,
    today,
    timeZone,
    current: history.find((h) => h.agreement.status === 'signed') ?? null,
    draft: history.find((h) => h.agreement.status === 'draft') ?? null,
    history,
    viewer: { isChair: chair, isParticipant: actor.role === 'participant' },
    canDraft: can(actor.role, 'agreement.draft') && DRAFTABLE.has(c.status),
  };
}
export type CaseAgreements = Awaited<ReturnType<typeof getCaseAgreements>>;

async function progressTotals(db: Db, caseId: string) {
  const rows = await db
    .select({ lineageId: progressEntries.lineageId, status: progressEntries.status, total: sql<string>`sum(${progressEntries.quantity})` })
    .from(progressEntries)
    .where(and(eq(progressEntries.caseId, caseId), inArray(progressEntries.status, ['pending', 'verified'])))
    .groupBy(progressEntries.lineageId, progressEntries.status);
  const m = new Map<string, { verified: number; pending: number }>();
  for (const r of rows) {
    const e = m.get(r.lineageId) ?? { verified: 0, pending: 0 };
    e[r.status === 'verified' ? 'verified' : 'pending'] += Number(r.total);
    m.set(r.lineageId, e);
  }
  return m;
}

// ── Drafting ───────────────────────────────────────────────────────────────────────────────

export const createDraftSchema = z.object({ caseId: z.uuid(), templateId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()), startsOn: z.preprocess((v) => (v === '' ? undefined : v), z.iso.date().optional()) });

/**
 * Start agreement 1 of a case: default period (90 days), with the mid-term check-in and the closing
 * hearing as items, plus the items of a board template when one is chosen.
 */
export async function createDraft(db: Db, actor: Actor, input: z.input<typeof createDraftSchema>, now = new Date()) {
  require(actor, 'agreement.draft');
  const { caseId, templateId, startsOn } = createDraftSchema.parse(input);
  return db.transaction(async (tx) => {
    const c = await caseInScope(tx, actor, caseId, true);
    if (!DRAFTABLE.has(c.status)) throw new RuleError('An agreement is drafted at or after the hearing (the case must have a hearing scheduled or held).');
    const existing = await tx.select({ id: agreements.id, status: agreements.status }).from(agreements).where(eq(agreements.caseId, c.id));
    if (existing.some((a) => a.status === 'draft')) throw new RuleError('This case already has a draft agreement.');
    if (existing.length > 0) throw new RuleError('This case already has an agreement: change it with an amendment.');
    const { rules, level, timeZone } = await rulesForCase(tx, c);
    const period = defaultPeriod(startsOn ?? localDate(now, timeZone), rules.lengthDays);
    const [a] = await tx
      .insert(agreements)
      .values({ jurisdictionId: c.jurisdictionId, caseId: c.id, number: 1, language: c.language, ...period, offenseLevel: level, createdByUserId: actor.userId })
      .returning();
    const drafts: ItemDraft[] = [
      { kind: 'check_in_hearing', title: STANDARD_TEXT.midTermCheckIn, details: '', targetQuantity: 1, amountCents: null, paymentPlan: null, costCents: 0, noCostAlternative: null, dueOn: period.checkInOn, verification: STANDARD_TEXT.attendanceAtHearing },
      { kind: 'check_in_hearing', title: STANDARD_TEXT.closingMeeting, details: '', targetQuantity: 1, amountCents: null, paymentPlan: null, costCents: 0, noCostAlternative: null, dueOn: period.endsOn, verification: STANDARD_TEXT.attendanceAtHearing },
    ];
    if (templateId) {
      const [tpl] = await tx.select().from(agreementTemplates).where(and(eq(agreementTemplates.id, templateId), eq(agreementTemplates.jurisdictionId, c.jurisdictionId)));
      if (!tpl || tpl.boardId !== c.boardId) throw new NotFoundError('That template');
      for (const t of tpl.items) drafts.push({ ...t, dueOn: addDays(period.startsOn, Math.min(t.dueDays, rules.lengthDays)) });
    }
    let pos = 0;
    for (const d of drafts) {
      const { item, errors } = normalizeItem(d, period);
      if (Object.keys(errors).length) continue; // a template item that no longer fits is dropped, not fatal
      await tx.insert(agreementItems).values({ ...item, agreementId: a.id, jurisdictionId: c.jurisdictionId, caseId: c.id, lineageId: randomUUID(), position: ++pos });
    }
    await record(tx, actor, c, 'agreement.draft', a.id, { number: 1, templateId: templateId ?? null, ...period });
    return a;
  });
}

const money = z.preprocess((v) => (v === '' || v == null ? null : Math.round(Number(String(v).replace(/[$,\s]/g, '')) * 100)), z.number().int().min(0).max(10_000_000).nullable());
const optText = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max).nullable().optional());

export const addItemSchema = z.object({
  agreementId: z.uuid(),
  version: z.coerce.number().int().positive(),
  kind: z.enum(itemKinds),
  title: z.string().trim().max(200).default(''),
  details: z.string().trim().max(2000).default(''),
  targetQuantity: z.preprocess((v) => (v === '' || v == null ? 1 : v), z.coerce.number().positive('The target must be more than zero.').max(100_000)),
  amount: money.optional(),
  paymentPlan: optText(500),
  cost: money.optional(),
  noCostAlternative: optText(500),
  dueOn: z.iso.date('Choose a due date.'),
  verification: z.string().trim().min(3, 'Say how completion is verified.').max(500),
});

/** Add one item to a draft. Signatures already given are cleared (they covered other terms). */
export async function addItem(db: Db, actor: Actor, input: z.input<typeof addItemSchema>) {
  require(actor, 'agreement.draft');
  const p = addItemSchema.parse(input);
  return db.transaction(async (tx) => {
    const { agreement: a, c } = await agreementInScope(tx, actor, p.agreementId, true);
    if (a.status !== 'draft') throw new RuleError('Only a draft can be changed. Start an amendment to change a signed agreement.');
    if (a.version !== p.version) throw new ConflictError();
    const { item, errors } = normalizeItem(
      { kind: p.kind, title: p.title, details: p.details, targetQuantity: p.targetQuantity, amountCents: p.amount ?? null, paymentPlan: p.paymentPlan ?? null, costCents: p.cost ?? 0, noCostAlternative: p.noCostAlternative ?? null, dueOn: p.dueOn, verification: p.verification },
      a,
    );
    if (Object.keys(errors).length) throw new RuleError('Some fields need attention.', errors);
    const [{ max }] = await tx.select({ max: sql<number>`coalesce(max(${agreementItems.position}), 0)::int` }).from(agreementItems).where(eq(agreementItems.agreementId, a.id));
    const [row] = await tx.insert(agreementItems).values({ ...item, agreementId: a.id, jurisdictionId: c.jurisdictionId, caseId: c.id, lineageId: randomUUID(), position: max + 1 }).returning();
    await clearSignatures(tx, a.id);
    const updated = await bump(tx, a, p.version);
    await record(tx, actor, c, 'agreement.item.add', a.id, itemEventDetails(row));
    return { item: row, version: updated.version };
  });
}

export const removeItemSchema = z.object({ agreementId: z.uuid(), version: z.coerce.number().int().positive(), itemId: z.uuid() });

export async function removeItem(db: Db, actor: Actor, input: z.input<typeof removeItemSchema>) {
  require(actor, 'agreement.draft');
  const p = removeItemSchema.parse(input);
  return db.transaction(async (tx) => {
    const { agreement: a, c } = await agreementInScope(tx, actor, p.agreementId, true);
    if (a.status !== 'draft') throw new RuleError('Only a draft can be changed. Start an amendment to change a signed agreement.');
    if (a.version !== p.version) throw new ConflictError();
    const [item] = await tx.select().from(agreementItems).where(and(eq(agreementItems.id, p.itemId), eq(agreementItems.agreementId, a.id)));
    if (!item) throw new NotFoundError('That item');
    const [logged] = await tx.select({ id: progressEntries.id }).from(progressEntries).where(eq(progressEntries.itemId, item.id)).limit(1);
    if (logged) throw new RuleError('Progress was already logged against this item; it cannot be removed.');
    await tx.delete(agreementItems).where(eq(agreementItems.id, item.id));
    await clearSignatures(tx, a.id);
    const updated = await bump(tx, a, p.version);
    await record(tx, actor, c, 'agreement.item.remove', a.id, itemEventDetails(item, false));
    return { version: updated.version };
  });
}

async function clearSignatures(tx: Db, agreementId: string) {
  await tx.delete(agreementSignatures).where(eq(agreementSignatures.agreementId, agreementId));
}

// ── Approval and signing ──────────────────────────────────────────────────────────────────

export const approveSchema = z.object({ agreementId: z.uuid(), version: z.coerce.number().int().positive(), note: z.string().trim().min(10, 'Say why the extra is proportionate (at least 10 characters).').max(1000) });

/** A coordinator approves this exact version of a draft over the guardrails. */
export async function approveAgreement(db: Db, actor: Actor, input: z.input<typeof approveSchema>, now = new Date()) {
  require(actor, 'agreement.approve');
  const p = approveSchema.parse(input);
  return db.transaction(async (tx) => {
    const { agreement: a, c } = await agreementInScope(tx, actor, p.agreementId, true);
    if (a.status !== 'draft') throw new RuleError('Only a draft needs approval.');
    if (a.version !== p.version) throw new ConflictError();
    // Approval covers the version after this write; any later edit bumps past it.
    const updated = await bump(tx, a, p.version, { approvedVersion: p.version + 1, approvedByUserId: actor.userId, approvedAt: now, approvalNote: p.note });
    await record(tx, actor, c, 'agreement.approve', a.id, { approvedVersion: updated.version, note: p.note });
    return { version: updated.version };
  });
}

export const signSchema = z.object({
  agreementId: z.uuid(),
  version: z.coerce.number().int().positive(),
  signerRole: z.enum(['participant', 'chair']),
  typedName: z.string().trim().min(3, 'Type your full name to sign.').max(200),
  confirm: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.literal(true, 'Tick the box to confirm you agree.')),
});

/**
 * Sign a draft as the participant (on their own account, or on the hearing device: a chair's or
 * coordinator's session with the participant typing their name) or as the board chair (own
 * account only). With both signatures the agreement is signed: the previous version is superseded,
 * the case moves to in progress, reminders for each obligation and booking tasks for the
 * check-in and closing hearings are created — all in this transaction.
 */
export async function signAgreement(db: Db, actor: Actor, input: z.input<typeof signSchema>, now = new Date()) {
  require(actor, 'agreement.sign');
  const p = signSchema.parse(input);
  return db.transaction(async (tx) => {
    const { agreement: a, c } = await agreementInScope(tx, actor, p.agreementId, true);
    if (a.version !== p.version) throw new ConflictError('The agreement changed since you opened it. Read it again before signing.', 'agreementChanged');
    if (!SIGNABLE.has(c.status)) throw new RuleError('Record the hearing as held before signing the agreement.', {}, 'hearingNotHeld');
    const items = await tx.select().from(agreementItems).where(eq(agreementItems.agreementId, a.id));
    const { caps } = await rulesForCase(tx, c);
    const verdict = canSign({ status: a.status, version: a.version, approvedVersion: a.approvedVersion, over: checkGuardrails(items, caps).over, itemCount: items.length });
    if (!verdict.ok) throw new RuleError(verdict.message, {}, 'notSignable');

    let method: 'own_account' | 'hearing_device';
    if (p.signerRole === 'participant') {
      if (actor.role === 'participant') {
        if (c.participantUserId !== actor.userId) throw new NotFoundError('That agreement');
        method = 'own_account';
      } else if ((actor.role === 'volunteer' && (await isChair(tx, actor.userId, c.boardId))) || actor.role === 'coordinator') {
        method = 'hearing_device';
      } else throw new ForbiddenError('Only the participant, or the chair at the hearing, can take the participant’s signature.');
    } else {
      if (actor.role !== 'volunteer' || !(await isChair(tx, actor.userId, c.boardId))) throw new ForbiddenError('Only the chair of the case’s board signs for the board.');
      method = 'own_account';
    }
    const inserted = await tx
      .insert(agreementSignatures)
      .values({ agreementId: a.id, jurisdictionId: c.jurisdictionId, signerRole: p.signerRole, typedName: p.typedName, signedByUserId: actor.userId, method, agreementVersion: a.version, signedAt: now })
      .onConflictDoNothing()
      .returning({ id: agreementSignatures.id });
    if (!inserted.length) throw new RuleError(p.signerRole === 'chair' ? 'The chair has already signed this agreement.' : 'The participant has already signed this agreement.', {}, p.signerRole === 'chair' ? 'chairAlreadySigned' : 'alreadySigned');
    await record(tx, actor, c, 'agreement.sign', a.id, { signerRole: p.signerRole, method, typedName: p.typedName, agreementVersion: a.version });

    const sigs = await tx.select({ role: agreementSignatures.signerRole }).from(agreementSignatures).where(eq(agreementSignatures.agreementId, a.id));
    if (!(sigs.some((s) => s.role === 'participant') && sigs.some((s) => s.role === 'chair'))) return { status: 'draft' as const, version: a.version };

    // Both signed: this version becomes the current one.
    let previousItems: AgreementItem[] = [];
    if (a.amendsAgreementId) {
      previousItems = await tx.select().from(agreementItems).where(eq(agreementItems.agreementId, a.amendsAgreementId));
      await tx.update(agreements).set({ status: 'superseded', supersededAt: now, updatedAt: now, version: sql`${agreements.version} + 1` }).where(and(eq(agreements.id, a.amendsAgreementId), eq(agreements.status, 'signed')));
    }
    const signed = await bump(tx, a, a.version, { status: 'signed', signedAt: now });
    await record(tx, actor, c, 'agreement.signed', a.id, { number: a.number, itemCount: items.length, endsOn: a.endsOn, supersedes: a.amendsAgreementId });
    // The dashboard's obligation counts, same transaction (the move refreshes the whole row).
    if (c.status === 'hearing_held') await moveCase(tx, actor, { caseId: c.id, jurisdictionId: c.jurisdictionId, from: 'hearing_held', to: 'in_progress', version: c.version, note: 'Agreement signed', now });
    else await refreshCaseObligations(tx, c.id);
    for (const old of previousItems) await cancelNotices(tx, { subjectType: 'obligation', subjectId: old.lineageId, reason: 'Agreement amended' });
    await scheduleObligationNotices(tx, c, a.id, items);
    if (a.number === 1) await openHearingTasks(tx, c, a, items, now);
    await notifyParticipant(tx, { jurisdictionId: c.jurisdictionId, caseId: c.id, participantId: c.participantId, template: 'agreement.signed', data: { agreementId: a.id, endsOn: a.endsOn, itemCount: items.length }, key: `agreement:${a.id}:signed`, subject: { type: 'agreement', id: a.id } });
    return { status: 'signed' as const, version: signed.version };
  });
}

/** Send hour: 15:00 UTC is morning in every US zone. */
const noticeAt = (isoDate: string) => new Date(`${isoDate}T15:00:00Z`);

async function scheduleObligationNotices(tx: Db, c: CaseRow, agreementId: string, items: AgreementItem[]) {
  for (const i of items) {
    if (i.kind === 'check_in_hearing') continue; // hearings have their own reminders
    const subject = { type: 'obligation', id: i.lineageId };
    // Stored wording; resolveObligationNotice puts the title in the recipient's language at send time.
    const data = { obligationId: i.lineageId, title: i.title, dueOn: i.dueOn };
    await notifyParticipant(tx, { jurisdictionId: c.jurisdictionId, caseId: c.id, participantId: c.participantId, template: 'obligation.due_soon', data, key: `obligation:${i.lineageId}:${agreementId}:due_soon`, sendAfter: noticeAt(addDays(i.dueOn, -3)), subject });
    await notifyParticipant(tx, { jurisdictionId: c.jurisdictionId, caseId: c.id, participantId: c.participantId, template: 'obligation.overdue', data, key: `obligation:${i.lineageId}:${agreementId}:overdue`, sendAfter: noticeAt(addDays(i.dueOn, 1)), subject });
  }
}

/** Booking requests for the mid-term check-in and the closing hearing: tasks for the coordinator. */
async function openHearingTasks(tx: Db, c: CaseRow, a: Agreement, items: AgreementItem[], now: Date) {
  const hearingsDue = items.filter((i) => i.kind === 'check_in_hearing');
  for (const h of hearingsDue) {
    const dueAt = new Date(Math.max(now.getTime(), noticeAt(addDays(h.dueOn, -7)).getTime()));
    const [task] = await tx
      .insert(caseTasks)
      .values({ jurisdictionId: c.jurisdictionId, caseId: c.id, kind: 'other', title: `Book: ${h.title} (on or before ${h.dueOn})`, details: { agreementId: a.id, itemId: h.id, hearingKind: h.dueOn === a.endsOn ? 'closing' : 'check_in', targetDate: h.dueOn }, dueAt })
      .returning({ id: caseTasks.id });
    await recordCaseEvent(tx, null, { caseId: c.id, jurisdictionId: c.jurisdictionId }, { type: 'task_opened', taskId: task.id, kind: 'other', title: `Book: ${h.title}` });
  }
}

// ── Amendments ────────────────────────────────────────────────────────────────────────────

export const amendSchema = z.object({ caseId: z.uuid(), reason: z.string().trim().min(5, 'Say why the agreement changes (at least 5 characters).').max(1000), endsOn: z.preprocess((v) => (v === '' ? undefined : v), z.iso.date().optional()) });

/** A new draft version copied from the current signed agreement; the signed one stays in force until the amendment is signed. */
export async function amendAgreement(db: Db, actor: Actor, input: z.input<typeof amendSchema>) {
  require(actor, 'agreement.draft');
  const p = amendSchema.parse(input);
  return db.transaction(async (tx) => {
    const c = await caseInScope(tx, actor, p.caseId, true);
    if (c.status !== 'in_progress') throw new RuleError('Only an agreement in progress can be amended.');
    const all = await tx.select().from(agreements).where(eq(agreements.caseId, c.id)).orderBy(desc(agreements.number));
    if (all.some((x) => x.status === 'draft')) throw new RuleError('An amendment is already being drafted.');
    const current = all.find((x) => x.status === 'signed');
    if (!current) throw new RuleError('There is no signed agreement to amend.');
    const endsOn = p.endsOn ?? current.endsOn;
    if (endsOn < current.startsOn || endsOn < current.checkInOn) throw new RuleError('The new end date must be after the mid-term check-in.', { endsOn: ['The new end date must be after the mid-term check-in.'] });
    const [a] = await tx
      .insert(agreements)
      .values({ jurisdictionId: c.jurisdictionId, caseId: c.id, number: all[0].number + 1, amendsAgreementId: current.id, amendmentReason: p.reason, language: c.language, startsOn: current.startsOn, checkInOn: current.checkInOn, endsOn, offenseLevel: current.offenseLevel, createdByUserId: actor.userId })
      .returning();
    const items = await tx.select().from(agreementItems).where(eq(agreementItems.agreementId, current.id)).orderBy(asc(agreementItems.position));
    for (const i of items) {
      const { id: _id, agreementId: _a, ...rest } = i;
      await tx.insert(agreementItems).values({ ...rest, agreementId: a.id, dueOn: i.dueOn > endsOn ? endsOn : i.dueOn });
    }
    await record(tx, actor, c, 'agreement.amend', a.id, { number: a.number, amends: current.id, reason: p.reason });
    return a;
  });
}

// ── Templates ─────────────────────────────────────────────────────────────────────────────

export const saveTemplateSchema = z.object({ agreementId: z.uuid(), name: z.string().trim().min(1, 'Name the template.').max(100) });

/** Save the draft's items (without the standard check-in hearings) as a template of the case's board. */
export async function saveTemplate(db: Db, actor: Actor, input: z.input<typeof saveTemplateSchema>) {
  require(actor, 'agreement.template');
  const p = saveTemplateSchema.parse(input);
  return db.transaction(async (tx) => {
    const { agreement: a, c } = await agreementInScope(tx, actor, p.agreementId);
    if (!c.boardId) throw new RuleError('The case has no board to save a template for.');
    const items = await tx.select().from(agreementItems).where(eq(agreementItems.agreementId, a.id)).orderBy(asc(agreementItems.position));
    const tplItems: AgreementTemplateItem[] = items
      .filter((i) => i.kind !== 'check_in_hearing')
      .map((i) => ({ kind: i.kind, title: i.title, details: i.details, targetQuantity: i.targetQuantity, unit: i.unit, amountCents: i.amountCents, paymentPlan: i.paymentPlan, costCents: i.costCents, noCostAlternative: i.noCostAlternative, verification: i.verification, dueDays: Math.max(1, daysBetween(a.startsOn, i.dueOn)) }));
    if (tplItems.length === 0) throw new RuleError('Add at least one item (besides the check-in hearings) before saving a template.');
    const [t] = await tx
      .insert(agreementTemplates)
      .values({ jurisdictionId: c.jurisdictionId, boardId: c.boardId, name: p.name, items: tplItems, createdByUserId: actor.userId })
      .onConflictDoUpdate({ target: [agreementTemplates.boardId, agreementTemplates.name], set: { items: tplItems, createdByUserId: actor.userId, createdAt: new Date() } })
      .returning();
    await writeAudit(tx, actor, { action: 'agreement.template.save', entityType: 'agreement_template', entityId: t.id, jurisdictionId: c.jurisdictionId, details: { boardId: c.boardId, name: p.name, items: tplItems.length } });
    return t;
  });
}

/** Templates of the case's board (for the "start from" list). */
export async function listTemplatesForCase(db: Db, actor: Actor, caseId: string) {
  require(actor, 'agreement.template');
  const c = await caseInScope(db, actor, caseId);
  if (!c.boardId) return [];
  return db.select({ id: agreementTemplates.id, name: agreementTemplates.name, items: agreementTemplates.items }).from(agreementTemplates).where(and(eq(agreementTemplates.boardId, c.boardId), eq(agreementTemplates.jurisdictionId, c.jurisdictionId))).orderBy(asc(agreementTemplates.name));
}

export type { OffenseLevel };
