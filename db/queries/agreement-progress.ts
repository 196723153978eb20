import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { agreementItems, agreements, cases, jurisdictions, participants, progressEntries, proofFiles, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { isTreatment, obligationProgress } from '@/lib/domain/agreement-rules';
import { localizeItemText } from '@/lib/domain/agreement-standard-text';
import { localIsoDate } from '@/lib/domain/local-date';
import { progressEventTitle } from '@/lib/domain/treatment-privacy';
import { checkProofFile, proofExtension, safeFileName } from '@/lib/domain/proof-files';
import { ConflictError, NotFoundError, RuleError } from '@/lib/errors';
import en from '@/lib/i18n/messages/en.json';
import es from '@/lib/i18n/messages/es.json';
import type { NoticeForResolver, ResolverResult } from '@/lib/notify/resolvers';
import { can } from '@/lib/permissions';
import { getStorage, sha256Hex } from '@/lib/storage';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { refreshCaseObligations } from './case-facts';
import { recordCaseEvent } from './case-events';
import { caseScope } from './case-scope';

/*
 * Progress on obligations: logged by the participant (or a volunteer/coordinator on their
 * behalf), with an optional proof file, then verified or rejected by a volunteer of the case's
 * board or a coordinator. Counts are per lineage (the same obligation across amendments).
 */

/** An item of the case's current (signed) agreement, in the actor's scope. */
async function currentItemInScope(db: Db, actor: Actor, itemId: string) {
  if (!z.uuid().safeParse(itemId).success) throw new NotFoundError('That obligation');
  const [row] = await db
    .select({ item: agreementItems, status: agreements.status, caseStatus: cases.status, participantId: cases.participantId, participantUserId: participants.userId, timeZone: jurisdictions.timeZone })
    .from(agreementItems)
    .innerJoin(agreements, eq(agreements.id, agreementItems.agreementId))
    .innerJoin(cases, eq(cases.id, agreementItems.caseId))
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .where(and(eq(agreementItems.id, itemId), caseScope(actor)));
  if (!row) throw new NotFoundError('That obligation');
  return row;
}

export const TREATMENT_PROGRESS_REFUSED = 'Treatment progress is not logged here: the treatment provider confirms intake, attendance and completion on the referral.';

export const logProgressSchema = z.object({
  itemId: z.uuid(),
  occurredOn: z.iso.date('Choose the date.'),
  quantity: z.preprocess((v) => (v === '' || v == null ? undefined : typeof v === 'string' ? v.replace(/[$,\s]/g, '') : v), z.coerce.number('Enter how much.').positive('Enter an amount above zero.').max(100_000)),
  place: z.string().trim().max(200).optional().default(''),
  supervisorContact: z.string().trim().max(200).optional().default(''),
  note: z.string().trim().max(1000).optional().default(''),
});

export type ProofUpload = { name: string; bytes: Uint8Array };

/**
 * Log progress. For hours, the place is required (and the supervisor's contact asked for); for
 * payments the quantity is typed in dollars and stored in cents. A proof file is checked (real type
 * by magic bytes, size, not empty) before anything is written; the bytes go to storage first, then
 * the rows in one transaction (a failed transaction leaves an orphan file, never a row without a
 * file).
 */
export async function logProgress(db: Db, actor: Actor, input: z.input<typeof logProgressSchema>, proof?: ProofUpload | null, now = new Date()) {
  if (!can(actor.role, 'progress.log')) throw new NotFoundError('That obligation');
  const p = logProgressSchema.parse(input);
  let checked: ReturnType<typeof checkProofFile> | null = null;
  if (proof) {
    checked = checkProofFile(proof.bytes);
    if (!checked.ok) throw new RuleError(checked.message, { proof: [checked.message] }, { empty: 'proofEmpty', too_large: 'proofTooLarge', wrong_type: 'proofWrongType' }[checked.code]);
  }
  const scoped = await currentItemInScope(db, actor, p.itemId);
  const { item } = scoped;
  if (scoped.status !== 'signed') throw new RuleError('Progress is logged against the signed agreement.', {}, 'progressNotSigned');
  if (scoped.caseStatus !== 'in_progress') throw new RuleError('This case is not in progress any more.', {}, 'caseNotInProgress');
  // Treatment status comes only from the provider's attestation on the referral; a progress entry
  // here would store what the participant or a volunteer says about treatment (clinical content,
  // and visible to everyone who reads the agreement).
  if (isTreatment(item.kind)) throw new RuleError(TREATMENT_PROGRESS_REFUSED);
  const today = localIsoDate(now, scoped.timeZone);
  const fe: Record<string, string[]> = {};
  if (p.occurredOn > today) fe.occurredOn = ['The date cannot be in the future.'];
  if (item.unit === 'hours' && p.quantity > 24) fe.quantity = ['At most 24 hours in one day; log each day separately.'];
  if (item.unit === 'hours' && !p.place) fe.place = ['Say where you did the hours.'];
  if (Object.keys(fe).length) throw new RuleError('Some fields need attention.', fe, 'fixFields');
  const quantity = item.unit === 'cents' ? Math.round(p.quantity * 100) : p.quantity;

  let storageKey: string | null = null;
  if (proof && checked?.ok) {
    storageKey = `proof/${item.jurisdictionId}/${item.caseId}/${randomUUID()}.${proofExtension[checked.type]}`;
    await getStorage().put(storageKey, proof.bytes);
  }
  const onBehalf = actor.role !== 'participant';
  return db.transaction(async (tx) => {
    const [entry] = await tx
      .insert(progressEntries)
      .values({ jurisdictionId: item.jurisdictionId, caseId: item.caseId, itemId: item.id, lineageId: item.lineageId, occurredOn: p.occurredOn, quantity, place: p.place || null, supervisorContact: p.supervisorContact || null, note: p.note, loggedByUserId: actor.userId, loggedByRole: actor.role, onBehalf, createdAt: now })
      .returning();
    let fileId: string | null = null;
    if (proof && checked?.ok && storageKey) {
      const [f] = await tx
        .insert(proofFiles)
        .values({ jurisdictionId: item.jurisdictionId, caseId: item.caseId, progressEntryId: entry.id, storageKey, contentType: checked.type, byteSize: proof.bytes.length, sha256: sha256Hex(proof.bytes), originalName: safeFileName(proof.name, checked.type), uploadedByUserId: actor.userId })
        .returning({ id: proofFiles.id });
      fileId = f.id;
    }
    const target = { caseId: item.caseId, jurisdictionId: item.jurisdictionId };
    await recordCaseEvent(tx, actor, target, { type: 'progress_changed', action: 'logged', entryId: entry.id, itemTitle: progressEventTitle(item), details: { quantity, unit: item.unit, occurredOn: p.occurredOn, onBehalf, proof: !!fileId } }, now);
    await writeAudit(tx, actor, { action: 'progress.log', entityType: 'progress_entry', entityId: entry.id, jurisdictionId: item.jurisdictionId, details: { itemId: item.id, quantity, unit: item.unit, onBehalf, proofFileId: fileId } });
    return { entry, fileId };
  });
}

export const reviewProgressSchema = z
  .object({
    entryId: z.uuid(),
    version: z.coerce.number().int().positive(),
    decision: z.enum(['verified', 'rejected']),
    reason: z.string().trim().max(1000).optional().default(''),
  })
  .refine((v) => v.decision === 'verified' || v.reason.length >= 3, { path: ['reason'], message: 'Say why it is rejected, so the participant knows what to fix.' });

/** Verify or reject one entry (volunteer of the case's board, or coordinator; never one's own entry). */
export async function reviewProgress(db: Db, actor: Actor, input: z.input<typeof reviewProgressSchema>, now = new Date()) {
  if (!can(actor.role, 'progress.verify')) throw new NotFoundError('That entry');
  const p = reviewProgressSchema.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ entry: progressEntries, title: agreementItems.title, kind: agreementItems.kind })
      .from(progressEntries)
      .innerJoin(agreementItems, eq(agreementItems.id, progressEntries.itemId))
      .innerJoin(cases, eq(cases.id, progressEntries.caseId))
      .where(and(eq(progressEntries.id, p.entryId), caseScope(actor)))
      .for('update', { of: progressEntries });
    if (!row) throw new NotFoundError('That entry');
    const e = row.entry;
    if (e.version !== p.version) throw new ConflictError();
    if (e.status !== 'pending') throw new RuleError(`This entry was already ${e.status}.`);
    if (e.loggedByUserId === actor.userId) throw new RuleError('Someone else must verify progress you logged yourself.');
    const [updated] = await tx
      .update(progressEntries)
      .set({ status: p.decision, reviewedByUserId: actor.userId, reviewedAt: now, rejectionReason: p.decision === 'rejected' ? p.reason : null, version: sql`${progressEntries.version} + 1` })
      .where(and(eq(progressEntries.id, e.id), eq(progressEntries.version, p.version)))
      .returning();
    if (!updated) throw new ConflictError();
    const target = { caseId: e.caseId, jurisdictionId: e.jurisdictionId };
    await recordCaseEvent(tx, actor, target, { type: 'progress_changed', action: p.decision, entryId: e.id, itemTitle: progressEventTitle(row), details: { quantity: e.quantity, reason: p.decision === 'rejected' && !isTreatment(row.kind) ? p.reason : null } }, now);
    if (p.decision === 'verified') await refreshCaseObligations(tx, e.caseId); // dashboard counts, same transaction
    await writeAudit(tx, actor, { action: `progress.${p.decision === 'verified' ? 'verify' : 'reject'}`, entityType: 'progress_entry', entityId: e.id, jurisdictionId: e.jurisdictionId, details: { reason: p.decision === 'rejected' ? p.reason : null } });
    return updated;
  });
}

