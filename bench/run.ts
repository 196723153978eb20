/**
 * `npm run bench [-- --quick] [-- --only <name>]`: runs every bench/*.bench.ts, prints a table and
 * writes bench/results/latest.json. Figures and the command that produced them go in BENCHMARKS.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bench, Measure } from './types';

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const onlyIdx = args.indexOf('--only');
  const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;
  const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dir = path.join(process.cwd(), 'bench');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
  const measures: Measure[] = [];
  for (const f of files) {
    const mod = (await import(path.join(dir, f))) as { default: Bench };
    const bench = mod.default;
    if (only && bench.name !== only) continue;
    console.log(`\n▶ ${bench.name}${quick ? ' (quick)' : ''}`);
    const t0 = Date.now();
    const got = await bench.run({ quick, only, pgUrl });
    measures.push(...got);
    console.table(got.map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined && typeof v !== 'object'))));
    console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  fs.mkdirSync(path.join(dir, 'results'), { recursive: true });
  const out = path.join(dir, 'results', 'latest.json');
  fs.writeFileSync(out, JSON.stringify({ machine, quick, at: new Date().toISOString(), measures }, null, 2));
  console.log(`\nWrote ${path.relative(process.cwd(), out)} (${measures.length} measures).`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
