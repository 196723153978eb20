import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { createLetterCode, redeemSignInToken, requestSignInCode, sendPortalInvitation, verifySignInCode } from '@/db/queries/sign-in-codes';
import { auditLog, outbox, participants, signInCodes, userSecurity, users } from '@/db/schema';
import { ONE_TIME_CODE } from '@/lib/auth/one-time-codes';
import { maxCodeRequestsPerIp, takeCodeRequest } from '@/lib/http/code-request-limit';
import { RuleError } from '@/lib/errors';
import { actorOf, makeCase, makeJurisdiction, makeParticipant, makeUser } from '../helpers/factories';
import { createTestDb } from '../helpers/test-db';

process.env.NEXTAUTH_SECRET ??= 'test-secret-for-portal-sign-in-0123456789abcdef';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

const MIN = 60_000;
let phoneSeq = 2000;

/** A participant with a portal account, a phone and an email. */
async function person(o: { active?: boolean } = {}) {
  const j = await makeJurisdiction(t.db);
  const u = await makeUser(t.db, { jurisdictionId: j.id, role: 'participant', active: o.active ?? true });
  const phone = `(816) 555-${String(phoneSeq++)}`;
  const p = await makeParticipant(t.db, { jurisdictionId: j.id, userId: u.id, phone, email: u.email });
  return { j, u, p, phone, email: u.email };
}

async function codesOf(userId: string) {
  return t.db.select().from(signInCodes).where(eq(signInCodes.userId, userId)).orderBy(signInCodes.createdAt);
}

async function auditsOf(userId: string, action = 'auth.sign_in') {
  return t.db.select().from(auditLog).where(and(eq(auditLog.entityId, userId), eq(auditLog.action, action))).orderBy(auditLog.id);
}

