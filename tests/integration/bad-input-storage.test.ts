/**
 * Values that pass validation but that PostgreSQL cannot store (found by the fuzz suites): a NUL
 * character in text is refused by the database (SQLSTATE 22021). Forms and the API must answer that
 * as bad input with a clear message — never "something went wrong" or a 500 — and write nothing.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { createApiToken } from '@/db/queries/api-tokens';
import { apiTokens, cases } from '@/db/schema';
import { errorResult } from '@/lib/actions';
import { postReferral } from '@/lib/http/v1';
import { actorOf, makeUser } from '../helpers/factories';
import { makeIntakeJurisdiction, referralInput } from '../helpers/intake-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

describe('text the database cannot store', () => {
  it('a form: a NUL character in a name is a clear refusal, nothing saved', async () => {
    const { j } = await makeIntakeJurisdiction(t.db);
    const admin = actorOf(await makeUser(t.db, { jurisdictionId: j.id, role: 'admin' }));
    const err = await createApiToken(t.db, admin, { name: 'a\u0000b' }).catch((e) => e);
    const result = errorResult(err);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.message).toMatch(/cannot be stored/);
    expect(result.ok === false && result.message).not.toMatch(/Something went wrong/);
    const [{ n }] = await t.db.select({ n: count() }).from(apiTokens).where(eq(apiTokens.jurisdictionId, j.id));
    expect(n).toBe(0);
  });

  it('the API: a NUL character in a referral is a 400 problem, not a 500, and no case', async () => {
    const { j } = await makeIntakeJurisdiction(t.db);
    const admin = actorOf(await makeUser(t.db, { jurisdictionId: j.id, role: 'admin' }));
    const { token } = await createApiToken(t.db, admin, { name: 'CMS' });
    const body = referralInput();
    body.participant.firstName = 'Jo\u0000rdan';
    const res = await postReferral(t.db, new Request('http://localhost/api/v1/referrals', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json()).detail).toMatch(/cannot be stored/);
    const [{ n }] = await t.db.select({ n: count() }).from(cases).where(eq(cases.jurisdictionId, j.id));
    expect(n).toBe(0);
  });
});
