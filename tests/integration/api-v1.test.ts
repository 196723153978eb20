import { and, count, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OpenDb } from '@/db/open';
import { createApiToken, resolveApiToken, revokeApiToken } from '@/db/queries/api-tokens';
import { verifyAuditChain } from '@/db/queries/audit-chain';
import { respondToOffer } from '@/db/queries/offers';
import { apiTokens, auditLog, caseOffers, cases } from '@/db/schema';
import { transitionCase } from '@/db/queries/cases';
import { DEMO_API_TOKEN } from '@/db/seed-intake';
import { buildOpenApiDocument } from '@/lib/http/openapi';
import { getApiCase, getApiOutcomes, postReferral } from '@/lib/http/v1';
import { caseResponseSchema, outcomesResponseSchema, referralResponseSchema } from '@/lib/intake/api-schemas';
import { referralExample, referralSchema } from '@/lib/intake/referral-schema';
import { actorOf, makeUser } from '../helpers/factories';
import { makeIntakeJurisdiction, referralInput } from '../helpers/intake-factories';
import { countingDb } from '../helpers/count-queries';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
let token: string;
let setup: Awaited<ReturnType<typeof makeIntakeJurisdiction>>;
beforeAll(async () => {
  t = await createTestDb('empty');
  setup = await makeIntakeJurisdiction(t.db);
  const admin = actorOf(await makeUser(t.db, { jurisdictionId: setup.j.id, role: 'admin' }));
  token = (await createApiToken(t.db, admin, { name: 'Office CMS' })).token;
});
afterAll(async () => t?.close());

