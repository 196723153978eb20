import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { setUserActive } from '@/db/queries/users';
import { auditLog, users } from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/seed-data/demo-accounts';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { SIGN_IN_FAILED, verifyCredentials } from '@/lib/auth/sign-in';
import { ForbiddenError } from '@/lib/errors';
import { actorOf, userByEmail } from '../helpers/factories';
import { sessionFor } from '../helpers/security-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('demo');
});
afterAll(async () => t?.close());

describe('sign-in', () => {
  it('accepts every demo account with the published password', async () => {
    for (const email of ['coordinator@demo.test', 'prosecutor@demo.test', 'volunteer@demo.test', 'participant@demo.test', 'provider@demo.test', 'admin@demo.test']) {
      const r = await verifyCredentials(t.db, email.toUpperCase(), DEMO_PASSWORD, '127.0.0.1');
      expect(r.ok, email).toBe(true);
    }
  });

  it('gives an unknown email, a wrong password and a disabled account the same answer, and audits each', async () => {
    const unknown = await verifyCredentials(t.db, 'nobody@demo.test', DEMO_PASSWORD, '127.0.0.9');
    const wrong = await verifyCredentials(t.db, 'coordinator@demo.test', 'not-the-password', '127.0.0.9');
    expect(unknown).toEqual({ ok: false, message: SIGN_IN_FAILED });
    expect(wrong).toEqual(unknown);
    const failures = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.sign_in'), eq(auditLog.outcome, 'failure'), eq(auditLog.ip, '127.0.0.9')));
    expect(failures.map((f) => (f.details as { reason: string }).reason).sort()).toEqual(['unknown_email', 'wrong_password']);
  });
});

describe('session check on every request', () => {
  it('a disabled user’s existing session stops working on the next request', async () => {
    const admin = await userByEmail(t.db, 'admin@demo.test');
    const vol = await userByEmail(t.db, 'volunteer2@demo.test');
    const claims = await sessionFor(t.db, vol);
    expect(await resolveActor(t.db, claims)).toMatchObject({ userId: vol.id, role: 'volunteer' });
    await setUserActive(t.db, actorOf(admin), { userId: vol.id, active: 'false' });
    expect(await resolveActor(t.db, claims)).toBeNull();
    // Re-enabling does not revive the old session: it was ended, a new sign-in is needed.
    await setUserActive(t.db, actorOf(admin), { userId: vol.id, active: 'true' });
    expect(await resolveActor(t.db, claims)).toBeNull();
    const disabledSignIn = await verifyCredentials(t.db, 'volunteer2@demo.test', DEMO_PASSWORD, null);
    expect(disabledSignIn.ok).toBe(true);
  });

  it('a role change (sessionVersion bump) ends the session', async () => {
    const u = await userByEmail(t.db, 'prosecutor2@demo.test');
    const claims = await sessionFor(t.db, u);
    expect(await resolveActor(t.db, claims)).not.toBeNull();
    await t.db.update(users).set({ role: 'coordinator', sessionVersion: u.sessionVersion + 1 }).where(eq(users.id, u.id));
    expect(await resolveActor(t.db, claims)).toBeNull();
  });

  it('rejects missing or malformed claims', async () => {
    expect(await resolveActor(t.db, null)).toBeNull();
    expect(await resolveActor(t.db, { sub: 'x' })).toBeNull();
  });

  it('only admins can disable accounts, and only in their own jurisdiction', async () => {
    const coord = await userByEmail(t.db, 'coordinator@demo.test');
    const vol = await userByEmail(t.db, 'volunteer3@demo.test');
    await expect(setUserActive(t.db, actorOf(coord), { userId: vol.id, active: 'false' })).rejects.toBeInstanceOf(ForbiddenError);
    const admin = await userByEmail(t.db, 'admin@demo.test');
    const platte = await userByEmail(t.db, 'prosecutor.platte@demo.test');
    await expect(setUserActive(t.db, actorOf(admin), { userId: platte.id, active: 'false' })).rejects.toThrow(/not found/);
  });
});