/** Progress entries of a case (newest first), with their proof files and who logged/reviewed them. */
export async function listCaseProgress(db: Db, actor: Actor, caseId: string) {
  if (!can(actor.role, 'agreement.read')) throw new NotFoundError('That case');
  if (!z.uuid().safeParse(caseId).success) throw new NotFoundError('That case');
  const rows = await db
    .select({ entry: progressEntries, itemTitle: agreementItems.title, unit: agreementItems.unit, loggedBy: users.name })
    .from(progressEntries)
    .innerJoin(agreementItems, eq(agreementItems.id, progressEntries.itemId))
    .innerJoin(cases, eq(cases.id, progressEntries.caseId))
    .innerJoin(users, eq(users.id, progressEntries.loggedByUserId))
    .where(and(eq(progressEntries.caseId, caseId), caseScope(actor)))
    .orderBy(desc(progressEntries.createdAt));
  const ids = rows.map((r) => r.entry.id);
  const files = ids.length
    ? await db.select({ id: proofFiles.id, entryId: proofFiles.progressEntryId, contentType: proofFiles.contentType, byteSize: proofFiles.byteSize, name: proofFiles.originalName }).from(proofFiles).where(inArray(proofFiles.progressEntryId, ids)).orderBy(asc(proofFiles.createdAt))
    : [];
  return rows.map((r) => ({ ...r.entry, itemTitle: r.itemTitle, unit: r.unit, loggedBy: r.loggedBy, files: files.filter((f) => f.entryId === r.entry.id) }));
}
export type ProgressRow = Awaited<ReturnType<typeof listCaseProgress>>[number];

