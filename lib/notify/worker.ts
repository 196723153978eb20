/**
 * The outbox worker. Each pass claims due rows (FOR UPDATE SKIP LOCKED, so any number of workers
 * share the table without taking the same row), stamps them `sending` with a lease and bumps
 * `attempts`, then for each row: quiet hours → still due? (case open, template resolver) → recipient,
 * address, channel choice and STOP → render → send with the idempotency key → record the provider's
 * answer. Every record is guarded by `status = 'sending' and lease_owner = me`, so a worker whose
 * lease was taken over cannot overwrite the newer outcome.
 *
 * Delivery guarantee (see lib/notify/README.md): the database gives at-least-once — a worker killed
 * after the provider accepted but before recording leaves a `sending` row whose lease expires and
 * is claimed again. The second attempt carries the same idempotency key (SMS header, email
 * Message-ID), and a provider that dedupes on it makes the delivery exactly-once.
 */
import 'server-only';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { cases, jurisdictions, outbox, type Notice } from '@/db/schema';
import type { Db } from '@/db/types';
import { addressFor, loadOptedOut, loadPreferences, loadRecipients, recipientKey } from '@/db/queries/notice-recipients';
import { deferForQuietHours, isQuietTime, defaultQuietHours } from './quiet-hours';
import { resolverFor } from './resolvers';
import { isTemplateKey, renderNotice } from './templates';
import { PermanentSendError, type Transports } from './transports';

export type WorkerOptions = {
  db: Db;
  transports: Transports;
  workerId?: string;
  /** Rows claimed per pass. */
  batchSize?: number;
  /** Sends in flight at once within a pass. */
  concurrency?: number;
  /** How long a claim holds before another worker may take the row over. Longer than any send. */
  leaseMs?: number;
  now?: () => Date;
  /** Delay before retry number `attempt` (1-based) after a transient failure. */
  backoffMs?: (attempt: number) => number;
  log?: (line: string) => void;
};

export type PassResult = { claimed: number; sent: number; failed: number; retrying: number; skipped: number; deferred: number; lost: number };

/** Reminders about a case stop by themselves once the case is closed; outcome notices do not. */
/** Asked for by the person a moment ago: quiet hours protect from unasked texts, not from these. */
const ANY_HOUR = new Set(['auth.sign_in_code']);
const NEEDS_OPEN_CASE = new Set(['hearing.confirmation', 'hearing.reminder', 'hearing.changed', 'hearing.no_show', 'obligation.due_soon', 'obligation.overdue']);

export const defaultBackoffMs = (attempt: number) => {
  const base = Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
};

