import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { listBoards } from '@/db/queries/boards';
import { respondToOffer } from '@/db/queries/offers';
import { createReferral } from '@/db/queries/referrals';
import { createPolicyVersion, getScreening, listPolicyVersions, listScreeningQueue } from '@/db/queries/screening';
import { boards, caseAssignments, caseOffers, jurisdictions, screeningDecisions, screeningPolicies } from '@/db/schema';
import { DEMO_API_TOKEN } from '@/db/seed-intake';
import { defaultCriteria } from '@/lib/domain/eligibility';
import { ConflictError, ForbiddenError } from '@/lib/errors';
import { postReferral } from '@/lib/http/v1';
import { referralExample } from '@/lib/intake/referral-schema';
import { actorOf, userByEmail } from '../helpers/factories';
import { referralInput } from '../helpers/intake-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('demo');
});
afterAll(async () => t?.close());

describe('intake on the demo', () => {
  it('seeds policy v1 for each office: Jackson diverts, Platte and Clay divert nothing', async () => {
    const rows = await t.db.select({ slug: jurisdictions.slug, version: screeningPolicies.version, diverts: screeningPolicies.divertsCases }).from(screeningPolicies).innerJoin(jurisdictions, eq(jurisdictions.id, screeningPolicies.jurisdictionId)).orderBy(jurisdictions.slug);
    expect(rows).toEqual([
      { slug: 'clay', version: 1, diverts: false },
      { slug: 'jackson', version: 1, diverts: true },
      { slug: 'platte', version: 1, diverts: false },
    ]);
    const [{ n }] = await t.db.select({ n: count() }).from(screeningDecisions);
    expect(n).toBeGreaterThan(90);
    const [{ n: offers }] = await t.db.select({ n: count() }).from(caseOffers).where(eq(caseOffers.status, 'open'));
    expect(offers).toBeGreaterThan(0);
  });

  it('the demo token refers a possession-only KC case by API; accepted, it lands on the board serving the ZIP', async () => {
    const res = await postReferral(
      t.db,
      new Request('http://localhost/api/v1/referrals', {
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO_API_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...referralExample, externalCaseNumber: 'JC-DEMO-API-1', participant: { ...referralExample.participant, zip: '64124' } }),
      }),
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.status).toBe('offered');
    const coordinator = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    await respondToOffer(t.db, coordinator, { caseId: body.id, answer: 'accept' });
    const [a] = await t.db.select({ name: boards.name, reason: caseAssignments.reason }).from(caseAssignments).innerJoin(boards, eq(boards.id, caseAssignments.boardId)).where(and(eq(caseAssignments.caseId, body.id), isNull(caseAssignments.endedAt)));
    expect(a.name).toBe('Northeast');
    expect(a.reason).toMatch(/serves ZIP 64124/);
  });

  it('the same referral in Platte County is screened and returned, not diverted', async () => {
    const platte = actorOf(await userByEmail(t.db, 'prosecutor.platte@demo.test'));
    const r = await createReferral(t.db, platte, { ...referralExample, externalCaseNumber: 'PC-DEMO-1', participant: { ...referralExample.participant, zip: '64151' } }, { channel: 'form' });
    expect(r.status).toBe('returned');
    expect(r.screening?.reason).toMatch(/diverts no cases/);
  });

  it('a coordinator writes policy v2; earlier decisions keep v1, new referrals use v2', async () => {
    const coordinator = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const prosecutor = actorOf(await userByEmail(t.db, 'prosecutor@demo.test'));
    const before = await createReferral(t.db, prosecutor, referralInput({ facts: { drugQuantityGrams: 30 } }), { channel: 'form' });
    expect(before.screening).toMatchObject({ decision: 'ineligible', policyVersion: 1 });
    await expect(createPolicyVersion(t.db, prosecutor, { divertsCases: true, criteria: defaultCriteria(), note: 'nope', basedOnVersion: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    const criteria = defaultCriteria().map((c) => (c.kind === 'distribution_quantity' ? { ...c, maxGrams: 35 } : c));
    const v2 = await createPolicyVersion(t.db, coordinator, { divertsCases: true, criteria, note: 'Raise the threshold to 35 g (marijuana misdemeanor line).', basedOnVersion: 1 });
    expect(v2.version).toBe(2);
    await expect(createPolicyVersion(t.db, coordinator, { divertsCases: true, criteria, note: 'Stale editor', basedOnVersion: 1 })).rejects.toBeInstanceOf(ConflictError);
    const after = await createReferral(t.db, prosecutor, referralInput({ facts: { drugQuantityGrams: 30 } }), { channel: 'form' });
    expect(after.screening).toMatchObject({ decision: 'eligible', policyVersion: 2 });
    expect((await getScreening(t.db, prosecutor, before.caseId)).current).toMatchObject({ policyVersion: 1, decision: 'ineligible' });
    expect((await listPolicyVersions(t.db, coordinator)).map((p) => p.version)).toEqual([2, 1]);
  });

  it('the boards list counts each board’s volunteers and areas (routing relies on them)', async () => {
    const coordinator = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const list = await listBoards(t.db, coordinator);
    const northeast = list.find((b) => b.name === 'Northeast')!;
    expect(northeast.members).toBeGreaterThanOrEqual(3);
    expect(northeast.areas.map((a) => a.zip)).toContain('64124');
  });

  it('the prosecutor’s queue lists cases that need review first', async () => {
    const prosecutor = actorOf(await userByEmail(t.db, 'prosecutor@demo.test'));
    const q = await listScreeningQueue(t.db, prosecutor);
    expect(q.length).toBeGreaterThan(5);
    expect(q[0].status).toBe('needs_review');
    expect(q[0].reason).toMatch(/Needs the prosecutor’s review/);
  });
});