/**
 * One proof file for someone who may see its case (scoped in SQL: out of scope = not found).
 * Reading is audited: proof files are personal.
 */
export async function getProofFile(db: Db, actor: Actor, fileId: string) {
  if (!can(actor.role, 'proof.read') || !z.uuid().safeParse(fileId).success) throw new NotFoundError('That file');
  const [row] = await db
    .select({ file: proofFiles })
    .from(proofFiles)
    .innerJoin(cases, eq(cases.id, proofFiles.caseId))
    .where(and(eq(proofFiles.id, fileId), caseScope(actor)));
  if (!row) {
    await writeAudit(db, actor, { action: 'proof.read', outcome: 'denied', entityType: 'proof_file', entityId: fileId });
    throw new NotFoundError('That file');
  }
  const bytes = await getStorage().get(row.file.storageKey);
  if (!bytes) throw new NotFoundError('That file');
  await writeAudit(db, actor, { action: 'proof.read', entityType: 'proof_file', entityId: fileId, jurisdictionId: row.file.jurisdictionId, details: { caseId: row.file.caseId } });
  return { meta: row.file, bytes };
}

/**
 * Obligations past due and entries waiting for review on the cases in the actor's scope (the
 * board's dashboard): items of signed agreements whose verified total is below target.
 */
