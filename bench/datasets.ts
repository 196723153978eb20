/**
 * Benchmark datasets, built once and reused across runs (building 100k cases takes ~30 s on
 * PostgreSQL, longer on PGlite): the demo seed plus `cases` generated cases.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { count } from 'drizzle-orm';
import { migrateDb } from '@/db/migrate';
import { generateLoad } from '@/db/load/generate';
import { openPglite, openPostgres, type OpenDb } from '@/db/open';
import { seedDemo } from '@/db/seed';
import { cases } from '@/db/schema';

export type Dataset = { engine: 'pglite' | 'postgres'; cases: number; env: Record<string, string>; open: () => Promise<OpenDb> };

/**
 * Datasets are rebuilt when the schema or the generator changes: their name carries the number of
 * migrations and a short hash of the migrations and of the generator's source (branches with the
 * same count but different migrations share a PostgreSQL server without sharing a dataset, and a
 * dataset made by an older generator is not measured as if it were the current one).
 */
function schemaTag() {
  const hash = createHash('sha256');
  const read = (dir: string, ext: string) => {
    const files = fs.readdirSync(path.join(process.cwd(), dir)).filter((f) => f.endsWith(ext)).toSorted();
    for (const f of files) hash.update(f).update(fs.readFileSync(path.join(process.cwd(), dir, f)));
    return files.length;
  };
  const migrations = read('db/migrations', '.sql');
  read('db/load', '.ts');
  return `m${migrations}_${hash.digest('hex').slice(0, 6)}`;
}

function dbUrl(base: string, name: string) {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

async function fill(o: OpenDb, n: number, log: (m: string) => void) {
  await migrateDb(o.db, o.engine);
  await seedDemo(o.db);
  const report = await generateLoad(o.db, { cases: n, log });
  log(`  loaded ${report.rows.toLocaleString('en-US')} rows at ${report.rowsPerSecond.toLocaleString('en-US')} rows/s`);
  return report;
}

async function hasCases(o: OpenDb, n: number) {
  try {
    const [{ n: have }] = await o.db.select({ n: count() }).from(cases);
    return have >= n;
  } catch {
    return false;
  }
}

export async function postgresDataset(baseUrl: string, n: number, log: (m: string) => void = console.log): Promise<Dataset> {
  // BENCH_DB_PREFIX keeps parallel sessions' datasets apart on a shared server.
  const name = `${process.env.BENCH_DB_PREFIX ?? 'cg_bench_'}${n}_${schemaTag()}`;
  const url = dbUrl(baseUrl, name);
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  let ready = false;
  if (exists) {
    const o = await openPostgres(url, 2);
    ready = await hasCases(o, n);
    await o.close();
  }
  if (!ready) {
    log(`  building PostgreSQL dataset ${name}…`);
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
    const o = await openPostgres(url, 4);
    await fill(o, n, log);
    await o.close();
  }
  await admin.end();
  return { engine: 'postgres', cases: n, env: { DATABASE_URL: url, DEMO_MODE: '0' }, open: () => openPostgres(url, 4) };
}

export async function pgliteDataset(n: number, log: (m: string) => void = console.log): Promise<Dataset> {
  const dir = path.join(process.cwd(), '.data', 'bench', `pglite-${n}-${schemaTag()}`);
  let ready = false;
  if (fs.existsSync(dir)) {
    const o = await openPglite(dir);
    ready = await hasCases(o, n);
    await o.close();
  }
  if (!ready) {
    log(`  building PGlite dataset ${dir}…`);
    fs.rmSync(dir, { recursive: true, force: true });
    const o = await openPglite(dir);
    await fill(o, n, log);
    await o.close();
  }
  return { engine: 'pglite', cases: n, env: { PGLITE_DIR: dir, DATABASE_URL: '', DEMO_MODE: '0' }, open: () => openPglite(dir) };
}
