/**
 * Property-based fuzzing of EVERY route handler and each of its methods (issue 9, point 5), listed
 * from the authorization policy (tests/authz/policy.ts), so a route added later is fuzzed without
 * touching this file. Each handler is imported and called with a `Request` built by fast-check:
 * hostile path parameters and query strings, malformed / oversized / wrong-typed / deeply nested
 * JSON and form bodies, odd content types, hostile Idempotency-Keys, a valid credential most of the
 * time (session of the first allowed role, the demo API token, a correctly signed SMS webhook) so
 * that input reaches the parsing and the data layer. For every request:
 *   - the status is below 500, and an error answer has a body without stack traces, file paths or
 *     SQL/driver text (API errors are RFC 9457 problem+json);
 *   - a GET changes no table (the audit log and security counters aside), nor does any refused
 *     (4xx) request.
 * Runs per method: FUZZ_RUNS (default 12).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OpenDb } from '@/db/open';
import { DEMO_API_TOKEN } from '@/db/seed-intake';
import { twilioSignature } from '@/lib/notify/inbound';
import { policy, type RouteRow } from '../authz/policy';
import { changedTables, tableChecksums } from '../helpers/db-checksum';
import { demoActors, demoFixtureIds, fuzzState, roleFor, useTestDb, nextControlFlow } from '../helpers/fuzz-harness';
import { hostileJsonBody, hostileKey, hostileString, LEAK } from '../helpers/hostile';
import { createTestDb } from '../helpers/test-db';

vi.mock('next/cache', async () => (await import('../helpers/next-request-mocks')).nextCacheMock());
vi.mock('next/headers', async () => (await import('../helpers/next-request-mocks')).nextHeadersMock('fuzz'));
vi.mock('next-intl/server', async () => (await import('../helpers/next-request-mocks')).nextIntlServerMock());
vi.mock('@/lib/auth/session', async (importOriginal) =>
  (await import('../helpers/next-request-mocks')).sessionMock(await importOriginal(), 'fuzz'),
);

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/** Per action/method: generous, so a long FUZZ_RUNS pass is not cut off on a busy machine. */
const TIMEOUT = Math.max(120_000, RUNS * 10_000);
const SMS_TOKEN = 'fuzz-sms-auth-token';
const ORIGIN = 'http://localhost:3000';
/**
 * Records of refused or read-only use by design: audit log, lockout counters, an API token's last
 * use, and the 42 CFR Part 2 accounting of disclosures (every read of treatment status under a
 * consent must write one).
 */
const BOOKKEEPING = ['audit_log', 'user_security', 'api_tokens', 'part2_disclosures'];
const routeRows = policy.filter((r): r is RouteRow => r.kind === 'route');
/** Query keys the handlers read, plus generic ones. */
const QUERY_KEYS = ['table', 'from', 'to', 'boardId', 'neighborhood', 'status', 'id', 'since', 'until', 'cursor', 'limit', 'actor', 'action', 'entityType', 'entityId', 'outcome', 'q', 'page', 'jurisdiction'];

let t: OpenDb;
let actors: Awaited<ReturnType<typeof demoActors>>;
const tally = { routes: 0, requests: 0, byStatus: {} as Record<string, number> };

beforeAll(async () => {
  process.env.SMS_AUTH_TOKEN = SMS_TOKEN;
  t = await createTestDb('demo');
  useTestDb(t);
  actors = await demoActors(t.db);
});
afterAll(async () => {
  console.info(`[fuzz-routes] ${tally.routes} route methods, ${tally.requests} requests, statuses ${JSON.stringify(tally.byStatus)}; 0 failures`);
  await t?.close();
});