describe('one-time sign-in codes', () => {
  it('sends a 6-digit code by text to the number typed in any form, stores only a hash, and signs in once with it', async () => {
    const { u, phone } = await person();
    const now = new Date();
    const r = await requestSignInCode(t.db, { contact: phone.replace(/\D/g, ''), ip: '203.0.113.5' }, now);
    expect(r.sent).toBe(true);
    expect(r.channel).toBe('sms');
    expect(r.code).toMatch(/^\d{6}$/);
    const [row] = await codesOf(u.id);
    expect(row.codeHash).not.toContain(r.code!);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(ONE_TIME_CODE.ttlMinutes * MIN);
    const notices = await t.db.select().from(outbox).where(eq(outbox.subjectId, row.id));
    expect(notices.map((n) => [n.templateKey, n.channel])).toEqual([['auth.sign_in_code', 'sms']]);

    const ok = await verifySignInCode(t.db, { contact: `+1 ${phone}`, code: r.code!, ip: '203.0.113.5' }, new Date(now.getTime() + MIN));
    expect(ok.ok).toBe(true);
    // Single use: the same code again is refused.
    const again = await verifySignInCode(t.db, { contact: phone, code: r.code!, ip: '203.0.113.5' }, new Date(now.getTime() + 2 * MIN));
    expect(again).toEqual({ ok: false, reason: 'no_code' });
    const audits = await auditsOf(u.id);
    expect(audits.map((a) => a.outcome)).toEqual(['success', 'failure']);
    expect(audits[0].details).toMatchObject({ method: 'one_time_code' });
  });

  it('refuses a code after 10 minutes', async () => {
    const { u, email } = await person();
    const now = new Date();
    const r = await requestSignInCode(t.db, { contact: email.toUpperCase(), ip: null }, now);
    expect(r.channel).toBe('email');
    const late = await verifySignInCode(t.db, { contact: email, code: r.code!, ip: null }, new Date(now.getTime() + ONE_TIME_CODE.ttlMinutes * MIN + 1000));
    expect(late).toEqual({ ok: false, reason: 'no_code' });
    expect((await auditsOf(u.id)).at(-1)?.details).toMatchObject({ reason: 'no_code' });
  });

  it('uses up a code after 5 wrong tries (the right code then fails too) and locks the account', async () => {
    const { u, email } = await person();
    const now = new Date();
    const r = await requestSignInCode(t.db, { contact: email, ip: null }, now);
    const wrong = r.code === '000000' ? '111111' : '000000';
    for (let i = 0; i < ONE_TIME_CODE.maxAttempts; i++) {
      expect((await verifySignInCode(t.db, { contact: email, code: wrong, ip: null }, new Date(now.getTime() + i * 1000))).ok).toBe(false);
    }
    const [row] = await codesOf(u.id);
    expect(row.failedAttempts).toBe(5);
    expect(row.retiredAt).not.toBeNull();
    const right = await verifySignInCode(t.db, { contact: email, code: r.code!, ip: null }, new Date(now.getTime() + 10_000));
    expect(right).toEqual({ ok: false, reason: 'locked' });
    const [sec] = await t.db.select().from(userSecurity).where(eq(userSecurity.userId, u.id));
    expect(sec.lockedUntil!.getTime()).toBeGreaterThan(now.getTime());
    expect(await auditsOf(u.id, 'auth.lockout')).toHaveLength(1);
    // While locked, no new code is sent either.
    expect(await requestSignInCode(t.db, { contact: email, ip: null }, new Date(now.getTime() + 20_000))).toEqual({ sent: false, reason: 'locked' });
  });

  it('a new code replaces the older one', async () => {
    const { email } = await person();
    const now = new Date();
    const first = await requestSignInCode(t.db, { contact: email, ip: null }, now);
    const second = await requestSignInCode(t.db, { contact: email, ip: null }, new Date(now.getTime() + 1000));
    if (first.code !== second.code) {
      expect((await verifySignInCode(t.db, { contact: email, code: first.code!, ip: null }, new Date(now.getTime() + 2000))).ok).toBe(false);
    }
    expect((await verifySignInCode(t.db, { contact: email, code: second.code!, ip: null }, new Date(now.getTime() + 3000))).ok).toBe(true);
  });

  it('rate-limits requests per account (3 per 15 minutes), and again after the window', async () => {
    const { u, email } = await person();
    const now = new Date();
    for (let i = 0; i < ONE_TIME_CODE.maxRequests; i++) expect((await requestSignInCode(t.db, { contact: email, ip: null }, new Date(now.getTime() + i * 1000))).sent).toBe(true);
    expect(await requestSignInCode(t.db, { contact: email, ip: null }, new Date(now.getTime() + 5000))).toEqual({ sent: false, reason: 'rate_limited' });
    expect((await codesOf(u.id)).length).toBe(ONE_TIME_CODE.maxRequests);
    expect((await requestSignInCode(t.db, { contact: email, ip: null }, new Date(now.getTime() + ONE_TIME_CODE.requestWindowMinutes * MIN + 5000))).sent).toBe(true);
    const denied = await auditsOf(u.id, 'auth.code_request');
    expect(denied.filter((a) => a.outcome === 'denied').map((a) => a.details)).toEqual([{ reason: 'rate_limited' }]);
  });

  it('rate-limits requests per client address', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < maxCodeRequestsPerIp(); i++) expect(await takeCodeRequest(ip)).toBe(true);
    expect(await takeCodeRequest(ip)).toBe(false);
    expect(await takeCodeRequest('198.51.100.251')).toBe(true);
  });

  it('says nothing about unknown contacts, sends nothing, and audits the attempt; disabled accounts get no code', async () => {
    const before = await t.db.$count(signInCodes);
    expect(await requestSignInCode(t.db, { contact: 'nobody@example.test', ip: '192.0.2.1' }, new Date())).toEqual({ sent: false, reason: 'unknown' });
    expect(await verifySignInCode(t.db, { contact: '(816) 555-0000', code: '123456', ip: '192.0.2.1' })).toEqual({ ok: false, reason: 'unknown' });
    expect(await t.db.$count(signInCodes)).toBe(before);
    const { email } = await person({ active: false });
    expect(await requestSignInCode(t.db, { contact: email, ip: null })).toEqual({ sent: false, reason: 'disabled' });
  });

  it('a phone number shared by two participants signs in neither', async () => {
    const a = await person();
    const j = await makeJurisdiction(t.db);
    const u2 = await makeUser(t.db, { jurisdictionId: j.id, role: 'participant' });
    await makeParticipant(t.db, { jurisdictionId: j.id, userId: u2.id, phone: a.phone });
    expect((await requestSignInCode(t.db, { contact: a.phone, ip: null })).sent).toBe(false);
  });
});

