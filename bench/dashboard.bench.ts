/**
 * Dashboard speed: the whole outcomes dashboard (every measure; unfiltered, so cohort measures are
 * summed from the jurisdiction-wide month + edge-day pre-aggregates dashboard_periods /
 * dashboard_period_tallies; caseload and waiting from case_facts' open-case indexes) against
 * computing the SAME numbers from the raw tables (rawSources: cases, participants, screening,
 * offers, hearings, assignments; the run checks both give an identical dashboard), and, for
 * continuity with earlier figures, against just the five headline funnel counts from the raw
 * tables. The largest generated jurisdiction, 3-year window.
 * `npm run bench -- --only dashboard [--quick] [--cases N[,M]]` (or BENCH_CASES; several sizes are
 * measured interleaved); BENCH_ENGINES=postgres (or pglite) runs one engine.
 */
import { and, eq, sql } from 'drizzle-orm';
import { migrateDb } from '@/db/migrate';
import { fillMissingCaseFacts, rawFactsFrom } from '@/db/queries/case-facts';
import { isDeepStrictEqual } from 'node:util';
import { getDashboard, readDashboard } from '@/db/queries/dashboard';
import { rawSources } from '@/db/queries/dashboard-sources';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { pgliteDataset, postgresDataset, type Dataset } from './datasets';
import { datasetSizes, percentile, round, timeIt, type Bench, type Measure } from './types';

/** A dataset opened and ready to measure: `read` is one dashboard read as its prosecutor. */
async function prepare(ds: Dataset) {
  const o = await ds.open();
  // Datasets cached before the rollup existed get it here (idempotent).
  await migrateDb(o.db, o.engine);
  await fillMissingCaseFacts(o.db);
  // The jurisdiction with the most cases (the generated load, not the ~100-case demo county), seen
  // by one of its prosecutors (or the demo prosecutor's account moved there, when it has none).
  const big = (await o.db.execute(sql`select jurisdiction_id as id, count(*)::int as n from case_facts group by 1 order by 2 desc limit 1`)) as unknown as { rows: { id: string; n: number }[] };
  const jurisdictionId = big.rows[0].id;
  const [u] = (await o.db.select().from(users).where(and(eq(users.jurisdictionId, jurisdictionId), eq(users.role, 'prosecutor'))).limit(1)).concat(await o.db.select().from(users).where(eq(users.email, 'prosecutor@demo.test')));
  const actor: Actor = { userId: u.id, role: 'prosecutor', jurisdictionId, name: u.name, email: u.email, locale: u.locale };
  const now = new Date();
  const from = new Date(now.getTime() - 3 * 365 * 86_400_000).toISOString().slice(0, 10);
  const to = now.toISOString().slice(0, 10);
  const read = () => getDashboard(o.db, actor, { from, to }, now);
  return { ds, o, actor, jurisdictionId, jurisdictionCases: big.rows[0].n, from, to, now, read };
}
type Prepared = Awaited<ReturnType<typeof prepare>>;

/** The raw-table baselines and the row of figures for one dataset, given its dashboard timings. */
async function finish(p: Prepared, rollup: number[], quick: boolean): Promise<Measure[]> {
  const { ds, o, actor, jurisdictionId, from, to, now } = p;
  try {
    const raw = await timeIt(
      quick ? 3 : 10,
      () =>
        o.db.execute(sql`select count(*) as referred,
          count(*) filter (where f.screening_decision = 'eligible') as eligible,
          count(*) filter (where f.offered) as offered, count(*) filter (where f.accepted) as accepted,
          count(*) filter (where f.status = 'completed') as completed
          from ${rawFactsFrom(sql`c.jurisdiction_id = ${actor.jurisdictionId}`)}
          where f.referred_day between ${from}::date and ${to}::date`),
      1,
    );
    // The same dashboard with every cohort measure computed from the raw tables on each read.
    const dash = await getDashboard(o.db, actor, { from, to }, now);
    const rawDash = await readDashboard(o.db, jurisdictionId, dash.filter, rawSources(jurisdictionId, dash.filter), now);
    const rawAll = await timeIt(quick ? 3 : 10, () => readDashboard(o.db, jurisdictionId, dash.filter, rawSources(jurisdictionId, dash.filter), now), 1);
    const p95 = percentile(rollup, 95);
    const rawP95 = percentile(raw, 95);
    const rawAllP95 = percentile(rawAll, 95);
    return [
      { name: 'dashboard (all measures, pre-aggregates), 3-year window', engine: ds.engine, cases: ds.cases, jurisdiction_cases: p.jurisdictionCases, p50_ms: round(percentile(rollup, 50)), p95_ms: round(p95), raw_all_p50_ms: round(percentile(rawAll, 50)), raw_all_p95_ms: round(rawAllP95), speedup_p95: round(rawAllP95 / p95, 1), speedup_p50: round(percentile(rawAll, 50) / percentile(rollup, 50), 1), same_numbers: isDeepStrictEqual(rawDash, dash), raw_funnel_p50_ms: round(percentile(raw, 50)), raw_funnel_p95_ms: round(rawP95), funnel_speedup_p95: round(rawP95 / p95, 1) },
    ];
  } finally {
    await o.close();
  }
}

const bench: Bench = {
  name: 'dashboard',
  async run(opts) {
    const { quick, pgUrl } = opts;
    // Several sizes (`--cases 100000,1000000`) are read interleaved (one read of each in turn), so the
    // 1M / 100k ratio compares the same moments of the machine.
    const sizes = datasetSizes(opts);
    // BENCH_ENGINES=postgres (or pglite) runs one engine only, e.g. the 1M run on PostgreSQL.
    const engines = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',');
    const datasets: Dataset[] = [];
    for (const n of sizes) {
      if (engines.includes('postgres')) datasets.push(await postgresDataset(pgUrl, n));
      if (engines.includes('pglite')) datasets.push(await pgliteDataset(n));
    }
    const prepared: Prepared[] = [];
    for (const ds of datasets) prepared.push(await prepare(ds));
    const times = prepared.map(() => [] as number[]);
    for (let i = 0; i < 3; i++) for (const p of prepared) await p.read();
    for (let i = 0; i < (quick ? 10 : 40); i++) {
      for (const [k, p] of prepared.entries()) {
        const t0 = performance.now();
        await p.read();
        times[k].push(performance.now() - t0);
      }
    }
    const out: Measure[] = [];
    for (const [k, p] of prepared.entries()) out.push(...(await finish(p, times[k].toSorted((a, b) => a - b), quick)));
    // Each size against the smallest of its engine, from the interleaved reads.
    for (const m of out) {
      const base = out.find((x) => x.engine === m.engine && x.cases === sizes[0]);
      if (base && base !== m && sizes.length > 1) Object.assign(m, { p95_vs_smallest: round(Number(m.p95_ms) / Number(base.p95_ms)), p50_vs_smallest: round(Number(m.p50_ms) / Number(base.p50_ms)) });
    }
    return out;
  },
};
export default bench;
