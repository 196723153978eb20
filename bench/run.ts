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
  // --soak and --scale-out are measures of their own: they run only that benchmark.
  const only = onlyIdx >= 0 ? args[onlyIdx + 1] : args.includes('--soak') ? 'soak' : args.includes('--scale-out') ? 'scale-out' : undefined;
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const num = (name: string) => (opt(name) === undefined ? undefined : Number(opt(name)!.replaceAll('_', '')));
  const engine = opt('engine') as 'postgres' | 'pglite' | undefined;
  if (engine && engine !== 'postgres' && engine !== 'pglite') throw new Error('--engine must be postgres or pglite');
  const soak = num('soak');
  const casesList = opt('cases')?.split(',').map((v) => Number(v.replaceAll('_', '')));
  if (casesList?.some((v) => !Number.isInteger(v) || v <= 0)) throw new Error('--cases takes a positive whole number, or several separated by commas');
  const extra = { cases: casesList?.[0], casesList: casesList && casesList.length > 1 ? casesList : undefined, engine, soak, port: num('port') };
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
    const got = await bench.run({ quick, only, pgUrl, ...extra });
    measures.push(...got.map((m) => ({ bench: bench.name, ...m })));
    console.table(got.map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined && typeof v !== 'object'))));
    console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  fs.mkdirSync(path.join(dir, 'results'), { recursive: true });
  // A partial run (--only, --soak, --scale-out) merges into latest.json: it replaces the entries of the
  // benchmarks it ran and keeps the others (entries written before `bench` was recorded are dropped).
  const out = path.join(dir, 'results', 'latest.json');
  const loadavg = os.loadavg().map((x) => Math.round(x * 100) / 100);
  let kept: Measure[] = [];
  if (only && fs.existsSync(out)) {
    const ranNames = new Set(measures.map((m) => `${m.bench}|${m.engine}|${m.cases}`));
    kept = (JSON.parse(fs.readFileSync(out, 'utf8')) as { measures: Measure[] }).measures.filter((m) => m.bench && !ranNames.has(`${m.bench}|${m.engine}|${m.cases}`));
  }
  fs.writeFileSync(out, JSON.stringify({ machine: { ...machine, loadavg_at_end: loadavg }, quick, at: new Date().toISOString(), command: `npm run bench -- ${args.join(' ')}`.trim(), measures: [...kept, ...measures] }, null, 2));
  console.log(`\nWrote ${path.relative(process.cwd(), out)} (${measures.length} measures).`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