describe('invitation links and printed letter codes', () => {
  it('a coordinator invites by text and email; the link signs in once, and never after 7 days', async () => {
    const j = await makeJurisdiction(t.db);
    const coordinator = actorOf(await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' }));
    const p = await makeParticipant(t.db, { jurisdictionId: j.id, phone: '816-555-3001', email: `invitee-${Date.now()}@example.test` });
    const c = await makeCase(t.db, { jurisdictionId: j.id, participantId: p.id });
    const now = new Date();
    const r = await sendPortalInvitation(t.db, coordinator, { caseId: c.id }, now);
    expect(r.channels).toEqual(['sms', 'email']);
    // An account was made for the participant (no password).
    const [linked] = await t.db.select({ userId: participants.userId }).from(participants).where(eq(participants.id, p.id));
    const [acct] = await t.db.select().from(users).where(eq(users.id, linked.userId!));
    expect(acct.role).toBe('participant');
    expect(acct.passwordHash).toBeNull();
    const sent = await t.db.select().from(outbox).where(and(eq(outbox.caseId, c.id), eq(outbox.templateKey, 'auth.invitation')));
    expect(sent.map((n) => n.channel).sort()).toEqual(['email', 'sms']);
    const url = new URL(String((sent[0].data as { url: string }).url));
    const token = url.searchParams.get('t')!;
    expect(url.pathname).toBe('/sign-in/code');

    expect((await redeemSignInToken(t.db, { token, kind: 'invite', ip: null }, new Date(now.getTime() + MIN))).ok).toBe(true);
    expect(await redeemSignInToken(t.db, { token, kind: 'invite', ip: null }, new Date(now.getTime() + 2 * MIN))).toEqual({ ok: false, reason: 'no_code' });
    // A letter kind cannot be used with an invitation token, and a made-up token is unknown.
    expect((await redeemSignInToken(t.db, { token: 'x'.repeat(32), kind: 'invite', ip: null })).ok).toBe(false);

    const again = await sendPortalInvitation(t.db, coordinator, { caseId: c.id }, now);
    expect(again.channels).toHaveLength(2);
    const fresh = await t.db.select().from(outbox).where(and(eq(outbox.caseId, c.id), eq(outbox.templateKey, 'auth.invitation')));
    const token2 = new URL(String((fresh.find((n) => !sent.some((s) => s.id === n.id))!.data as { url: string }).url)).searchParams.get('t')!;
    expect(await redeemSignInToken(t.db, { token: token2, kind: 'invite', ip: null }, new Date(now.getTime() + 8 * 86_400_000))).toEqual({ ok: false, reason: 'no_code' });
  });

  it('a printed letter code works once, typed loosely; printing a new letter cancels the old code', async () => {
    const j = await makeJurisdiction(t.db);
    const coordinator = actorOf(await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' }));
    const p = await makeParticipant(t.db, { jurisdictionId: j.id, preferredLanguage: 'es' });
    const c = await makeCase(t.db, { jurisdictionId: j.id, participantId: p.id });
    const first = await createLetterCode(t.db, coordinator, { caseId: c.id });
    expect(first.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(first.locale).toBe('es');
    const second = await createLetterCode(t.db, coordinator, { caseId: c.id });
    expect((await redeemSignInToken(t.db, { token: first.code, kind: 'letter', ip: null })).ok).toBe(false);
    const typed = second.code.toLowerCase().replace(/-/g, ' ');
    expect((await redeemSignInToken(t.db, { token: typed, kind: 'letter', ip: null })).ok).toBe(true);
    expect((await redeemSignInToken(t.db, { token: second.code, kind: 'letter', ip: null })).ok).toBe(false);
  });

  it('a coordinator of another jurisdiction cannot invite or print for the case; without phone or email there is no invitation', async () => {
    const j = await makeJurisdiction(t.db);
    const other = actorOf(await makeUser(t.db, { jurisdictionId: (await makeJurisdiction(t.db)).id, role: 'coordinator' }));
    const coordinator = actorOf(await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' }));
    const c = await makeCase(t.db, { jurisdictionId: j.id });
    await expect(sendPortalInvitation(t.db, other, { caseId: c.id })).rejects.toThrow(/not found/);
    await expect(createLetterCode(t.db, other, { caseId: c.id })).rejects.toThrow(/not found/);
    await expect(sendPortalInvitation(t.db, coordinator, { caseId: c.id })).rejects.toBeInstanceOf(RuleError);
  });
});