/** encodeURIComponent that survives lone surrogates. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  }
}
const latin1 = (s: string) => /^[\x20-\x7e]*$/.test(s);

type Plan = {
  param: string;
  query: [string, string][];
  credential: 'valid' | 'none' | 'hostile';
  credentialValue: string;
  contentType: string | null;
  body: string;
  form: [string, string][];
  idempotencyKey: string | null;
};

const planArb: fc.Arbitrary<Plan> = fc.record({
  param: fc.oneof(hostileString, fc.constant('')),
  query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), hostileKey), hostileString), { maxLength: 4 }),
  credential: fc.constantFrom('valid', 'valid', 'valid', 'none', 'hostile'),
  credentialValue: hostileString,
  contentType: fc.constantFrom('application/json', 'application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', null),
  body: hostileJsonBody,
  form: fc.array(fc.tuple(fc.oneof(fc.constantFrom('From', 'Body', 'To', 'MessageSid'), hostileKey), fc.oneof(hostileString, fc.constantFrom('+18165550100', 'STOP', 'START', 'HELP'))), { maxLength: 4 }),
  idempotencyKey: fc.option(hostileString, { nil: null }),
});

function buildRequest(row: RouteRow, method: string, plan: Plan): { req: Request; params: Record<string, string> } {
  const paramName = /\[(\w+)\]/.exec(row.path)?.[1];
  const path = paramName ? row.path.replace(`[${paramName}]`, enc(plan.param)) : row.path;
  const qs = plan.query.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  const url = `${ORIGIN}${path}${qs ? `?${qs}` : ''}`;
  const headers = new Headers({ origin: ORIGIN, host: 'localhost:3000', 'x-forwarded-for': '203.0.113.9' });
  let body: string | undefined;
  const isSms = row.path === '/api/sms/inbound';
  if (method !== 'GET' && method !== 'HEAD') {
    if (isSms && plan.contentType !== 'application/json') {
      body = new URLSearchParams(plan.form.map(([k, v]) => [k, v.replace(/[\uD800-\uDFFF]/g, '\uFFFD')])).toString();
      headers.set('content-type', 'application/x-www-form-urlencoded');
    } else {
      body = plan.body;
      if (plan.contentType) headers.set('content-type', plan.contentType);
    }
  }
  if (row.path.startsWith('/api/v1/')) {
    if (plan.credential === 'valid') headers.set('authorization', `Bearer ${DEMO_API_TOKEN}`);
    else if (plan.credential === 'hostile' && latin1(plan.credentialValue)) headers.set('authorization', `Bearer ${plan.credentialValue}`);
  }
  if (isSms && plan.credential !== 'none') {
    const params = Object.fromEntries(new URLSearchParams(body ?? ''));
    headers.set('x-twilio-signature', plan.credential === 'valid' ? twilioSignature(SMS_TOKEN, url, params) : latin1(plan.credentialValue) ? plan.credentialValue : 'x');
  }
  if (plan.idempotencyKey !== null && latin1(plan.idempotencyKey)) headers.set('idempotency-key', plan.idempotencyKey);
  const req = new Request(url, { method, headers, body });
  return { req, params: paramName ? { [paramName]: plan.param } : {} };
}

describe('every route handler answers hostile requests with a clean 4xx and changes nothing', () => {
  it('fuzzes every route row of the policy', () => {
    expect(routeRows.length).toBeGreaterThan(8);
  });

  const cases = routeRows.flatMap((r) => r.methods.map((m) => [`${m} ${r.path}`, r, m] as const));
  it.each(cases)('%s', async (_name, row, method) => {
    const mod = (await import(/* @vite-ignore */ `${process.cwd()}/${row.file}`)) as Record<string, unknown>;
    const handler = mod[method];
    expect(typeof handler, `${row.file} has no ${method} handler`).toBe('function');
    const role = roleFor(row);
    const actor = actors[role];
    const ids = await demoFixtureIds(t.db, actor.userId);
    tally.routes++;
    let before = await tableChecksums(t.db, BOOKKEEPING);
    await fc.assert(
      fc.asyncProperty(planArb, fc.boolean(), async (plan, realId) => {
        // Half the time a real record id, so the query string and body reach the data layer.
        if (realId && /\[(caseId|id)\]/.test(row.path)) plan = { ...plan, param: ids.cases.own };
        if (realId && /\[hearingId\]/.test(row.path)) plan = { ...plan, param: ids.hearing };
        fuzzState.actor = plan.credential === 'none' ? null : actor;
        fuzzState.cookies.clear();
        const { req, params } = buildRequest(row, method, plan);
        const where = `${method} ${req.url.slice(0, 300)} (${plan.credential}, ${plan.contentType}, body ${JSON.stringify(plan.body.slice(0, 80))})`;
        const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
        let res: Response;
        let nextNotFound = false;
        try {
          res = await (handler as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>)(req, { params: Promise.resolve(params) });
        } catch (err) {
          errors.mockRestore();
          // notFound() in a route handler is Next's 404.
          if (nextControlFlow(err) === 'notFound') {
            res = new Response('not found', { status: 404 });
            nextNotFound = true;
          }
          else throw new Error(`${where}: threw ${String((err as Error)?.stack ?? err)}`);
        }
        const text = await res.text();
        const logged = errors.mock.calls.map((c) => c.map(String).join(' '));
        errors.mockRestore();
        tally.requests++;
        tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
        expect(res.status, `${where}: ${text.slice(0, 300)}`).toBeLessThan(500);
        expect(logged, `${where}: logged an unexpected error`).toEqual([]);
        const after = await tableChecksums(t.db, BOOKKEEPING);
        if (res.status >= 400) {
          expect(text.length, `${where}: empty error body`).toBeGreaterThan(0);
          expect(text, `${where}: leaks internals`).not.toMatch(LEAK);
          if (row.path.startsWith('/api/') && !nextNotFound) expect(res.headers.get('content-type') ?? '', `${where}: API errors are problem+json`).toMatch(/application\/problem\+json/);
        }
        if (res.status >= 400 || method === 'GET') expect(changedTables(before, after), `${where} → ${res.status}: the database changed`).toEqual([]);
        before = after;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, TIMEOUT);
});
