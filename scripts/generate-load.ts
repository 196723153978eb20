// `npm run db:generate-load -- --cases N [--seed S]`: fill the configured database (DATABASE_URL or
// the embedded one) with generated load data, and report rows per second.
import { migrateDb } from '@/db/migrate';
import { generateLoad } from '@/db/load/generate';
import { openPglite, openPostgres } from '@/db/open';
import { seedDemo } from '@/db/seed';
import { env } from '@/lib/env';

function arg(name: string, fallback?: string) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main() {
  const cases = Number(arg('cases', '10000')!.replaceAll('_', ''));
  if (!Number.isInteger(cases) || cases < 1 || cases > 5_000_000) throw new Error('--cases must be a whole number between 1 and 5,000,000');
  const seed = Number(arg('seed', '42'));
  const opened = env.databaseUrl ? await openPostgres(env.databaseUrl) : await openPglite(env.pgliteDir);
  await migrateDb(opened.db, opened.engine);
  // `--demo` first seeds the demo (its accounts sign in to the benchmark's pages), as `npm run bench` does.
  if (process.argv.includes('--demo')) await seedDemo(opened.db);
  console.log(`Generating ${cases.toLocaleString('en-US')} cases into ${opened.engine}…`);
  const report = await generateLoad(opened.db, { cases, seed, log: console.log });
  await opened.close();
  console.log(`Loaded ${report.rows.toLocaleString('en-US')} rows in ${report.seconds.toFixed(1)} s (${report.rowsPerSecond.toLocaleString('en-US')} rows/s) across ${report.jurisdictions} jurisdictions.`);
  console.table(report.tables);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