const base = 'http://localhost/api/v1';
const post = (body: unknown, o: { token?: string | null; headers?: Record<string, string> } = {}) =>
  postReferral(
    t.db,
    new Request(`${base}/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(o.token === null ? {} : { authorization: `Bearer ${o.token ?? token}` }), ...o.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
const get = (path: string, tk: string | null = token) => new Request(`${base}${path}`, { headers: tk ? { authorization: `Bearer ${tk}` } : {} });

describe('POST /api/v1/referrals', () => {
  it('201 with id, status and screening; a retry is 200 with the same case', async () => {
    const body = referralInput();
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    const created = referralResponseSchema.parse(await res.json());
    expect(created).toMatchObject({ status: 'offered', screening: { decision: 'eligible', policyVersion: 1 }, participant: { linked: false } });
    expect(res.headers.get('location')).toBe(`/api/v1/cases/${created.id}`);
    const retry = await post(body);
    expect(retry.status).toBe(200);
    expect((await retry.json()).id).toBe(created.id);
  });

  it('a firearm referral comes back ineligible with the reason', async () => {
    const res = await post(referralInput({ charges: ['571.070'] }));
    expect(res.status).toBe(201);
    const json = await res.json();
    expect(json.status).toBe('ineligible');
    expect(json.screening.reason).toMatch(/firearm or other weapon/);
  });

  it('400 problem+json listing every bad field', async () => {
    const res = await post({ ...referralExample, externalCaseNumber: '', incidentDate: 'yesterday', participant: { ...referralExample.participant, zip: '641', race: 'martian' }, facts: { weaponInvolved: 'perhaps' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const p = await res.json();
    expect(p).toMatchObject({ type: expect.stringContaining('invalid-request'), title: 'Invalid request', status: 400, instance: '/api/v1/referrals' });
    expect(p.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/externalCaseNumber', '/facts/weaponInvolved', '/incidentDate', '/participant/race', '/participant/zip']);
    expect(p.errors.every((e: { detail: string }) => e.detail.length > 5)).toBe(true);
  });

  it('400 for unknown charge codes (by field), malformed JSON, and 415 for a non-JSON body', async () => {
    const bad = await post(referralInput({ charges: ['579.015', 'NOPE'] }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([{ pointer: '/charges/1', detail: '“NOPE” is not in this office’s charge table.' }]);
    expect((await post('{"externalCaseNumber": ')).status).toBe(400);
    const text = await post('a,b,c', { headers: { 'content-type': 'text/csv' } });
    expect(text.status).toBe(415);
  });

  it('401 for a missing, wrong or revoked token, with a Bearer challenge', async () => {
    const missing = await post(referralInput(), { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect((await post(referralInput(), { token: 'cg_not-a-real-token' })).status).toBe(401);
    const admin = actorOf(await makeUser(t.db, { jurisdictionId: setup.j.id, role: 'admin' }));
    const spare = await createApiToken(t.db, admin, { name: 'Spare' });
    expect((await post(referralInput(), { token: spare.token })).status).toBe(201);
    await revokeApiToken(t.db, admin, { tokenId: spare.id });
    const revoked = await post(referralInput(), { token: spare.token });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('records a token\'s last use at most once a minute, so API reads do not each write the token row', async () => {
    const admin = actorOf(await makeUser(t.db, { jurisdictionId: setup.j.id, role: 'admin' }));
    const spare = await createApiToken(t.db, admin, { name: 'Last used' });
    const lastUsed = async () => (await t.db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, spare.id)))[0].at;
    expect(await lastUsed()).toBeNull();
    const t0 = new Date('2026-12-01T10:00:00Z');
    expect((await resolveApiToken(t.db, spare.token, null, t0))?.apiToken?.id).toBe(spare.id);
    expect(await lastUsed()).toEqual(t0);
    // 59 s later: still "last used" at t0, nothing written.
    await resolveApiToken(t.db, spare.token, null, new Date(t0.getTime() + 59_000));
    expect(await lastUsed()).toEqual(t0);
    const t1 = new Date(t0.getTime() + 61_000);
    await resolveApiToken(t.db, spare.token, null, t1);
    expect(await lastUsed()).toEqual(t1);
    await revokeApiToken(t.db, admin, { tokenId: spare.id });
    expect(await resolveApiToken(t.db, spare.token, null, new Date(t1.getTime() + 120_000))).toBeNull();
    expect(await lastUsed()).toEqual(t1);
  });

  it('413 for a body over 1 MB, by Content-Length and by the streamed size', async () => {
    const big = JSON.stringify({ ...referralExample, summary: 'x'.repeat(1_100_000) });
    expect((await post(big)).status).toBe(413);
    // Chunked, no Content-Length: refused while reading.
    const enc = new TextEncoder();
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent > 2_000_000) return c.close();
        sent += 64 * 1024;
        c.enqueue(enc.encode('x'.repeat(64 * 1024)));
      },
    });
    const req = new Request(`${base}/referrals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: stream, duplex: 'half' } as RequestInit);
    expect(req.headers.get('content-length')).toBeNull();
    const res = await postReferral(t.db, req);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(1_300_000); // stopped reading soon after the limit
  });

  it('20 concurrent identical POSTs make one case: one 201, nineteen 200, same id', async () => {
    const body = referralInput();
    const res = await Promise.all(Array.from({ length: 20 }, () => post(body)));
    expect(res.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(200)].map((s, i) => (i === 0 ? 201 : s)).sort());
    const ids = new Set(await Promise.all(res.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
    const [{ n }] = await t.db.select({ n: count() }).from(cases).where(and(eq(cases.jurisdictionId, setup.j.id), eq(cases.externalCaseNumber, body.externalCaseNumber)));
    expect(n).toBe(1);
  });
});

