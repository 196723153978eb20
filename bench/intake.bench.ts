/**
 * Intake throughput: one referral through createReferral (validate → person match → case →
 * screening → offer, one transaction), a 1,000-row CSV import, and 20 identical API POSTs at once.
 * `npm run bench -- --only intake [--quick]`
 */
import pg from 'pg';
import { migrateDb } from '@/db/migrate';
import { openPglite, openPostgres, type OpenDb } from '@/db/open';
import { createReferral, importReferralCsv } from '@/db/queries/referrals';
import { seedDemo } from '@/db/seed';
import { DEMO_API_TOKEN } from '@/db/seed-intake';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { postReferral } from '@/lib/http/v1';
import { referralExample } from '@/lib/intake/referral-schema';
import { eq } from 'drizzle-orm';
import { generateReferralCsv } from '../tests/helpers/referral-csv';
import { percentile, round, type Bench, type Measure } from './types';

async function run(opened: OpenDb, engine: 'pglite' | 'postgres', quick: boolean): Promise<Measure[]> {
  const db = opened.db;
  console.log(`  ${engine}: migrate + demo seed`);
  await migrateDb(db, engine);
  await seedDemo(db);
  const [u] = await db.select().from(users).where(eq(users.email, 'prosecutor@demo.test'));
  const actor: Actor = { userId: u.id, role: u.role, jurisdictionId: u.jurisdictionId, name: u.name, email: u.email, locale: u.locale };
  const n = quick ? 40 : 200;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const input = { ...referralExample, externalCaseNumber: `BENCH-${i}`, participant: { ...referralExample.participant, lastName: `Bench${i}` } };
    const t0 = performance.now();
    await createReferral(db, actor, input, { channel: 'api' });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const rows = quick ? 200 : 1000;
  const { text } = generateReferralCsv({ rows, bad: rows / 20, prefix: 'BCSV' });
  const t1 = performance.now();
  const imported = await importReferralCsv(db, actor, text);
  const importSeconds = (performance.now() - t1) / 1000;
  const body = JSON.stringify({ ...referralExample, externalCaseNumber: 'BENCH-CONCURRENT' });
  const t2 = performance.now();
  const res = await Promise.all(
    Array.from({ length: 20 }, () =>
      postReferral(db, new Request('http://localhost/api/v1/referrals', { method: 'POST', headers: { authorization: `Bearer ${DEMO_API_TOKEN}`, 'content-type': 'application/json' }, body })),
    ),
  );
  const concurrentMs = performance.now() - t2;
  return [
    { name: 'createReferral (screen + offer, one tx)', engine, cases: n, p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), p99_ms: round(percentile(times, 99)) },
    { name: `CSV import ${rows} rows (${rows / 20} bad)`, engine, cases: imported.created, rps: round(imported.created / importSeconds, 1), seconds: round(importSeconds, 1), failed: imported.failed.length },
    { name: '20 identical concurrent POST /api/v1/referrals', engine, cases: 20, p50_ms: round(concurrentMs), created201: res.filter((r) => r.status === 201).length, replay200: res.filter((r) => r.status === 200).length },
  ];
}

const bench: Bench = {
  name: 'intake',
  async run({ quick, pgUrl }) {
    const out: Measure[] = [];
    const lite = await openPglite('memory://');
    try {
      out.push(...(await run(lite, 'pglite', quick)));
    } finally {
      await lite.close();
    }
    const name = `cg_bench_intake_${Date.now().toString(36)}`;
    // Admin connections stay short: other work on this shared server may terminate idle sessions.
    const adminQuery = async (q: string) => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      try {
        await c.query(q);
      } finally {
        await c.end();
      }
    };
    try {
      await adminQuery(`create database "${name}"`);
    } catch {
      console.log('  PostgreSQL not reachable; PGlite only.');
      return out;
    }
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    const opened = await openPostgres(u.toString(), 10);
    try {
      out.push(...(await run(opened, 'postgres', quick)));
    } finally {
      await opened.close();
      await adminQuery(`drop database if exists "${name}" with (force)`);
    }
    return out;
  },
};
export default bench;
