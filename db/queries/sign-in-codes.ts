import 'server-only';
import crypto from 'node:crypto';
import { and, desc, eq, gt, gte, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { cases, participants, signInCodes, users, type User } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { actorFromUser } from '@/lib/auth/actor';
import { hashNumericCode, hashToken, newInviteToken, newLetterCode, newNumericCode, ONE_TIME_CODE, sameHash } from '@/lib/auth/one-time-codes';
import { completeSignIn } from '@/lib/auth/sign-in';
import { ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';
import { normalizeEmail, normalizePhone } from '@/lib/notify/phone';
import type { Db } from '../types';
import { getSecurityState, isLocked, registerFailure } from './account-security';
import { writeAudit } from './audit';
import { caseScope } from './case-scope';
import { enqueueNotice } from './outbox';

const MIN = 60_000;
const DAY = 86_400_000;

/** "Email or mobile number" as typed: which one it is, normalised, or null when it is neither. */
export function parseContact(raw: string): { kind: 'email'; value: string } | { kind: 'phone'; value: string } | null {
  const s = raw.trim();
  if (s.includes('@')) {
    const e = normalizeEmail(s);
    return e ? { kind: 'email', value: e.toLowerCase() } : null;
  }
  const p = normalizePhone(s);
  return p ? { kind: 'phone', value: p } : null;
}

type Found = { user: User; participantId: string; phone: string | null; email: string | null };

/**
 * The active participant account behind an email or phone number: the account email, or the
 * participant's own email or phone (numbers compared on their last ten digits, as people type
 * them in many ways). Exactly one match or nothing: a number shared by two people signs in neither.
 */
async function findParticipantByContact(db: Db, contact: NonNullable<ReturnType<typeof parseContact>>): Promise<Found | null> {
  const match =
    contact.kind === 'email'
      ? or(sql`lower(${users.email}) = ${contact.value}`, sql`lower(${participants.email}) = ${contact.value}`)
      : sql`right(regexp_replace(coalesce(${participants.phone}, ''), '[^0-9]', '', 'g'), 10) = ${contact.value.replace(/\D/g, '').slice(-10)}`;
  const rows = await db
    .select({ user: users, participantId: participants.id, phone: participants.phone, email: participants.email })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(and(eq(users.role, 'participant'), match))
    .limit(2);
  return rows.length === 1 ? rows[0] : null;
}

export const requestCodeSchema = z.object({ contact: z.string().trim().min(3).max(254) });

/**
 * Send a 6-digit code to a participant's phone (or email). The answer to the person is the same
 * whether or not the contact matches an account ("if it matches, a code is on its way"), so the
 * form does not reveal who is in the program. At most `maxRequests` codes per account per window;
 * a new code retires the older unused ones. `demoCode` is returned only for the caller to show in
 * demo mode.
 */
export async function requestSignInCode(db: Db, input: { contact: string; ip: string | null }, now = new Date()): Promise<{ sent: boolean; reason?: 'unknown' | 'rate_limited' | 'locked' | 'disabled'; code?: string; channel?: 'sms' | 'email' }> {
  const contact = parseContact(input.contact);
  const found = contact ? await findParticipantByContact(db, contact) : null;
  if (!found) {
    await writeAudit(db, null, { action: 'auth.code_request', outcome: 'failure', ip: input.ip, details: { reason: 'unknown_contact', kind: contact?.kind ?? 'invalid' } });
    return { sent: false, reason: 'unknown' };
  }
  const { user } = found;
  const who = actorFromUser(user, input.ip);
  if (!user.active) {
    await writeAudit(db, who, { action: 'auth.code_request', outcome: 'failure', ip: input.ip, entityType: 'user', entityId: user.id, details: { reason: 'disabled' } });
    return { sent: false, reason: 'disabled' };
  }
  if (isLocked(await getSecurityState(db, user.id), now)) {
    await writeAudit(db, who, { action: 'auth.code_request', outcome: 'denied', ip: input.ip, entityType: 'user', entityId: user.id, details: { reason: 'locked' } });
    return { sent: false, reason: 'locked' };
  }
  return db.transaction(async (tx) => {
    // Serialise requests for one account so two at once cannot both pass the count.
    await tx.execute(sql`select id from ${users} where id = ${user.id} for update`);
    const since = new Date(now.getTime() - ONE_TIME_CODE.requestWindowMinutes * MIN);
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(signInCodes)
      .where(and(eq(signInCodes.userId, user.id), eq(signInCodes.kind, 'code'), gte(signInCodes.createdAt, since)));
    if (n >= ONE_TIME_CODE.maxRequests) {
      await writeAudit(tx, who, { action: 'auth.code_request', outcome: 'denied', ip: input.ip, entityType: 'user', entityId: user.id, details: { reason: 'rate_limited' } });
      return { sent: false, reason: 'rate_limited' as const };
    }
    // The code goes where the person said they can read it now.
    const channel: 'sms' | 'email' = contact!.kind === 'phone' ? 'sms' : 'email';
    await tx
      .update(signInCodes)
      .set({ retiredAt: now })
      .where(and(eq(signInCodes.userId, user.id), eq(signInCodes.kind, 'code'), isNull(signInCodes.usedAt), isNull(signInCodes.retiredAt)));
    const id = crypto.randomUUID();
    const code = newNumericCode();
    await tx.insert(signInCodes).values({ id, userId: user.id, kind: 'code', channel, codeHash: hashNumericCode(id, code), createdAt: now, expiresAt: new Date(now.getTime() + ONE_TIME_CODE.ttlMinutes * MIN), ip: input.ip });
    await enqueueNotice(tx, {
      jurisdictionId: user.jurisdictionId,
      recipient: { kind: 'participant', id: found.participantId },
      channel,
      template: 'auth.sign_in_code',
      data: { code, minutes: ONE_TIME_CODE.ttlMinutes },
      locale: user.locale,
      idempotencyKey: `sign-in-code:${id}`,
      subject: { type: 'sign_in_code', id },
      maxAttempts: 3,
    });
    await writeAudit(tx, who, { action: 'auth.code_request', ip: input.ip, entityType: 'user', entityId: user.id, details: { channel } });
    return { sent: true, code, channel };
  });
}

export const verifyCodeSchema = z.object({ contact: z.string().trim().min(3).max(254), code: z.string().trim().regex(/^\d{6}$/) });

export type CodeCheck = { ok: true; user: User } | { ok: false; reason: 'unknown' | 'disabled' | 'locked' | 'no_code' | 'wrong_code' };

/**
 * Check a 6-digit code. Single use (the accepting UPDATE requires `used_at is null`), expires after
 * 10 minutes, used up after 5 wrong tries; every wrong try also counts toward the account lockout.
 * Every outcome is audited; the caller shows one message for all failures.
 */
export async function verifySignInCode(db: Db, input: { contact: string; code: string; ip: string | null }, now = new Date()): Promise<CodeCheck> {
  const contact = parseContact(input.contact);
  const found = contact ? await findParticipantByContact(db, contact) : null;
  if (!found) {
    await writeAudit(db, null, { action: 'auth.sign_in', outcome: 'failure', ip: input.ip, details: { reason: 'unknown_contact', method: 'one_time_code' } });
    return { ok: false, reason: 'unknown' };
  }
  const { user } = found;
  const who = actorFromUser(user, input.ip);
  const fail = async (reason: Exclude<CodeCheck, { ok: true }>['reason'], countsAsGuess: boolean): Promise<CodeCheck> => {
    const lock = countsAsGuess ? await registerFailure(db, user.id, now) : null;
    await writeAudit(db, who, { action: 'auth.sign_in', outcome: 'failure', ip: input.ip, entityType: 'user', entityId: user.id, details: { reason, method: 'one_time_code' } });
    if (lock?.lockedNow) await writeAudit(db, who, { action: 'auth.lockout', outcome: 'denied', ip: input.ip, entityType: 'user', entityId: user.id, details: { until: lock.lockedUntil?.toISOString() } });
    return { ok: false, reason };
  };
  if (!user.active) return fail('disabled', false);
  if (isLocked(await getSecurityState(db, user.id), now)) return fail('locked', false);
  const [live] = await db
    .select()
    .from(signInCodes)
    .where(and(eq(signInCodes.userId, user.id), eq(signInCodes.kind, 'code'), isNull(signInCodes.usedAt), isNull(signInCodes.retiredAt), gt(signInCodes.expiresAt, now)))
    .orderBy(desc(signInCodes.createdAt))
    .limit(1);
  if (!live) return fail('no_code', true);
  if (!sameHash(hashNumericCode(live.id, input.code.trim()), live.codeHash)) {
    await db
      .update(signInCodes)
      .set({
        failedAttempts: sql`${signInCodes.failedAttempts} + 1`,
        retiredAt: sql`case when ${signInCodes.failedAttempts} + 1 >= ${ONE_TIME_CODE.maxAttempts} then ${now.toISOString()}::timestamptz else null end`,
      })
      .where(eq(signInCodes.id, live.id));
    return fail('wrong_code', true);
  }
  const used = await db
    .update(signInCodes)
    .set({ usedAt: now })
    .where(and(eq(signInCodes.id, live.id), isNull(signInCodes.usedAt), isNull(signInCodes.retiredAt)))
    .returning({ id: signInCodes.id });
  if (used.length === 0) return fail('no_code', true);
  await completeSignIn(db, user, input.ip, { method: 'one_time_code', channel: live.channel });
  return { ok: true, user };
}

export const redeemTokenSchema = z.object({ token: z.string().trim().min(10).max(200) });

/**
 * Sign in with an invitation link token or a printed letter code (both long and random, looked up
 * by hash). Single use and time-limited like the 6-digit codes; a locked or disabled account is
 * refused. Unknown tokens are audited; the caller also counts them against the client address.
 */
export async function redeemSignInToken(db: Db, input: { token: string; kind: 'invite' | 'letter'; ip: string | null }, now = new Date()): Promise<CodeCheck> {
  const hash = hashToken(input.kind, input.token);
  const [row] = await db.select({ code: signInCodes, user: users }).from(signInCodes).innerJoin(users, eq(users.id, signInCodes.userId)).where(eq(signInCodes.codeHash, hash)).limit(1);
  if (!row || row.code.kind !== input.kind) {
    await writeAudit(db, null, { action: 'auth.sign_in', outcome: 'failure', ip: input.ip, details: { reason: 'unknown_token', method: input.kind } });
    return { ok: false, reason: 'unknown' };
  }
  const who = actorFromUser(row.user, input.ip);
  const fail = async (reason: Exclude<CodeCheck, { ok: true }>['reason']): Promise<CodeCheck> => {
    await writeAudit(db, who, { action: 'auth.sign_in', outcome: 'failure', ip: input.ip, entityType: 'user', entityId: row.user.id, details: { reason, method: input.kind } });
    return { ok: false, reason };
  };
  if (!row.user.active) return fail('disabled');
  if (isLocked(await getSecurityState(db, row.user.id), now)) return fail('locked');
  const used = await db
    .update(signInCodes)
    .set({ usedAt: now })
    .where(and(eq(signInCodes.id, row.code.id), isNull(signInCodes.usedAt), isNull(signInCodes.retiredAt), gt(signInCodes.expiresAt, now)))
    .returning({ id: signInCodes.id });
  if (used.length === 0) return fail('no_code');
  await completeSignIn(db, row.user, input.ip, { method: input.kind });
  return { ok: true, user: row.user };
}

export const portalAccessSchema = z.object({ caseId: z.uuid() });

/** The participant of a case in the coordinator's scope, with a portal account (made when missing). */
async function participantAccount(tx: Db, actor: Actor, caseId: string) {
  if (actor.role !== 'coordinator') throw new ForbiddenError();
  const [c] = await tx
    .select({ caseId: cases.id, jurisdictionId: cases.jurisdictionId, p: participants })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(and(eq(cases.id, caseId), caseScope(actor)));
  if (!c) throw new NotFoundError('That case');
  if (c.p.userId) {
    const [u] = await tx.select().from(users).where(eq(users.id, c.p.userId));
    if (!u.active) throw new RuleError('This person’s portal account is turned off. An administrator can turn it back on.');
    return { ...c, user: u };
  }
  const email = c.p.email ? normalizeEmail(c.p.email) : null;
  const [taken] = email ? await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`) : [];
  const [u] = await tx
    .insert(users)
    .values({ jurisdictionId: c.jurisdictionId, email: email && !taken ? email : `participant-${c.p.id}@participants.invalid`, name: `${c.p.firstName} ${c.p.lastName}`, role: 'participant', locale: c.p.preferredLanguage })
    .returning();
  await tx.update(participants).set({ userId: u.id }).where(eq(participants.id, c.p.id));
  await writeAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: u.id, details: { role: 'participant', via: 'portal_access' } });
  return { ...c, p: { ...c.p, userId: u.id }, user: u };
}

function appUrl(): string {
  return (process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '');
}

/** A coordinator sends the participant an invitation link (text and/or email, whatever they can get). */
export async function sendPortalInvitation(db: Db, actor: Actor, input: z.input<typeof portalAccessSchema>, now = new Date()) {
  const { caseId } = portalAccessSchema.parse(input);
  return db.transaction(async (tx) => {
    const c = await participantAccount(tx, actor, caseId);
    const channels = (['sms', 'email'] as const).filter((ch) => (ch === 'sms' ? normalizePhone(c.p.phone) : c.p.email ? normalizeEmail(c.p.email) : null));
    if (channels.length === 0) throw new RuleError('There is no phone or email for this person. Print a sign-in letter instead.');
    const token = newInviteToken();
    const expiresAt = new Date(now.getTime() + ONE_TIME_CODE.inviteTtlDays * DAY);
    await tx
      .update(signInCodes)
      .set({ retiredAt: now })
      .where(and(eq(signInCodes.userId, c.user.id), eq(signInCodes.kind, 'invite'), isNull(signInCodes.usedAt), isNull(signInCodes.retiredAt)));
    const [row] = await tx
      .insert(signInCodes)
      .values({ userId: c.user.id, kind: 'invite', channel: channels[0], codeHash: hashToken('invite', token), createdAt: now, expiresAt, createdByUserId: actor.userId, ip: actor.ip ?? null })
      .returning({ id: signInCodes.id });
    for (const channel of channels) {
      await enqueueNotice(tx, {
        jurisdictionId: c.jurisdictionId,
        caseId,
        recipient: { kind: 'participant', id: c.p.id },
        channel,
        template: 'auth.invitation',
        data: { url: `${appUrl()}/sign-in/code?t=${token}`, expiresOn: expiresAt.toISOString().slice(0, 10) },
        idempotencyKey: `invitation:${row.id}:${channel}`,
        subject: { type: 'sign_in_code', id: row.id },
      });
    }
    await writeAudit(tx, actor, { action: 'portal.invite', entityType: 'case', entityId: caseId, details: { channels } });
    return { channels, expiresAt };
  });
}

/**
 * A coordinator prints a sign-in letter for someone without a phone: a 12-character code that
 * works once for 14 days. Shown once (only its hash is kept); printing again replaces it.
 */
export async function createLetterCode(db: Db, actor: Actor, input: z.input<typeof portalAccessSchema>, now = new Date()) {
  const { caseId } = portalAccessSchema.parse(input);
  return db.transaction(async (tx) => {
    const c = await participantAccount(tx, actor, caseId);
    const code = newLetterCode();
    const expiresAt = new Date(now.getTime() + ONE_TIME_CODE.letterTtlDays * DAY);
    await tx
      .update(signInCodes)
      .set({ retiredAt: now })
      .where(and(eq(signInCodes.userId, c.user.id), eq(signInCodes.kind, 'letter'), isNull(signInCodes.usedAt), isNull(signInCodes.retiredAt)));
    await tx.insert(signInCodes).values({ userId: c.user.id, kind: 'letter', channel: 'print', codeHash: hashToken('letter', code), createdAt: now, expiresAt, createdByUserId: actor.userId, ip: actor.ip ?? null });
    await writeAudit(tx, actor, { action: 'portal.letter_code', entityType: 'case', entityId: caseId });
    return { code, expiresAt: expiresAt.toISOString(), firstName: c.p.firstName, lastName: c.p.lastName, locale: c.p.preferredLanguage };
  });
}