describe('GET /api/v1/cases/{id} and jurisdiction isolation', () => {
  it('returns status, board and screening (no treatment or contact data); another jurisdiction’s token gets 404 and cannot touch it', async () => {
    const created = await (await post(referralInput())).json();
    // While the offer is open its deadline is shown; once answered, it is gone.
    const offered = caseResponseSchema.parse(await (await getApiCase(t.db, get(`/cases/${created.id}`), created.id)).json());
    const [open] = await t.db.select({ deadlineAt: caseOffers.deadlineAt }).from(caseOffers).where(and(eq(caseOffers.caseId, created.id), eq(caseOffers.status, 'open')));
    expect(offered).toMatchObject({ status: 'offered', offerDeadlineAt: open.deadlineAt.toISOString(), board: null, screening: { decision: 'eligible', policyVersion: 1 } });
    await respondToOffer(t.db, setup.coordinator, { caseId: created.id, answer: 'accept' });
    const res = await getApiCase(t.db, get(`/cases/${created.id}`), created.id);
    expect(res.status).toBe(200);
    const c = caseResponseSchema.parse(await res.json());
    expect(c).toMatchObject({ id: created.id, status: 'assigned', board: { name: 'Northeast' }, screening: { decision: 'eligible' }, nextHearingAt: null, offerDeadlineAt: null });
    // No consent: treatment is null (which says nothing about whether a referral exists).
    expect(c.treatment).toBeNull();
    const raw = JSON.stringify({ ...c, treatment: undefined });
    expect(raw).not.toMatch(/phone|email|dateOfBirth|treatment/i);

    const other = await makeIntakeJurisdiction(t.db);
    const otherAdmin = actorOf(await makeUser(t.db, { jurisdictionId: other.j.id, role: 'admin' }));
    const otherToken = (await createApiToken(t.db, otherAdmin, { name: 'Other CMS' })).token;
    const cross = await getApiCase(t.db, get(`/cases/${created.id}`, otherToken), created.id);
    expect(cross.status).toBe(404);
    // The same case number in the other jurisdiction is a different case, not a replay.
    const same = await post({ ...referralInput(), externalCaseNumber: created.externalCaseNumber }, { token: otherToken });
    expect(same.status).toBe(201);
    expect((await same.json()).id).not.toBe(created.id);
    expect((await getApiCase(t.db, get('/cases/not-a-uuid'), 'not-a-uuid')).status).toBe(404);
  });
});

describe('GET /api/v1/outcomes', () => {
  it('lists completed and returned cases since a time, paginated by cursor without gaps or repeats', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const closed: string[] = [];
    for (let i = 0; i < 7; i++) {
      const body = await (await post(referralInput())).json();
      const [c] = await t.db.select().from(cases).where(eq(cases.id, body.id));
      await transitionCase(t.db, setup.coordinator, { caseId: body.id, to: 'returned', reason: 'declined', version: c.version });
      closed.push(body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/outcomes?since=${encodeURIComponent(since)}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await getApiOutcomes(t.db, get(q));
      expect(res.status).toBe(200);
      const page = outcomesResponseSchema.parse(await res.json());
      seen.push(...page.items.map((i) => i.id));
      for (const i of page.items) if (closed.includes(i.id)) expect(i).toMatchObject({ outcome: 'returned', returnReason: 'declined' });
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of closed) expect(seen).toContain(id);
    const later = await getApiOutcomes(t.db, get(`/outcomes?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`));
    expect((await later.json()).items).toEqual([]);
  });

  it('400 for a missing or malformed since and a forged cursor', async () => {
    const res = await getApiOutcomes(t.db, get('/outcomes'));
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].pointer).toBe('/since');
    expect((await getApiOutcomes(t.db, get('/outcomes?since=last-week'))).status).toBe(400);
    expect((await getApiOutcomes(t.db, get('/outcomes?since=2026-01-01T00:00:00Z&cursor=abc'))).status).toBe(400);
    expect((await getApiOutcomes(t.db, get('/outcomes?since=2026-01-01T00:00:00Z', null))).status).toBe(401);
  });
});