export function defaultWorkerId() {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

type Outcome =
  | { kind: 'sent'; providerMessageId: string; response: string; transport: string; to: string; subject: string | null; body: string; attachments: Notice['renderedAttachments']; locale: Notice['locale'] }
  | { kind: 'failed' | 'skipped'; code: string; message: string; to?: string | null }
  | { kind: 'retry'; message: string; to?: string | null }
  | { kind: 'defer'; until: Date };

/** One pass: claim up to batchSize due rows and settle each of them. */
export async function processDueNotices(opts: WorkerOptions): Promise<PassResult> {
  const { db, transports } = opts;
  const me = opts.workerId ?? defaultWorkerId();
  const now = opts.now ?? (() => new Date());
  const leaseMs = opts.leaseMs ?? 120_000;
  const log = opts.log ?? ((l: string) => console.log(`[notify ${me}] ${l}`));
  const result: PassResult = { claimed: 0, sent: 0, failed: 0, retrying: 0, skipped: 0, deferred: 0, lost: 0 };

  const at = now();
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(or(and(eq(outbox.status, 'pending'), lte(outbox.sendAfter, at)), and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, at))))
    .orderBy(outbox.sendAfter)
    .limit(opts.batchSize ?? 50)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(outbox)
    .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, leaseUntil: new Date(at.getTime() + leaseMs), leaseOwner: me, updatedAt: at })
    .where(inArray(outbox.id, due))
    .returning();
  result.claimed = claimed.length;
  if (claimed.length === 0) return result;

  // Everything the batch needs, in a handful of queries.
  const refs = claimed.map((n) => ({ kind: n.recipientKind, id: n.recipientId }));
  const jurisdictionIds = [...new Set(claimed.map((n) => n.jurisdictionId))];
  const caseIds = [...new Set(claimed.map((n) => n.caseId).filter((x): x is string => Boolean(x)))];
  const [recipients, prefs, js, caseRows] = await Promise.all([
    loadRecipients(db, refs),
    loadPreferences(db, refs),
    db.select({ id: jurisdictions.id, timeZone: jurisdictions.timeZone, settings: jurisdictions.settings }).from(jurisdictions).where(inArray(jurisdictions.id, jurisdictionIds)),
    caseIds.length ? db.select({ id: cases.id, status: cases.status }).from(cases).where(inArray(cases.id, caseIds)) : Promise.resolve([]),
  ]);
  const phones = claimed.flatMap((n) => {
    const r = recipients.get(recipientKey({ kind: n.recipientKind, id: n.recipientId }));
    const a = r && n.channel === 'sms' ? addressFor(r, 'sms') : null;
    return a?.ok ? [a.address] : [];
  });
  const optedOut = await loadOptedOut(db, phones);
  const jurisdictionById = new Map(js.map((j) => [j.id, j]));
  const caseStatus = new Map(caseRows.map((c) => [c.id, c.status]));

  const settle = async (n: Notice): Promise<Outcome> => {
    if (n.attempts > n.maxAttempts) return { kind: 'failed', code: 'too_many_attempts', message: `Gave up after ${n.maxAttempts} attempts` };
    if (!isTemplateKey(n.templateKey)) return { kind: 'failed', code: 'unknown_template', message: `No template "${n.templateKey}"` };
    const j = jurisdictionById.get(n.jurisdictionId);
    if (!j) return { kind: 'failed', code: 'no_jurisdiction', message: 'Jurisdiction not found' };
    const sendAt = now();
    if (n.channel === 'sms' && !ANY_HOUR.has(n.templateKey)) {
      const qh = j.settings.smsQuietHours ?? defaultQuietHours;
      if (isQuietTime(sendAt, j.timeZone, qh)) return { kind: 'defer', until: deferForQuietHours(sendAt, j.timeZone, qh) };
    }
    const status = n.caseId ? caseStatus.get(n.caseId) : undefined;
    if (NEEDS_OPEN_CASE.has(n.templateKey) && (status === 'completed' || status === 'returned')) {
      return { kind: 'skipped', code: 'case_closed', message: 'The case is closed' };
    }
    const r = recipients.get(recipientKey({ kind: n.recipientKind, id: n.recipientId }));
    // The recipient's language when the notice goes out, not when it was queued: reminders are
    // queued at booking or signing, weeks ahead, and someone who switches to Spanish meanwhile
    // must get them in Spanish.
    const locale = r?.locale ?? n.locale;
    let data = n.data;
    const resolver = resolverFor(n.templateKey);
    if (resolver) {
      const verdict = await resolver(db, { ...n, locale });
      if (!verdict.send) return { kind: 'skipped', code: 'not_due', message: verdict.reason };
      data = verdict.data;
    }
    if (!r || !r.active) return { kind: 'skipped', code: 'no_recipient', message: 'The recipient no longer receives notices' };
    const addr = addressFor(r, n.channel);
    if (!addr.ok) return addr.code === 'no_address' ? { kind: 'skipped', code: 'no_address', message: addr.message } : { kind: 'failed', code: addr.code, message: addr.message };
    const pref = prefs.get(recipientKey(r)) ?? { email: true, sms: true };
    if ((n.channel === 'email' && !pref.email) || (n.channel === 'sms' && !pref.sms)) {
      return { kind: 'skipped', code: 'channel_off', message: `${n.channel === 'sms' ? 'Text messages' : 'Email'} turned off for this person`, to: addr.address };
    }
    if (n.channel === 'sms' && optedOut.has(addr.address)) return { kind: 'skipped', code: 'opted_out', message: 'This number replied STOP', to: addr.address };

    let rendered: ReturnType<typeof renderNotice>;
    try {
      rendered = renderNotice(n.templateKey, n.channel, data, {
        locale,
        timeZone: j.timeZone,
        programName: j.settings.programName,
        helpPhone: j.settings.helpPhone,
        recipientName: r.greetingName,
        onBehalfOf: r.onBehalfOf,
        senderEmail: process.env.SMTP_FROM || undefined,
      });
    } catch (err) {
      return { kind: 'failed', code: 'bad_data', message: `Could not render: ${err instanceof Error ? err.message.slice(0, 300) : String(err)}` };
    }
    const transport = transports[n.channel];
    try {
      const res = await transport.send({
        channel: n.channel,
        to: n.channel === 'portal' ? (r.portalUserId ?? '') : addr.address,
        subject: rendered.subject,
        text: rendered.body,
        attachments: rendered.attachments,
        idempotencyKey: n.idempotencyKey,
        fromName: j.settings.programName,
      });
      return { kind: 'sent', ...res, transport: transport.name, to: addr.address, subject: rendered.subject, body: rendered.body, attachments: rendered.attachments, locale };
    } catch (err) {
      const message = err instanceof Error ? err.message.slice(0, 500) : String(err);
      if (err instanceof PermanentSendError) return { kind: 'failed', code: err.code, message, to: addr.address };
      if (n.attempts >= n.maxAttempts) return { kind: 'failed', code: 'gave_up', message: `Gave up after ${n.attempts} attempts: ${message}`, to: addr.address };
      return { kind: 'retry', message, to: addr.address };
    }
  };

  const record = async (n: Notice, o: Outcome) => {
    const t = now();
    const base = { leaseUntil: null, leaseOwner: null, updatedAt: t };
    let patch: PgUpdateSetSource<typeof outbox>;
    switch (o.kind) {
      case 'sent':
        patch = {
          ...base,
          status: 'sent',
          sentAt: t,
          toAddress: o.to,
          transport: o.transport,
          providerMessageId: o.providerMessageId,
          providerResponse: o.response.slice(0, 500),
          renderedSubject: o.subject,
          renderedBody: o.body,
          renderedAttachments: o.attachments,
          // The language it went out in (the recipient may have changed it since it was queued).
          locale: o.locale,
          lastError: null,
          lastErrorCode: null,
        };
        break;
      case 'failed':
      case 'skipped':
        patch = { ...base, status: o.kind, lastErrorCode: o.code, lastError: o.message, ...(o.to ? { toAddress: o.to } : {}) };
        break;
      case 'retry':
        patch = { ...base, status: 'pending', sendAfter: new Date(t.getTime() + (opts.backoffMs ?? defaultBackoffMs)(n.attempts)), lastErrorCode: 'transient', lastError: o.message, ...(o.to ? { toAddress: o.to } : {}) };
        break;
      case 'defer':
        // Waiting for quiet hours to end is not a failed attempt.
        patch = { ...base, status: 'pending', sendAfter: o.until, attempts: sql`greatest(${outbox.attempts} - 1, 0)`, lastErrorCode: 'quiet_hours' };
        break;
    }
    const updated = await db
      .update(outbox)
      .set(patch)
      .where(and(eq(outbox.id, n.id), eq(outbox.status, 'sending'), eq(outbox.leaseOwner, me)))
      .returning({ id: outbox.id });
    if (updated.length === 0) {
      result.lost++;
      log(`lease on ${n.id} was taken over before its outcome (${o.kind}) was recorded`);
      return;
    }
    if (o.kind === 'sent') result.sent++;
    else if (o.kind === 'failed') result.failed++;
    else if (o.kind === 'skipped') result.skipped++;
    else if (o.kind === 'retry') result.retrying++;
    else result.deferred++;
  };

  let next = 0;
  const lane = async () => {
    while (next < claimed.length) {
      const n = claimed[next++];
      let outcome: Outcome;
      try {
        outcome = await settle(n);
      } catch (err) {
        // A resolver or lookup that threw: try again later rather than lose the notice.
        outcome = n.attempts >= n.maxAttempts
          ? { kind: 'failed', code: 'gave_up', message: err instanceof Error ? err.message.slice(0, 500) : String(err) }
          : { kind: 'retry', message: err instanceof Error ? err.message.slice(0, 500) : String(err) };
      }
      await record(n, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, claimed.length) }, lane));
  return result;
}

export type WorkerHandle = { stop: () => Promise<void>; readonly workerId: string };

/**
 * Run passes until stopped: back to back while there is work, every `intervalMs` when idle. `stop`
 * lets the current pass finish (its rows are recorded) and resolves when the loop has ended.
 */
export function startNotificationWorker(opts: WorkerOptions & { intervalMs?: number; onPass?: (r: PassResult) => void }): WorkerHandle {
  const workerId = opts.workerId ?? defaultWorkerId();
  const log = opts.log ?? ((l: string) => console.log(`[notify ${workerId}] ${l}`));
  let stopping = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  const done = (async () => {
    while (!stopping) {
      try {
        const r = await processDueNotices({ ...opts, workerId, log });
        opts.onPass?.(r);
        if (r.claimed < (opts.batchSize ?? 50)) await sleep(opts.intervalMs ?? 5_000);
      } catch (err) {
        log(`pass failed: ${err instanceof Error ? err.message : String(err)}`);
        await sleep(opts.intervalMs ?? 5_000);
      }
    }
  })();
  return {
    workerId,
    stop: async () => {
      stopping = true;
      wake?.();
      await done;
    },
  };
}
