/**
 * Key pages and API calls under load, on each engine, against the bare baseline route that runs the
 * same session check and SQL without rendering (issue 10): coordinator case list (filtered, second
 * page), volunteer's hearings, participant home, prosecutor dashboard, POST /api/v1/referrals and
 * GET /api/v1/cases/{id}; and, for reference, the framework floor (an empty page, same session
 * check). `--quick` uses 10k cases and short runs; `--cases N` (or `N,M`: both sizes, interleaved),
 * `--engine E`.
 */
import os from 'node:os';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { listCases } from '@/db/queries/cases';
import { createSession } from '@/db/queries/sessions';
import { DEMO_API_TOKEN } from '@/db/seed-intake';
import { cases, hearingPanelists, hearings, users } from '@/db/schema';
import { sessionCookieName } from '@/lib/auth/cookie';
import { referralExample } from '@/lib/intake/referral-schema';
import { pgliteDataset, postgresDataset, type Dataset } from './datasets';
import { loadTest } from './load';
import { startServer } from './server';
import { datasetSizes, round, type Bench, type Measure } from './types';

export const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

type Who = { id: string; role: string; jurisdictionId: string; sessionVersion: number; sid: string };

async function cookieFor(u: Who) {
  const token = await encode({ token: { sub: u.id, role: u.role, jid: u.jurisdictionId, sv: u.sessionVersion, sid: u.sid }, secret: SECRET, maxAge: 12 * 3600 });
  return `${sessionCookieName(true)}=${token}`;
}

/** The users and ids each measure acts with: the busiest jurisdiction's staff, the busiest volunteer. */
async function pickActors(ds: Dataset) {
  const o = await ds.open();
  try {
    const db = o.db;
    const [big] = await db.select({ j: cases.jurisdictionId, n: sql<number>`count(*)::int` }).from(cases).groupBy(cases.jurisdictionId).orderBy(desc(sql`count(*)`)).limit(1);
    // A real server-side session per user, as sign-in would create (the cookie names it).
    const pick = async (cond: ReturnType<typeof eq>): Promise<Who> => {
      const [u] = await db.select().from(users).where(cond).limit(1);
      const s = await createSession(db, u, { ip: '127.0.0.1', userAgent: 'bench' });
      return { id: u.id, role: u.role, jurisdictionId: u.jurisdictionId, sessionVersion: u.sessionVersion, sid: s.id };
    };
    const coordinator = await pick(and(eq(users.jurisdictionId, big.j), eq(users.role, 'coordinator'))!);
    const prosecutor = await pick(and(eq(users.jurisdictionId, big.j), eq(users.role, 'prosecutor'))!);
    // The volunteer with the most seats on hearings of the last 60 days and to come.
    const [vol] = await db
      .select({ userId: hearingPanelists.userId, n: sql<number>`count(*)::int` })
      .from(hearingPanelists)
      .innerJoin(hearings, eq(hearings.id, hearingPanelists.hearingId))
      .where(and(isNull(hearingPanelists.removedAt), sql`${hearings.endsAt} > now() - interval '60 days'`))
      .groupBy(hearingPanelists.userId)
      .orderBy(desc(sql`count(*)`))
      .limit(1);
    const volunteer = await pick(eq(users.id, vol.userId));
    const participant = await pick(eq(users.email, 'participant@demo.test'));
    // The case list is measured on its second page (keyset cursor) of a status filter.
    const coordActor = { userId: coordinator.id, role: 'coordinator', jurisdictionId: big.j } as Parameters<typeof listCases>[1];
    const first = await listCases(db, coordActor, { status: 'in_progress' });
    // GET /api/v1/cases/{id}: a case of the API token's (demo) jurisdiction.
    const [tokenUser] = await db.select().from(users).where(eq(users.email, 'participant@demo.test')).limit(1);
    const [apiCase] = await db.select({ id: cases.id }).from(cases).where(eq(cases.jurisdictionId, tokenUser.jurisdictionId)).limit(1);
    return { coordinator, prosecutor, volunteer, volunteerSeats: vol.n, participant, caseListCursor: first.nextCursor ?? '', apiCaseId: apiCase.id, bigJurisdictionCases: big.n };
  } finally {
    await o.close();
  }
}

