import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { cases, outbox, participants, smsOptOuts, supportContacts, type Jurisdiction } from './schema';
import { normalizePhone } from '@/lib/notify/phone';
import { renderNotice, type TemplateKey } from '@/lib/notify/templates';
import type { Db } from './types';

/**
 * Demo notices, rendered by the real templates so the admin Outbox and the coordinator's views show
 * what the worker produces: outcome messages to completed and returned cases (text and email, one
 * in Spanish), a number that is not valid (failed), a number that replied STOP (skipped), and a
 * participant without a phone whose case worker receives notices for them. Deterministic: picks
 * cases by case number and derives every time from the case's own closing time.
 */
export async function seedNotify(tx: Db, ctx: { jurisdiction: Jurisdiction }) {
  const j = ctx.jurisdiction;
  const closed = await tx
    .select({ c: cases, p: participants })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(and(eq(cases.jurisdictionId, j.id), inArray(cases.status, ['completed', 'returned'])))
    .orderBy(asc(cases.externalCaseNumber));
  const completed = closed.filter((r) => r.c.status === 'completed');
  // Returned after an offer: the person knew the program, so they were told.
  const returned = closed.filter((r) => r.c.status === 'returned' && r.c.returnReason !== 'ineligible');
  if (completed.length < 6 || returned.length < 1) return;

  // The stories: who is who among the closed cases.
  const [spanish, invalid, noPhone, ...plain] = completed;
  const stopped = returned[0];
  await tx.update(participants).set({ preferredLanguage: 'es', email: 'gabriela.demo@example.org' }).where(eq(participants.id, spanish.p.id));
  spanish.p = { ...spanish.p, preferredLanguage: 'es', email: 'gabriela.demo@example.org' };
  await tx.update(participants).set({ phone: '816-555-01' }).where(eq(participants.id, invalid.p.id));
  await tx.update(participants).set({ phone: null }).where(eq(participants.id, noPhone.p.id));
  const [caseWorker] = await tx
    .insert(supportContacts)
    .values({ jurisdictionId: j.id, participantId: noPhone.p.id, name: 'Dana Ortiz', relationship: 'Case worker, ReDiscover', phone: '(816) 555-0188', email: 'dana.ortiz@example.org', locale: 'en', createdAt: new Date(noPhone.c.closedAt!.getTime() - 20 * 86_400_000) })
    .returning();
  const stopPhone = normalizePhone(stopped.p.phone)!;
  const stoppedAt = new Date(stopped.c.closedAt!.getTime() - 3 * 86_400_000);
  await tx.insert(smsOptOuts).values({ phone: stopPhone, optedOut: true, optedOutAt: stoppedAt, source: 'keyword', lastKeyword: 'STOP', updatedAt: stoppedAt });

  const rows: (typeof outbox.$inferInsert)[] = [];
  const add = (o: {
    caseRow: (typeof closed)[number];
    template: TemplateKey;
    channel: 'sms' | 'email';
    recipient: { kind: 'participant' | 'support_contact'; id: string; name: string; locale: 'en' | 'es'; onBehalfOf?: string };
    to: string | null;
    outcome: 'sent' | 'failed' | 'skipped';
    code?: string;
    error?: string;
  }) => {
    const at = new Date(o.caseRow.c.closedAt!.getTime() + 5 * 60_000);
    const key = `case:${o.caseRow.c.id}:${o.caseRow.c.status}:${o.recipient.kind}:${o.recipient.id}:${o.channel}`;
    const base = {
      jurisdictionId: j.id,
      caseId: o.caseRow.c.id,
      recipientKind: o.recipient.kind,
      recipientId: o.recipient.id,
      channel: o.channel,
      templateKey: o.template,
      data: {},
      locale: o.recipient.locale,
      subjectType: 'case',
      subjectId: o.caseRow.c.id,
      sendAfter: at,
      idempotencyKey: key,
      attempts: o.outcome === 'skipped' ? 0 : 1,
      toAddress: o.to,
      createdAt: new Date(at.getTime() - 5 * 60_000),
      updatedAt: at,
    };
    if (o.outcome !== 'sent') {
      rows.push({ ...base, status: o.outcome, lastErrorCode: o.code, lastError: o.error });
      return;
    }
    const r = renderNotice(o.template, o.channel, {}, {
      locale: o.recipient.locale,
      timeZone: j.timeZone,
      programName: j.settings.programName,
      helpPhone: j.settings.helpPhone,
      recipientName: o.recipient.name,
      onBehalfOf: o.recipient.onBehalfOf ?? null,
    });
    rows.push({
      ...base,
      status: 'sent',
      sentAt: at,
      transport: 'demo',
      providerMessageId: `demo-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`,
      providerResponse: 'Stored for the Outbox page (demo mode: not sent)',
      renderedSubject: r.subject,
      renderedBody: r.body,
      renderedAttachments: r.attachments,
    });
  };
  const me = (x: (typeof closed)[number]) => ({ kind: 'participant' as const, id: x.p.id, name: x.p.firstName, locale: x.p.preferredLanguage });

  for (const x of plain.slice(0, 4)) add({ caseRow: x, template: 'case.completed', channel: 'sms', recipient: me(x), to: normalizePhone(x.p.phone), outcome: 'sent' });
  add({ caseRow: spanish, template: 'case.completed', channel: 'sms', recipient: me(spanish), to: normalizePhone(spanish.p.phone), outcome: 'sent' });
  add({ caseRow: spanish, template: 'case.completed', channel: 'email', recipient: me(spanish), to: 'gabriela.demo@example.org', outcome: 'sent' });
  add({ caseRow: invalid, template: 'case.completed', channel: 'sms', recipient: me(invalid), to: null, outcome: 'failed', code: 'invalid_address', error: 'Phone number "816-555-01" is not valid' });
  const dana = { kind: 'support_contact' as const, id: caseWorker.id, name: 'Dana', locale: 'en' as const, onBehalfOf: `${noPhone.p.firstName} ${noPhone.p.lastName.slice(0, 1)}.` };
  add({ caseRow: noPhone, template: 'case.completed', channel: 'sms', recipient: dana, to: '+18165550188', outcome: 'sent' });
  add({ caseRow: noPhone, template: 'case.completed', channel: 'email', recipient: dana, to: 'dana.ortiz@example.org', outcome: 'sent' });
  add({ caseRow: stopped, template: 'case.returned', channel: 'sms', recipient: me(stopped), to: stopPhone, outcome: 'skipped', code: 'opted_out', error: 'This number replied STOP' });
  await tx.insert(outbox).values(rows);
}