export async function listObligationAlerts(db: Db, actor: Actor, now = new Date()) {
  if (!can(actor.role, 'agreement.read')) return { overdue: [], pendingReview: 0 };
  const rows = await db
    .select({
      itemId: agreementItems.id,
      caseId: cases.id,
      title: agreementItems.title,
      dueOn: agreementItems.dueOn,
      target: agreementItems.targetQuantity,
      unit: agreementItems.unit,
      firstName: participants.firstName,
      lastName: participants.lastName,
      timeZone: jurisdictions.timeZone,
      verified: sql<string>`coalesce((select sum(pe.quantity) from ${progressEntries} pe where pe.lineage_id = ${agreementItems.lineageId} and pe.status = 'verified'), 0)`,
    })
    .from(agreementItems)
    .innerJoin(agreements, eq(agreements.id, agreementItems.agreementId))
    .innerJoin(cases, eq(cases.id, agreementItems.caseId))
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .where(and(eq(agreements.status, 'signed'), eq(cases.status, 'in_progress'), ne(agreementItems.kind, 'check_in_hearing'), caseScope(actor), sql`${agreementItems.dueOn} < (${now}::timestamptz at time zone ${jurisdictions.timeZone})::date`))
    .orderBy(asc(agreementItems.dueOn))
    .limit(200);
  const overdue = rows
    .map((r) => ({ ...r, ...obligationProgress(r.target, Number(r.verified), r.dueOn, localIsoDate(now, r.timeZone)) }))
    .filter((r) => r.state === 'overdue');
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(progressEntries)
    .innerJoin(cases, eq(cases.id, progressEntries.caseId))
    .where(and(eq(progressEntries.status, 'pending'), caseScope(actor)));
  return { overdue, pendingReview: n };
}

/**
 * "Still due?" for obligation notices: re-read the obligation's lineage in the current signed
 * agreement. Done, amended away or closed → skip; otherwise send with the current title and date
 * (an overdue notice only once the current due date has passed). Items are stored in English: the
 * title is put in the notice's language here (standard wording such as "Treatment assessment" is
 * translated, what the panel typed is sent as written), so what was queued never decides it.
 */
export async function resolveObligationNotice(db: Db, notice: NoticeForResolver): Promise<ResolverResult> {
  const lineageId = notice.subjectId;
  if (!lineageId) return { send: false, reason: 'No obligation on the notice' };
  const [row] = await db
    .select({ item: agreementItems, timeZone: jurisdictions.timeZone })
    .from(agreementItems)
    .innerJoin(agreements, eq(agreements.id, agreementItems.agreementId))
    .innerJoin(jurisdictions, eq(jurisdictions.id, agreementItems.jurisdictionId))
    .where(and(eq(agreementItems.lineageId, lineageId), eq(agreements.status, 'signed')));
  if (!row) return { send: false, reason: 'The obligation is no longer in the signed agreement' };
  const [{ total }] = await db
    .select({ total: sql<string>`coalesce(sum(${progressEntries.quantity}), 0)` })
    .from(progressEntries)
    .where(and(eq(progressEntries.lineageId, lineageId), eq(progressEntries.status, 'verified')));
  const prog = obligationProgress(row.item.targetQuantity, Number(total), row.item.dueOn, localIsoDate(new Date(), row.timeZone));
  if (prog.state === 'complete') return { send: false, reason: 'The obligation is done' };
  if (notice.templateKey === 'obligation.overdue' && prog.state !== 'overdue') return { send: false, reason: 'Not past due (the date moved)' };
  const lang = notice.locale === 'es' ? 'es' : 'en';
  const { title } = localizeItemText(row.item, lang, (lang === 'es' ? es : en).agreements.standardText);
  return { send: true, data: { obligationId: lineageId, title, dueOn: row.item.dueOn } };
}