export type Target = { name: string; page: string; base: string; cookie?: string; method?: 'GET' | 'POST'; body?: () => string; expect?: number[] };

let seq = 0;
const runTag = Date.now().toString(36);
/** A new referral per request (unique case number and name), as the prosecutor's system would send. */
function referralBody() {
  seq++;
  return JSON.stringify({ ...referralExample, externalCaseNumber: `BENCH-${runTag}-${seq}`, participant: { ...referralExample.participant, lastName: `Bench${runTag}${seq}` } });
}

/** The measured pages and API calls of a dataset, with their baseline routes and credentials. */
export async function buildTargets(ds: Dataset): Promise<{ targets: Target[]; info: Record<string, unknown> }> {
  const who = await pickActors(ds);
  const c = { coordinator: await cookieFor(who.coordinator), prosecutor: await cookieFor(who.prosecutor), volunteer: await cookieFor(who.volunteer), participant: await cookieFor(who.participant) };
  const api = { authorization: `Bearer ${DEMO_API_TOKEN}`, 'content-type': 'application/json' };
  const q = `status=in_progress&cursor=${encodeURIComponent(who.caseListCursor)}`;
  const targets: Target[] = [
    { name: 'coordinator case list (filtered, page 2)', page: `/cases?${q}`, base: `/api/bench/case-list?${q}`, cookie: c.coordinator },
    { name: "volunteer's hearings", page: '/board/hearings', base: '/api/bench/volunteer-hearings', cookie: c.volunteer },
    { name: 'participant home', page: '/portal', base: '/api/bench/participant-home', cookie: c.participant },
    { name: 'prosecutor dashboard', page: '/dashboard', base: '/api/bench/dashboard', cookie: c.prosecutor },
    { name: 'POST /api/v1/referrals', page: '/api/v1/referrals', base: '/api/bench/api-referral', method: 'POST', body: referralBody, expect: [201] },
    { name: 'GET /api/v1/cases/{id}', page: `/api/v1/cases/${who.apiCaseId}`, base: `/api/bench/api-case?id=${who.apiCaseId}` },
    // Not a key page: the emptiest page (session check, root layout, one word) against the same
    // check as JSON, i.e. what rendering any page costs in this framework before its own content.
    { name: 'framework floor (empty page)', page: '/bench/floor', base: '/api/bench/floor', cookie: c.coordinator },
  ];
  for (const t of targets) if (!t.cookie) Object.assign(t, { headers: api });
  return { targets, info: { bigJurisdictionCases: who.bigJurisdictionCases, volunteerSeats: who.volunteerSeats } };
}

export function headersOf(t: Target): Record<string, string> {
  return t.cookie ? { cookie: t.cookie } : (t as Target & { headers: Record<string, string> }).headers;
}

/**
 * Measure every target on each dataset's own server. With several datasets (sizes, engines) the
 * servers run side by side and each target is measured on one after the other, so a size or engine
 * ratio compares the same minutes of the machine.
 */
