import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { changePassword, confirmTotpEnrollment, getSecurityState, PasswordChangeError, regenerateRecoveryCodes, startTotpEnrollment } from '@/db/queries/account-security';
import { adminResetPassword, adminResetTwoFactor, setUserRole } from '@/db/queries/users';
import { auditLog, authSessions, users } from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/seed-data/demo-accounts';
import { DEMO_TOTP_SECRET, LOCKOUT } from '@/lib/auth/policy';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { CODE_FAILED, SIGN_IN_FAILED, verifyCredentials, verifySecondFactor } from '@/lib/auth/sign-in';
import { totpCodeAt } from '@/lib/auth/totp';
import { ConflictError, ForbiddenError } from '@/lib/errors';
import { actorOf, userByEmail } from '../helpers/factories';
import { sessionFor } from '../helpers/security-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-integration-test-secret';
  t = await createTestDb('demo');
});
afterAll(async () => t?.close());

const MIN = 60_000;
const failures = (userId: string) =>
  t.db
    .select({ reason: sql<string>`${auditLog.details}->>'reason'`, action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.outcome, 'failure')));

describe('lockout: 5 failures in 15 minutes lock the account for 10 minutes', () => {
  it('locks after the fifth wrong password; then even the right one gets the same generic answer', async () => {
    const u = await userByEmail(t.db, 'volunteer11@demo.test');
    const t0 = new Date('2026-11-27T15:00:00Z');
    for (let i = 0; i < LOCKOUT.maxFailures; i++) {
      const r = await verifyCredentials(t.db, u.email, `wrong password ${i}`, '198.51.100.1', new Date(t0.getTime() + i * MIN));
      expect(r).toEqual({ ok: false, message: SIGN_IN_FAILED });
    }
    const whileLocked = await verifyCredentials(t.db, u.email, DEMO_PASSWORD, '198.51.100.1', new Date(t0.getTime() + 6 * MIN));
    expect(whileLocked).toEqual({ ok: false, message: SIGN_IN_FAILED });
    const rows = await failures(u.id);
    expect(rows.filter((r) => r.reason === 'wrong_password')).toHaveLength(5);
    expect(rows.filter((r) => r.reason === 'locked')).toHaveLength(1);
    const [lockout] = await t.db.select().from(auditLog).where(and(eq(auditLog.actorUserId, u.id), eq(auditLog.action, 'auth.lockout')));
    expect(lockout.outcome).toBe('denied');
    // The lock lasts 10 minutes from the fifth failure (t0 + 4 min), then the right password works.
    const afterLock = await verifyCredentials(t.db, u.email, DEMO_PASSWORD, '198.51.100.1', new Date(t0.getTime() + 14 * MIN + 1000));
    expect(afterLock.ok).toBe(true);
    expect((await getSecurityState(t.db, u.id))?.failedCount).toBe(0);
  });

  it('forgets failures older than 15 minutes', async () => {
    const u = await userByEmail(t.db, 'volunteer12@demo.test');
    const t0 = new Date('2026-11-27T15:00:00Z');
    for (let i = 0; i < 4; i++) await verifyCredentials(t.db, u.email, 'nope nope nope', null, new Date(t0.getTime() + i * MIN));
    await verifyCredentials(t.db, u.email, 'nope nope nope', null, new Date(t0.getTime() + 16 * MIN));
    const ok = await verifyCredentials(t.db, u.email, DEMO_PASSWORD, null, new Date(t0.getTime() + 17 * MIN));
    expect(ok.ok).toBe(true);
  });

  it('counts failures that arrive in parallel (no lost increments)', async () => {
    const u = await userByEmail(t.db, 'volunteer13@demo.test');
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => verifyCredentials(t.db, u.email, `parallel wrong ${i}`, null, now)));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect((await getSecurityState(t.db, u.id))?.lockedUntil?.getTime()).toBeGreaterThan(now.getTime());
    expect((await verifyCredentials(t.db, u.email, DEMO_PASSWORD, null, now)).ok).toBe(false);
  });

  it('answers an unknown email and a wrong password after the same work', async () => {
    const time = async (email: string) => {
      const s = performance.now();
      await verifyCredentials(t.db, email, 'definitely wrong', null);
      return performance.now() - s;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 6; i++) {
      unknown.push(await time(`nobody${i}@demo.test`));
      wrong.push(await time('volunteer14@demo.test'));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Both verify an argon2id hash (tens of milliseconds); skipping it would make one side ~100× faster.
    const ratio = median(unknown) / median(wrong);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe('second factor', () => {
  it('the roles that need it are asked for it; the demo ones are enrolled with the published key', async () => {
    for (const email of ['coordinator@demo.test', 'prosecutor@demo.test', 'admin@demo.test']) {
      const r = await verifyCredentials(t.db, email, DEMO_PASSWORD, null);
      expect(r.ok && r.secondFactor, email).toBe('totp');
    }
    for (const email of ['volunteer@demo.test', 'participant@demo.test', 'provider@demo.test']) {
      const r = await verifyCredentials(t.db, email, DEMO_PASSWORD, null);
      expect(r.ok && r.secondFactor, email).toBe('none');
    }
    const coord = await userByEmail(t.db, 'coordinator@demo.test');
    expect((await getSecurityState(t.db, coord.id))?.totpSecret).toBe(DEMO_TOTP_SECRET);
  });

  it('a code works once: the same code, or an older one, is refused afterwards', async () => {
    const u = await userByEmail(t.db, 'prosecutor2@demo.test');
    const now = new Date('2026-11-27T16:00:10Z');
    const code = totpCodeAt(DEMO_TOTP_SECRET, now);
    expect(await verifySecondFactor(t.db, u, code, null, now)).toEqual({ ok: true });
    expect(await verifySecondFactor(t.db, u, code, null, new Date(now.getTime() + 5000))).toEqual({ ok: false, message: CODE_FAILED });
    const older = totpCodeAt(DEMO_TOTP_SECRET, new Date(now.getTime() - 30_000));
    expect((await verifySecondFactor(t.db, u, older, null, now)).ok).toBe(false);
    const next = totpCodeAt(DEMO_TOTP_SECRET, new Date(now.getTime() + 30_000));
    expect((await verifySecondFactor(t.db, u, next, null, new Date(now.getTime() + 30_000))).ok).toBe(true);
    const reasons = (await failures(u.id)).map((r) => r.reason);
    expect(reasons).toEqual(expect.arrayContaining(['code_reused']));
  });

  it('of ten parallel uses of one code exactly one succeeds', async () => {
    const u = await userByEmail(t.db, 'prosecutor.clay@demo.test');
    const now = new Date('2026-11-27T17:00:00Z');
    const code = totpCodeAt(DEMO_TOTP_SECRET, now);
    const results = await Promise.all(Array.from({ length: 10 }, () => verifySecondFactor(t.db, u, code, null, now)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('wrong codes count toward the lockout', async () => {
    const u = await userByEmail(t.db, 'prosecutor.platte@demo.test');
    const now = new Date('2026-11-27T18:00:00Z');
    for (let i = 0; i < LOCKOUT.maxFailures; i++) expect((await verifySecondFactor(t.db, u, '000000', null, now)).ok).toBe(false);
    const good = totpCodeAt(DEMO_TOTP_SECRET, now);
    expect(await verifySecondFactor(t.db, u, good, null, now)).toEqual({ ok: false, message: CODE_FAILED });
    expect((await failures(u.id)).map((r) => r.reason)).toContain('locked');
  });

  it('enrolment: a role that needs it and has none must enrol; recovery codes work once each', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    const coordUser = await userByEmail(t.db, 'coordinator@demo.test');
    // A volunteer promoted to coordinator has no second factor yet.
    const vol = await userByEmail(t.db, 'volunteer15@demo.test');
    await setUserRole(t.db, admin, { userId: vol.id, role: 'coordinator', version: vol.version });
    const r = await verifyCredentials(t.db, vol.email, DEMO_PASSWORD, null);
    expect(r.ok && r.secondFactor).toBe('enroll');

    const secret = await startTotpEnrollment(t.db, vol.id);
    expect(await startTotpEnrollment(t.db, vol.id)).toBe(secret); // reloading shows the same key
    const who = actorOf(await userByEmail(t.db, vol.email));
    expect(await confirmTotpEnrollment(t.db, who, '000000')).toBeNull();
    const now = new Date();
    const codes = await confirmTotpEnrollment(t.db, who, totpCodeAt(secret, now), now);
    expect(codes).toHaveLength(10);
    const again = await verifyCredentials(t.db, vol.email, DEMO_PASSWORD, null);
    expect(again.ok && again.secondFactor).toBe('totp');

    const fresh = await userByEmail(t.db, vol.email);
    expect(await verifySecondFactor(t.db, fresh, codes![0].toUpperCase(), null)).toEqual({ ok: true });
    expect((await verifySecondFactor(t.db, fresh, codes![0], null)).ok).toBe(false);
    // Regenerating replaces the whole set.
    const newCodes = await regenerateRecoveryCodes(t.db, who);
    expect((await verifySecondFactor(t.db, fresh, codes![1], null)).ok).toBe(false);
    expect((await verifySecondFactor(t.db, fresh, newCodes[1], null)).ok).toBe(true);
    expect(coordUser.role).toBe('coordinator');
  });

  it('an admin reset of the second factor ends sessions and sends the person back to enrolment', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    const p = await userByEmail(t.db, 'prosecutor@demo.test');
    const claims = await sessionFor(t.db, p);
    expect(await resolveActor(t.db, claims)).not.toBeNull();
    await adminResetTwoFactor(t.db, admin, { userId: p.id });
    expect(await resolveActor(t.db, claims)).toBeNull();
    const r = await verifyCredentials(t.db, p.email, DEMO_PASSWORD, null);
    expect(r.ok && r.secondFactor).toBe('enroll');
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.two_factor_reset'), eq(auditLog.entityId, p.id)))).toHaveLength(1);
  });
});

describe('passwords', () => {
  it('a change needs the current password, passes the policy, and ends every other session', async () => {
    const u = await userByEmail(t.db, 'volunteer16@demo.test');
    const me = actorOf(u);
    const other = await sessionFor(t.db, u);
    const attempt = (currentPassword: string, newPassword: string, confirmPassword = newPassword) => changePassword(t.db, me, { currentPassword, newPassword, confirmPassword });
    const problems = async (p: Promise<unknown>) => {
      try {
        await p;
        return null;
      } catch (err) {
        expect(err).toBeInstanceOf(PasswordChangeError);
        return (err as PasswordChangeError).problems;
      }
    };
    expect(await problems(attempt('not my password', 'river lamp October bicycle'))).toEqual({ currentPassword: ['currentWrong'] });
    expect(await problems(attempt('not my password', 'short', 'shorter'))).toEqual({ currentPassword: ['currentWrong'], newPassword: ['tooShort'], confirmPassword: ['mismatch'] });
    expect(await problems(attempt(DEMO_PASSWORD, 'short one'))).toEqual({ newPassword: ['tooShort'] });
    expect(await problems(attempt(DEMO_PASSWORD, 'qazwsxedcrfvtgb'))).toEqual({ newPassword: expect.arrayContaining(['common']) });
    expect(await problems(attempt(DEMO_PASSWORD, 'river lamp October bicycle', 'river lamp October bicycles'))).toEqual({ confirmPassword: ['mismatch'] });
    expect(await problems(attempt(DEMO_PASSWORD, DEMO_PASSWORD))).toEqual({ newPassword: expect.arrayContaining(['common', 'sameAsCurrent']) });
    expect(await resolveActor(t.db, other)).not.toBeNull();

    await attempt(DEMO_PASSWORD, 'river lamp October bicycle');
    expect(await resolveActor(t.db, other)).toBeNull();
    expect((await verifyCredentials(t.db, u.email, DEMO_PASSWORD, null)).ok).toBe(false);
    expect((await verifyCredentials(t.db, u.email, 'river lamp October bicycle', null)).ok).toBe(true);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'account.password_change'), eq(auditLog.actorUserId, u.id)));
    expect(audits.map((a) => a.outcome).sort()).toEqual(['failure', 'failure', 'success']);
  });

  it('an admin reset gives a one-time temporary password and forces a new one at the next sign-in', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    const u = await userByEmail(t.db, 'volunteer17@demo.test');
    const before = await sessionFor(t.db, u);
    const { temporaryPassword } = await adminResetPassword(t.db, admin, { userId: u.id });
    expect(temporaryPassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(await resolveActor(t.db, before)).toBeNull();
    const signIn = await verifyCredentials(t.db, u.email, temporaryPassword, null);
    expect(signIn.ok).toBe(true);
    const after = await sessionFor(t.db, await userByEmail(t.db, u.email));
    expect(await resolveActor(t.db, after)).toMatchObject({ mustChangePassword: true });
    await changePassword(t.db, actorOf(await userByEmail(t.db, u.email)), { currentPassword: temporaryPassword, newPassword: 'seven orange kites over lake', confirmPassword: 'seven orange kites over lake' });
    const latest = await sessionFor(t.db, await userByEmail(t.db, u.email));
    expect(await resolveActor(t.db, latest)).toMatchObject({ mustChangePassword: false });
    await expect(adminResetPassword(t.db, admin, { userId: admin.userId })).rejects.toBeInstanceOf(ForbiddenError);
    const platte = await userByEmail(t.db, 'prosecutor.platte@demo.test');
    await expect(adminResetPassword(t.db, admin, { userId: platte.id })).rejects.toThrow(/not found/);
  });
});

describe('role changes', () => {
  it('end the person’s sessions, are audited with old and new role, and refuse stale or own edits', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    const u = await userByEmail(t.db, 'volunteer18@demo.test');
    const claims = await sessionFor(t.db, u);
    await setUserRole(t.db, admin, { userId: u.id, role: 'provider', version: u.version });
    expect(await resolveActor(t.db, claims)).toBeNull();
    const [row] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.role_change'), eq(auditLog.entityId, u.id)));
    expect(row.details).toEqual({ from: 'volunteer', to: 'provider' });
    await expect(setUserRole(t.db, admin, { userId: u.id, role: 'volunteer', version: u.version })).rejects.toBeInstanceOf(ConflictError);
    await expect(setUserRole(t.db, admin, { userId: admin.userId, role: 'volunteer', version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    const coord = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    await expect(setUserRole(t.db, coord, { userId: u.id, role: 'admin', version: u.version + 1 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('sessions: idle 30 minutes, absolute 12 hours, sign-out', () => {
  it('ends after 30 idle minutes, once, with an audit row', async () => {
    const u = await userByEmail(t.db, 'volunteer19@demo.test');
    const t0 = new Date();
    const claims = await sessionFor(t.db, u, t0);
    expect(await resolveActor(t.db, claims, null, { now: new Date(t0.getTime() + 29 * MIN) })).not.toBeNull();
    // That request counted as activity: 29 more minutes are fine.
    expect(await resolveActor(t.db, claims, null, { now: new Date(t0.getTime() + 58 * MIN) })).not.toBeNull();
    expect(await resolveActor(t.db, claims, null, { now: new Date(t0.getTime() + 89 * MIN) })).toBeNull();
    expect(await resolveActor(t.db, claims, null, { now: new Date(t0.getTime() + 90 * MIN) })).toBeNull();
    const [s] = await t.db.select().from(authSessions).where(eq(authSessions.id, claims.sid));
    expect(s.revokedReason).toBe('idle');
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.session_end'), eq(auditLog.entityId, claims.sid)))).toHaveLength(1);
  });

  it('a status check does not count as activity, and writes happen at most once a minute', async () => {
    const u = await userByEmail(t.db, 'volunteer20@demo.test');
    const t0 = new Date();
    const claims = await sessionFor(t.db, u, t0);
    expect(await resolveActor(t.db, claims, null, { now: new Date(t0.getTime() + 20 * MIN), touch: false })).not.toBeNull();
    expect(await resolveActor(t.db, claims, null, { now: new Date(t0.getTime() + 31 * MIN) })).toBeNull();

    const claims2 = await sessionFor(t.db, u, t0);
    await resolveActor(t.db, claims2, null, { now: new Date(t0.getTime() + 30_000) });
    const [s] = await t.db.select().from(authSessions).where(eq(authSessions.id, claims2.sid));
    expect(s.lastSeenAt.getTime()).toBe(t0.getTime());
    await resolveActor(t.db, claims2, null, { now: new Date(t0.getTime() + 61_000) });
    const [s2] = await t.db.select().from(authSessions).where(eq(authSessions.id, claims2.sid));
    expect(s2.lastSeenAt.getTime()).toBe(t0.getTime() + 61_000);
  });

  it('ends after 12 hours however active', async () => {
    const u = await userByEmail(t.db, 'volunteer10@demo.test');
    const t0 = new Date();
    const claims = await sessionFor(t.db, u, t0);
    for (let m = 20; m < 12 * 60; m += 20) expect(await resolveActor(t.db, claims, null, { now: new Date(t0.getTime() + m * MIN) }), `minute ${m}`).not.toBeNull();
    expect(await resolveActor(t.db, claims, null, { now: new Date(t0.getTime() + 12 * 60 * MIN) })).toBeNull();
  });

  it('a forged or foreign session id is refused', async () => {
    const a = await userByEmail(t.db, 'volunteer9@demo.test');
    const b = await userByEmail(t.db, 'volunteer8@demo.test');
    const claimsB = await sessionFor(t.db, b);
    expect(await resolveActor(t.db, { ...claimsB, sub: a.id, sv: a.sessionVersion })).toBeNull();
    expect(await resolveActor(t.db, { ...claimsB, sid: 'not-a-uuid' })).toBeNull();
    expect(await resolveActor(t.db, { ...claimsB, sid: '00000000-0000-4000-8000-000000000000' })).toBeNull();
    const [u] = await t.db.select().from(users).where(eq(users.id, b.id));
    expect(u.sessionVersion).toBe(claimsB.sv);
  });
});
