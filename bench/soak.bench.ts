/**
 * `npm run bench -- --soak SECONDS [--cases N] [--engine postgres|pglite]`: holds load on the key pages
 * and API calls (round robin, 8 connections) for that long against one server, samples the server's
 * RSS every 5 s, and reports growth from the end of the first minute (warm-up: JIT, caches, pools)
 * to the end, with the error count. Target (issue 10): growth < 10%, zero errors. Only runs with --soak.
 */
import os from 'node:os';
import { buildTargets, headersOf, SECRET } from './http.bench';
import { pgliteDataset, postgresDataset } from './datasets';
import { loadTest } from './load';
import { startServer } from './server';
import { datasetSizes, round, type Bench, type Measure } from './types';

const bench: Bench = {
  name: 'soak',
  async run(opts) {
    if (!opts.soak) return [];
    const [n] = datasetSizes(opts);
    const ds = opts.engine === 'pglite' ? await pgliteDataset(n) : await postgresDataset(opts.pgUrl, n);
    const { targets } = await buildTargets(ds);
    const server = await startServer(opts.port ?? 3191, { ...ds.env, NEXTAUTH_SECRET: SECRET, BENCH_MODE: '1' });
    const samples: { t: number; rss: number; load: number }[] = [];
    const t0 = Date.now();
    const sampler = setInterval(() => samples.push({ t: Math.round((Date.now() - t0) / 1000), rss: server.rssMb(), load: round(os.loadavg()[0], 1) }), 5000);
    let requests = 0;
    let errors = 0;
    const statuses: Record<string, number> = {};
    try {
      const end = Date.now() + opts.soak * 1000;
      // Rounds of 10 s per target until the time is up.
      for (let i = 0; Date.now() < end; i++) {
        const t = targets[i % targets.length];
        const headers = t.method === 'POST' ? { ...headersOf(t), origin: server.url } : headersOf(t);
        const r = await loadTest({ url: server.url + t.page, headers, method: t.method, body: t.body, connections: 8, durationMs: Math.min(10_000, end - Date.now()), expectStatus: t.expect });
        requests += r.requests;
        errors += r.errors;
        for (const [k, v] of Object.entries(r.statuses)) statuses[`${t.name} ${k}`] = (statuses[`${t.name} ${k}`] ?? 0) + v;
      }
    } finally {
      clearInterval(sampler);
      samples.push({ t: Math.round((Date.now() - t0) / 1000), rss: server.rssMb(), load: round(os.loadavg()[0], 1) });
      await server.stop();
    }
    const warm = samples.find((s) => s.t >= 60) ?? samples[0];
    const last = samples.at(-1)!;
    const peak = Math.max(...samples.map((s) => s.rss));
    const growth = round(((last.rss - warm.rss) / warm.rss) * 100, 1);
    console.log(`  RSS after warm-up ${warm.rss} MB, end ${last.rss} MB, peak ${peak} MB: growth ${growth}%; ${requests} requests, ${errors} errors`);
    console.log(`  samples (s: MB): ${samples.map((s) => `${s.t}:${s.rss}`).join(' ')}`);
    const m: Measure = {
      name: 'soak',
      engine: ds.engine,
      cases: ds.cases,
      seconds: opts.soak,
      requests,
      rps: round(requests / opts.soak, 1),
      errors,
      server_rss_mb: last.rss,
      rss_after_warmup_mb: warm.rss,
      rss_peak_mb: peak,
      rss_growth_pct: growth,
      loadavg_1m_mean: round(samples.reduce((s, x) => s + x.load, 0) / samples.length, 1),
      statuses,
      rss_samples: samples,
    };
    return [m];
  },
};

export default bench;
