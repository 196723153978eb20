import 'server-only';
import { and, desc, eq, gte, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { cases, outbox, supportContacts, type NoticeChannel, type NoticeStatus, noticeChannelEnum, noticeStatusEnum } from '@/db/schema';
import type { Locale } from '@/db/schema/users';
import type { Actor } from '@/lib/auth/actor';
import { ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';
import { templateDataSchemas, type TemplateData, type TemplateKey } from '@/lib/notify/templates/data';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { decodeTimeCursor, encodeTimeCursor } from './keyset-cursor';
import { writeAudit } from './audit';
import { caseScope } from './case-scope';
import { addressFor, loadPreferences, loadRecipients, recipientKey, type RecipientRef } from './notice-recipients';

export type EnqueueNoticeInput<K extends TemplateKey = TemplateKey> = {
  jurisdictionId: string;
  caseId?: string | null;
  recipient: RecipientRef;
  channel: NoticeChannel;
  template: K;
  data: TemplateData<K>;
  /** Defaults to the recipient's language. */
  locale?: Locale;
  sendAfter?: Date;
  /** Unique per notice, e.g. `hearing:<id>:v3:reminder-2d:participant:<id>:sms`. Re-enqueueing it is a no-op. */
  idempotencyKey: string;
  /** What the notice is about, so `cancelNotices` can find it when that thing changes. */
  subject?: { type: string; id: string } | null;
  maxAttempts?: number;
};

/**
 * Insert outbox rows inside the caller's transaction (pass `tx`), so the notice exists exactly when
 * the change that caused it commits. Data is checked against the template's schema now, not at
 * send time. A key already in the outbox is skipped (idempotent enqueue). Returns the new rows' ids.
 */
export async function enqueueNotices(tx: Db, inputs: EnqueueNoticeInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const recipients = await loadRecipients(tx, inputs.map((i) => i.recipient));
  const values = inputs.map((i) => {
    const r = recipients.get(recipientKey(i.recipient));
    if (!r) throw new Error(`Notice recipient ${recipientKey(i.recipient)} does not exist`);
    // Nothing crosses jurisdictions: a notice about one office never goes to another's people.
    if (r.jurisdictionId !== i.jurisdictionId) throw new Error(`Notice recipient ${recipientKey(i.recipient)} belongs to another jurisdiction`);
    const data = templateDataSchemas[i.template].parse(i.data) as Record<string, unknown>;
    const addr = addressFor(r, i.channel);
    return {
      jurisdictionId: i.jurisdictionId,
      caseId: i.caseId ?? null,
      recipientKind: i.recipient.kind,
      recipientId: i.recipient.id,
      channel: i.channel,
      templateKey: i.template,
      data,
      locale: i.locale ?? r.locale,
      subjectType: i.subject?.type ?? null,
      subjectId: i.subject?.id ?? null,
      sendAfter: i.sendAfter ?? new Date(),
      idempotencyKey: i.idempotencyKey,
      toAddress: addr.ok ? addr.address : null,
      ...(i.maxAttempts ? { maxAttempts: i.maxAttempts } : {}),
    };
  });
  const ids: string[] = [];
  for (let k = 0; k < values.length; k += 500) {
    const rows = await tx
      .insert(outbox)
      .values(values.slice(k, k + 500))
      .onConflictDoNothing({ target: outbox.idempotencyKey })
      .returning({ id: outbox.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export async function enqueueNotice<K extends TemplateKey>(tx: Db, input: EnqueueNoticeInput<K>): Promise<{ id: string | null; created: boolean }> {
  const [id] = await enqueueNotices(tx, [input as EnqueueNoticeInput]);
  return { id: id ?? null, created: Boolean(id) };
}

export type NotifyParticipantInput<K extends TemplateKey = TemplateKey> = {
  jurisdictionId: string;
  caseId?: string | null;
  participantId: string;
  template: K;
  data: TemplateData<K>;
  sendAfter?: Date;
  /** Base of the idempotency keys; recipient and channel are appended. */
  key: string;
  subject?: { type: string; id: string } | null;
  channels?: NoticeChannel[];
};

/**
 * Everyone who should hear about something that concerns a participant: the participant on each
 * channel they can be reached on and accept, and every active support contact they named. When
 * nobody can be reached, one skipped row records it so the coordinator sees it on the case.
 */
export async function notifyParticipant<K extends TemplateKey>(tx: Db, input: NotifyParticipantInput<K>): Promise<string[]> {
  const channels = input.channels ?? (['email', 'sms'] as NoticeChannel[]);
  const contacts = await tx
    .select({ id: supportContacts.id })
    .from(supportContacts)
    .where(and(eq(supportContacts.participantId, input.participantId), eq(supportContacts.active, true), eq(supportContacts.receivesNotices, true)));
  const refs: RecipientRef[] = [{ kind: 'participant', id: input.participantId }, ...contacts.map((c) => ({ kind: 'support_contact' as const, id: c.id }))];
  const [recipients, prefs] = await Promise.all([loadRecipients(tx, refs), loadPreferences(tx, refs)]);
  const planned: EnqueueNoticeInput[] = [];
  for (const ref of refs) {
    const r = recipients.get(recipientKey(ref));
    if (!r) continue;
    const pref = prefs.get(recipientKey(ref)) ?? { email: true, sms: true };
    for (const channel of channels) {
      if ((channel === 'email' && !pref.email) || (channel === 'sms' && !pref.sms)) continue;
      // An address that is present but malformed is still queued: its failure is what tells the
      // coordinator to fix it.
      const addr = addressFor(r, channel);
      if (!addr.ok && addr.code === 'no_address') continue;
      planned.push({
        jurisdictionId: input.jurisdictionId,
        caseId: input.caseId ?? null,
        recipient: ref,
        channel,
        template: input.template,
        data: input.data,
        sendAfter: input.sendAfter,
        idempotencyKey: `${input.key}:${ref.kind}:${ref.id}:${channel}`,
        subject: input.subject ?? null,
      });
    }
  }
  if (planned.length > 0) return enqueueNotices(tx, planned);
  const data = templateDataSchemas[input.template].parse(input.data) as Record<string, unknown>;
  const rows = await tx
    .insert(outbox)
    .values({
      jurisdictionId: input.jurisdictionId,
      caseId: input.caseId ?? null,
      recipientKind: 'participant',
      recipientId: input.participantId,
      channel: channels.includes('sms') ? 'sms' : channels[0],
      templateKey: input.template,
      data,
      locale: recipients.get(`participant:${input.participantId}`)?.locale ?? 'en',
      subjectType: input.subject?.type ?? null,
      subjectId: input.subject?.id ?? null,
      sendAfter: input.sendAfter ?? new Date(),
      idempotencyKey: `${input.key}:participant:${input.participantId}:unreachable`,
      status: 'skipped',
      lastErrorCode: 'unreachable',
      lastError: 'No phone or email on file (or every channel turned off), and no support contact',
    })
    .onConflictDoNothing({ target: outbox.idempotencyKey })
    .returning({ id: outbox.id });
  return rows.map((r) => r.id);
}

/**
 * Cancel pending notices about something that changed (a hearing moved or was cancelled, a case
 * closed). Call in the same transaction as the change, then enqueue what is now true. A notice
 * already being sent is not stopped here; its resolver re-reads the state just before sending.
 */
export async function cancelNotices(tx: Db, input: { subjectType: string; subjectId: string; templates?: TemplateKey[]; reason?: string }): Promise<number> {
  const rows = await tx
    .update(outbox)
    .set({ status: 'cancelled', lastErrorCode: 'cancelled', lastError: input.reason ?? 'No longer applies', leaseUntil: null, leaseOwner: null, updatedAt: new Date() })
    .where(
      and(
        eq(outbox.subjectType, input.subjectType),
        eq(outbox.subjectId, input.subjectId),
        eq(outbox.status, 'pending'),
        input.templates?.length ? inArray(outbox.templateKey, input.templates) : undefined,
      ),
    )
    .returning({ id: outbox.id });
  return rows.length;
}

/** Statuses from which the participant knows about the program (an offer was made). */
const knowsProgram = new Set(['offered', 'accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress']);
const remindersOfOpenCase: TemplateKey[] = ['hearing.confirmation', 'hearing.reminder', 'hearing.changed', 'hearing.no_show', 'obligation.due_soon', 'obligation.overdue'];

/**
 * Notices that follow a case's status change, in the transaction of the change: on completion or
 * return, pending reminders about the case are cancelled and the outcome notice is enqueued. A
 * return before any offer sends nothing (the person never heard of the program; the office
 * contacts them).
 */
export async function noticesForCaseStatus(tx: Db, input: { caseId: string; jurisdictionId: string; participantId: string; from: string; to: string }) {
  if (input.to !== 'completed' && input.to !== 'returned') return;
  await tx
    .update(outbox)
    .set({ status: 'cancelled', lastErrorCode: 'case_closed', lastError: 'The case closed', updatedAt: new Date() })
    .where(and(eq(outbox.caseId, input.caseId), eq(outbox.status, 'pending'), inArray(outbox.templateKey, remindersOfOpenCase)));
  if (input.to === 'returned' && !knowsProgram.has(input.from)) return;
  await notifyParticipant(tx, {
    jurisdictionId: input.jurisdictionId,
    caseId: input.caseId,
    participantId: input.participantId,
    template: input.to === 'completed' ? 'case.completed' : 'case.returned',
    data: {},
    key: `case:${input.caseId}:${input.to}`,
    subject: { type: 'case', id: input.caseId },
  });
}

/** The outbox columns people see (staff views); rendered text only for the admin Outbox page. */
const noticeColumns = {
  id: outbox.id,
  caseId: outbox.caseId,
  recipientKind: outbox.recipientKind,
  recipientId: outbox.recipientId,
  channel: outbox.channel,
  templateKey: outbox.templateKey,
  locale: outbox.locale,
  status: outbox.status,
  attempts: outbox.attempts,
  sendAfter: outbox.sendAfter,
  sentAt: outbox.sentAt,
  createdAt: outbox.createdAt,
  updatedAt: outbox.updatedAt,
  toAddress: outbox.toAddress,
  transport: outbox.transport,
  lastError: outbox.lastError,
  lastErrorCode: outbox.lastErrorCode,
};

async function withRecipientNames<T extends { recipientKind: RecipientRef['kind']; recipientId: string }>(db: Db, rows: T[]) {
  const recipients = await loadRecipients(db, rows.map((r) => ({ kind: r.recipientKind, id: r.recipientId })));
  return rows.map((r) => {
    const who = recipients.get(`${r.recipientKind}:${r.recipientId}`);
    return { ...r, recipientName: who?.displayName ?? '—', onBehalfOf: who?.onBehalfOf ?? null };
  });
}

async function requireCaseInScope(db: Db, actor: Actor, caseId: string) {
  if (!z.uuid().safeParse(caseId).success) throw new NotFoundError('That case');
  const [c] = await db.select({ id: cases.id, participantId: cases.participantId, jurisdictionId: cases.jurisdictionId }).from(cases).where(and(eq(cases.id, caseId), caseScope(actor)));
  if (!c) throw new NotFoundError('That case');
  return c;
}

/** Every notice about one case, newest first: what went out, on which channel, and what failed. */
export async function listCaseNotices(db: Db, actor: Actor, caseId: string) {
  if (!can(actor.role, 'notice.read')) throw new ForbiddenError();
  await requireCaseInScope(db, actor, caseId);
  const rows = await db.select(noticeColumns).from(outbox).where(eq(outbox.caseId, caseId)).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(200);
  return withRecipientNames(db, rows);
}
export type CaseNotice = Awaited<ReturnType<typeof listCaseNotices>>[number];

/** Codes that mean "the contact details need fixing" rather than "the person chose this". */
export const contactProblemCodes = ['no_address', 'invalid_address', 'unreachable'] as const;

/**
 * People the program cannot reach: for each person and channel, the latest finished notice in the
 * last 90 days failed, or was skipped for a missing or invalid address, or the number replied STOP.
 */
export async function listFailingContacts(db: Db, actor: Actor, now = new Date()) {
  if (!can(actor.role, 'notice.read')) throw new ForbiddenError();
  const latest = await db
    .selectDistinctOn([outbox.recipientKind, outbox.recipientId, outbox.channel], noticeColumns)
    .from(outbox)
    .innerJoin(cases, eq(cases.id, outbox.caseId))
    .where(
      and(
        eq(outbox.jurisdictionId, actor.jurisdictionId),
        caseScope(actor),
        gte(outbox.createdAt, new Date(now.getTime() - 90 * 86_400_000)),
        or(inArray(outbox.status, ['sent', 'failed', 'skipped']), and(eq(outbox.status, 'pending'), isNotNull(outbox.lastError), sql`${outbox.attempts} > 0`)),
      ),
    )
    .orderBy(outbox.recipientKind, outbox.recipientId, outbox.channel, desc(outbox.createdAt));
  const failing = latest.filter(
    (n) =>
      n.status === 'failed' ||
      (n.status === 'pending' && n.lastError) ||
      (n.status === 'skipped' && (n.lastErrorCode === 'opted_out' || (contactProblemCodes as readonly string[]).includes(n.lastErrorCode ?? ''))),
  );
  failing.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  return withRecipientNames(db, failing);
}

export const outboxFilterSchema = z.object({
  status: z.enum(noticeStatusEnum.enumValues).optional(),
  channel: z.enum(noticeChannelEnum.enumValues).optional(),
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/**
 * The admin Outbox: every notice of the jurisdiction as rendered (subject, body, attachments) and
 * the provider's answer; in demo mode this is where messages "arrive". Keyset-paginated.
 */
export async function listOutbox(db: Db, actor: Actor, filter: z.input<typeof outboxFilterSchema> = {}) {
  if (!can(actor.role, 'notice.outbox')) throw new ForbiddenError();
  const f = outboxFilterSchema.parse(filter);
  const cursor = decodeTimeCursor(f.before);
  const rows = await db
    .select({
      ...noticeColumns,
      idempotencyKey: outbox.idempotencyKey,
      providerMessageId: outbox.providerMessageId,
      providerResponse: outbox.providerResponse,
      renderedSubject: outbox.renderedSubject,
      renderedBody: outbox.renderedBody,
      renderedAttachments: outbox.renderedAttachments,
    })
    .from(outbox)
    .where(
      and(
        eq(outbox.jurisdictionId, actor.jurisdictionId),
        f.status ? eq(outbox.status, f.status as NoticeStatus) : undefined,
        f.channel ? eq(outbox.channel, f.channel as NoticeChannel) : undefined,
        // Row comparison: one bound on outbox_jurisdiction_created_idx (see listCases).
        cursor ? sql`(${outbox.createdAt}, ${outbox.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const next = rows.length > f.limit && last ? encodeTimeCursor(last.createdAt, last.id) : null;
  return { items: await withRecipientNames(db, page), next };
}

export const retryNoticeSchema = z.object({ caseId: z.uuid(), noticeId: z.uuid() });

/**
 * Send a failed notice again (after the coordinator fixed the number or address). Same idempotency
 * key: the provider never accepted it, so it cannot deliver twice. The worker re-checks opt-outs.
 */
export async function retryNotice(db: Db, actor: Actor, input: z.input<typeof retryNoticeSchema>) {
  if (!can(actor.role, 'contact.manage')) throw new ForbiddenError();
  const { caseId, noticeId } = retryNoticeSchema.parse(input);
  return db.transaction(async (tx) => {
    await requireCaseInScope(tx, actor, caseId);
    const [n] = await tx.select({ status: outbox.status, code: outbox.lastErrorCode }).from(outbox).where(and(eq(outbox.id, noticeId), eq(outbox.caseId, caseId))).for('update');
    if (!n) throw new NotFoundError('That notice');
    const retryable = n.status === 'failed' || (n.status === 'skipped' && ['no_address', 'invalid_address'].includes(n.code ?? ''));
    if (!retryable) throw new RuleError('Only a failed notice, or one skipped for a missing or invalid address, can be sent again.');
    await tx
      .update(outbox)
      .set({ status: 'pending', attempts: 0, sendAfter: new Date(), lastError: null, lastErrorCode: null, leaseUntil: null, leaseOwner: null, updatedAt: new Date() })
      .where(eq(outbox.id, noticeId));
    await writeAudit(tx, actor, { action: 'notice.retry', entityType: 'notice', entityId: noticeId, details: { caseId, previousStatus: n.status } });
    return { id: noticeId };
  });
}