describe('GET /api/v1/cases/{id}: its audit rows', () => {
  it('records the refused treatment read and the call in one INSERT, chained in that order, after the reads', async () => {
    const created = await (await post(referralInput())).json();
    const { db, count: counted } = countingDb(t);
    const { result: res, statements } = await counted((cdb) => getApiCase(cdb, get(`/cases/${created.id}`), created.id));
    expect(res.status).toBe(200);
    const inserts = statements.filter((s) => /^insert into "audit_log"/i.test(s));
    expect(inserts).toHaveLength(1);
    // The audit insert is the last statement: nothing was written before the reads were done.
    expect(statements.at(-1)).toMatch(/^insert into "audit_log"/i);
    const rows = await db
      .select({ action: auditLog.action, outcome: auditLog.outcome, entityId: auditLog.entityId })
      .from(auditLog)
      .orderBy(desc(auditLog.chainSeq))
      .limit(2);
    expect(rows.reverse()).toEqual([
      { action: 'treatment.read', outcome: 'denied', entityId: created.id },
      { action: 'api.cases.read', outcome: 'success', entityId: null },
    ]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('withholds the answer when the call cannot be recorded', async () => {
    const created = await (await post(referralInput())).json();
    const [{ n: before }] = await t.db.select({ n: count() }).from(auditLog);
    // A real failure of the audit INSERT, from the database itself.
    await t.db.execute(sql`create function refuse_api_read_audit() returns trigger language plpgsql as $$ begin raise exception 'audit store unavailable'; end $$`);
    await t.db.execute(sql`create trigger refuse_api_read_audit before insert on audit_log for each row when (new.action = 'api.cases.read') execute function refuse_api_read_audit()`);
    try {
      const res = await getApiCase(t.db, get(`/cases/${created.id}`), created.id);
      expect(res.status).toBe(500);
      const body = await res.json();
      expect(body.detail).toMatch(/could not be recorded in the audit log/);
      expect(JSON.stringify(body)).not.toContain(created.externalCaseNumber);
    } finally {
      await t.db.execute(sql`drop trigger refuse_api_read_audit on audit_log`);
      await t.db.execute(sql`drop function refuse_api_read_audit()`);
    }
    const [{ n: after }] = await t.db.select({ n: count() }).from(auditLog);
    expect(after).toBe(before);
  });
});

describe('audit and OpenAPI', () => {
  it('audits every call with the token as the actor, failures included', async () => {
    const before = (await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'api.referrals.create')))[0].n;
    await post(referralInput());
    await post(referralInput(), { token: null });
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, 'api.referrals.create')).orderBy(auditLog.id);
    expect(rows.length - before).toBe(2);
    const [ok, denied] = rows.slice(-2);
    expect(ok).toMatchObject({ outcome: 'success', actorUserId: null, actorRole: 'prosecutor', jurisdictionId: setup.j.id, details: expect.objectContaining({ status: 201 }) });
    expect(ok.actorApiTokenId).not.toBeNull();
    expect(denied).toMatchObject({ outcome: 'denied', actorApiTokenId: null, details: expect.objectContaining({ status: 401 }) });
  });

  it('the OpenAPI 3.1 document comes from the same schemas, and its example request validates against them', () => {
    const doc = buildOpenApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths['/api/v1/referrals'].post;
    const example = op.requestBody.content['application/json'].example;
    // Against the zod schema the handler uses…
    expect(referralSchema.safeParse(example).success).toBe(true);
    // …and against the JSON Schema published in the document.
    const published = z.fromJSONSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...doc.components.schemas.Referral } as Parameters<typeof z.fromJSONSchema>[0]);
    expect(published.safeParse(example).success).toBe(true);
    expect(published.safeParse({ ...example, participant: { ...example.participant, zip: 'x' } }).success).toBe(false);
    const response = z.fromJSONSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...doc.components.schemas.ReferralCreated } as Parameters<typeof z.fromJSONSchema>[0]);
    expect(response.safeParse(op.responses['201'].content['application/json'].example).success).toBe(true);
    for (const path of Object.values(doc.paths)) for (const o of Object.values(path)) expect(o.responses['401']).toBeDefined();
  });

  it('the demo token constant is what the README documents', () => {
    expect(DEMO_API_TOKEN).toBe('cg_demo_jackson_county_token');
  });
});
