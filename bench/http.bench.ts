/**
 * Key pages and API calls under load, on each engine, against the bare baseline route that runs the
 * same session check and SQL without rendering (issue 10). `--quick` uses 10k cases and short runs.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { createSession } from '@/db/queries/sessions';
import { boardMemberships, caseAssignments, cases, users } from '@/db/schema';
import { sessionCookieName } from '@/lib/auth/cookie';
import { pgliteDataset, postgresDataset, type Dataset } from './datasets';
import { loadTest } from './load';
import { startServer } from './server';
import { round, type Bench, type Measure } from './types';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

type Who = { id: string; role: string; jurisdictionId: string; sessionVersion: number; sid: string };

async function cookieFor(u: Who) {
  const token = await encode({ token: { sub: u.id, role: u.role, jid: u.jurisdictionId, sv: u.sessionVersion, sid: u.sid }, secret: SECRET, maxAge: 12 * 3600 });
  return `${sessionCookieName(true)}=${token}`;
}

/** The users and ids each measure acts with: the busiest coordinator and volunteer of the load. */
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
    const [vol] = await db
      .select({ userId: boardMemberships.userId, n: sql<number>`count(*)::int` })
      .from(boardMemberships)
      .innerJoin(caseAssignments, and(eq(caseAssignments.boardId, boardMemberships.boardId), sql`${caseAssignments.endedAt} is null`))
      .groupBy(boardMemberships.userId)
      .orderBy(desc(sql`count(*)`))
      .limit(1);
    const volunteer = await pick(eq(users.id, vol.userId));
    const participant = await pick(eq(users.email, 'participant@demo.test'));
    const [someCase] = await db.select({ id: cases.id }).from(cases).where(and(eq(cases.jurisdictionId, big.j), eq(cases.status, 'in_progress'))).limit(1);
    return { coordinator, volunteer, participant, caseId: someCase.id, bigJurisdictionCases: big.n };
  } finally {
    await o.close();
  }
}

async function measureEngine(ds: Dataset, port: number, quick: boolean): Promise<Measure[]> {
  const who = await pickActors(ds);
  const server = await startServer(port, { ...ds.env, NEXTAUTH_SECRET: SECRET, BENCH_MODE: '1' });
  const out: Measure[] = [];
  try {
    const cookies = { coordinator: await cookieFor(who.coordinator), volunteer: await cookieFor(who.volunteer), participant: await cookieFor(who.participant) };
    const targets = [
      { name: 'coordinator case list (filtered)', page: '/cases?status=in_progress', base: '/api/bench/case-list?status=in_progress', cookie: cookies.coordinator },
      { name: 'case detail', page: `/cases/${who.caseId}`, base: `/api/bench/case-detail?id=${who.caseId}`, cookie: cookies.coordinator },
      { name: 'volunteer board', page: '/board', base: '/api/bench/volunteer-board', cookie: cookies.volunteer },
      { name: 'participant home', page: '/portal', base: '/api/bench/participant-home', cookie: cookies.participant },
    ];
    const durationMs = quick ? 4000 : 15_000;
    const connections = 8;
    for (const t of targets) {
      // Warm up both routes (JIT, caches) before measuring.
      await loadTest({ url: server.url + t.page, headers: { cookie: t.cookie }, connections: 2, durationMs: 1000 });
      await loadTest({ url: server.url + t.base, headers: { cookie: t.cookie }, connections: 2, durationMs: 1000 });
      const base = await loadTest({ url: server.url + t.base, headers: { cookie: t.cookie }, connections, durationMs });
      const page = await loadTest({ url: server.url + t.page, headers: { cookie: t.cookie }, connections, durationMs });
      if (base.errors) throw new Error(`baseline ${t.base} answered ${JSON.stringify(base.statuses)}`);
      out.push({
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
      });
    }
  } finally {
    await server.stop();
  }
  return out;
}

const bench: Bench = {
  name: 'http',
  async run({ quick, pgUrl }) {
    const n = Number(process.env.BENCH_CASES ?? (quick ? 10_000 : 100_000));
    const out: Measure[] = [];
    out.push(...(await measureEngine(await postgresDataset(pgUrl, n), 3191, quick)));
    out.push(...(await measureEngine(await pgliteDataset(n), 3192, quick)));
    return out;
  },
};

export default bench;