async function measureEngine(dss: Dataset[], port: number, quick: boolean): Promise<Measure[]> {
  const runs: { ds: Dataset; targets: Target[]; server: Awaited<ReturnType<typeof startServer>> }[] = [];
  const out: Measure[] = [];
  try {
    for (const [i, ds] of dss.entries()) {
      // BENCH_TARGET=<text> measures only the targets whose name contains it (profiling one route).
      const { targets: all } = await buildTargets(ds);
      const targets = process.env.BENCH_TARGET ? all.filter((t) => t.name.includes(process.env.BENCH_TARGET!)) : all;
      if (!targets.length) throw new Error(`BENCH_TARGET=${process.env.BENCH_TARGET} matches no target`);
      runs.push({ ds, targets, server: await startServer(port + 2 * i, { ...ds.env, NEXTAUTH_SECRET: SECRET, BENCH_MODE: '1' }) });
    }
    const durationMs = quick ? 4000 : 12_000;
    const connections = 8;
    for (let k = 0; k < runs[0].targets.length; k++) {
      for (const { ds, targets, server } of runs) {
        const t = targets[k];
        // A POST carries the site's own Origin, as a browser would (the proxy refuses cross-site writes; /api/v1 is exempt anyway).
        const headers = t.method === 'POST' ? { ...headersOf(t), origin: server.url } : headersOf(t);
        const run = (url: string, conns: number, ms: number) => loadTest({ url: server.url + url, headers, method: t.method, body: t.body, connections: conns, durationMs: ms, expectStatus: t.expect });
        // Warm up both routes (JIT, caches) before measuring; then baseline and page back to back.
        await run(t.page, 2, 1500);
        await run(t.base, 2, 1500);
        const load1 = os.loadavg()[0];
        const base = await run(t.base, connections, durationMs);
        const page = await run(t.page, connections, durationMs);
        if (base.errors) throw new Error(`baseline ${t.base} answered ${JSON.stringify(base.statuses)}`);
        // What the server said about its errors (the end of its log), so a failing page can be fixed.
        if (page.errors) console.error(`  ${t.page} answered ${JSON.stringify(page.statuses)}; the server's log ends:\n${server.log().slice(-3000)}`);
        const m: Measure = {
          name: t.name,
          engine: ds.engine,
          cases: ds.cases,
          rps: page.rps,
          p50_ms: page.p50_ms,
          p95_ms: page.p95_ms,
          p99_ms: page.p99_ms,
          errors: page.errors,
          baseline_rps: base.rps,
          baseline_p95_ms: base.p95_ms,
          baseline_ratio_rps: round(page.rps / base.rps),
          baseline_ratio_p95: round(page.p95_ms / base.p95_ms),
          server_rss_mb: server.rssMb(),
          loadavg_1m: round((load1 + os.loadavg()[0]) / 2, 1),
        };
        // The same target on the smallest dataset of this engine in this run, measured just before.
        const first = dss.find((d) => d.engine === ds.engine)!;
        const smallest = out.find((x) => x.name === t.name && x.engine === ds.engine && x.cases === first.cases);
        if (smallest && ds !== first) Object.assign(m, { p95_vs_smallest: round(Number(m.p95_ms) / Number(smallest.p95_ms)), baseline_p95_vs_smallest: round(Number(m.baseline_p95_ms) / Number(smallest.baseline_p95_ms)) });
        out.push(m);
        console.log(`  ${ds.engine} ${ds.cases} ${t.name}: ${page.rps} rps p95 ${page.p95_ms} ms (baseline ${base.rps} rps p95 ${base.p95_ms} ms), errors ${page.errors} ${page.errors ? JSON.stringify(page.statuses) : ''}`);
      }
    }
  } finally {
    for (const r of runs) await r.server.stop();
  }
  return out;
}

const bench: Bench = {
  name: 'http',
  async run(opts) {
    const sizes = datasetSizes(opts);
    const port = opts.port ?? 3191;
    const out: Measure[] = [];
    const datasets = async (make: (n: number) => Promise<Dataset>) => {
      const dss: Dataset[] = [];
      for (const n of sizes) dss.push(await make(n));
      return dss;
    };
    if (!opts.engine) {
      // Both engines: one server each, side by side, every target measured on one and then at once on
      // the other, so "PGlite within 2.5x of PostgreSQL" compares the same minutes of the machine.
      const pg = await datasets((n) => postgresDataset(opts.pgUrl, n));
      const lite = await datasets(pgliteDataset);
      out.push(...(await measureEngine([...pg, ...lite], port, opts.quick)));
      for (const m of out) {
        const other = m.engine === 'pglite' && out.find((x) => x.engine === 'postgres' && x.name === m.name && x.cases === m.cases);
        if (other) Object.assign(m, { p95_vs_postgres: round(Number(m.p95_ms) / Number(other.p95_ms)), rps_vs_postgres: round(Number(other.rps) / Number(m.rps)) });
      }
      return out;
    }
    if (opts.engine === 'postgres') out.push(...(await measureEngine(await datasets((n) => postgresDataset(opts.pgUrl, n)), port, opts.quick)));
    else out.push(...(await measureEngine(await datasets(pgliteDataset), port + 1, opts.quick)));
    return out;
  },
};

export default bench;
