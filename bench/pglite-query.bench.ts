/**
 * The embedded engine's cost per statement: the same one-row read through the app's database
 * (db/open.ts: drizzle's type parsers in PGlite's own table, per-query copy dropped) and through
 * drizzle's stock setup (parsers sent with every query, which PGlite merges into its table of ~320
 * each time). And one audit insert once the log has grown in the same session, with the chain
 * trigger of migration 0025 (lookup planned per call) and of 0007 (plan cached on the first call).
 * `npm run bench -- --only pglite-query [--quick]`
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrateDb, migrationsFolder } from '@/db/migrate';
import { openPglite } from '@/db/open';
import { apiTokens, auditLog } from '@/db/schema';
import * as schema from '@/db/schema';
import type { Db } from '@/db/types';
import { percentile, round, timeIt, type Bench, type Measure } from './types';

const bench: Bench = {
  name: 'pglite-query',
  async run({ quick, engine }) {
    if (engine === 'postgres') return [];
    const n = quick ? 2000 : 10_000;
    const app = await openPglite('memory://');
    await migrateDb(app.db, 'pglite');
    // drizzle's stock setup over the same instance's data: a second client on a copy of it.
    const stockClient = await PGlite.create({ loadDataDir: await (app.db as unknown as { $client: PGlite }).$client.dumpDataDir('none') });
    const stock = drizzle({ client: stockClient, schema, casing: 'snake_case' }) as unknown as Db;
    const read = (db: Db) => db.select({ id: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.tokenHash, 'none'));
    const one = (db: Db) => db.execute(sql`select now() as at`);
    const out: Measure[] = [];
    try {
      // Interleaved rounds, so both setups see the same minutes of the machine.
      const times: Record<string, number[]> = { 'app: token lookup': [], 'stock drizzle: token lookup': [], 'app: select now()': [], 'stock drizzle: select now()': [] };
      for (let r = 0; r < 5; r++) {
        times['app: token lookup'].push(...(await timeIt(n / 5, () => read(app.db))));
        times['stock drizzle: token lookup'].push(...(await timeIt(n / 5, () => read(stock))));
        times['app: select now()'].push(...(await timeIt(n / 5, () => one(app.db))));
        times['stock drizzle: select now()'].push(...(await timeIt(n / 5, () => one(stock))));
      }
      for (const [name, t] of Object.entries(times)) {
        t.sort((a, b) => a - b);
        out.push({ name: `pglite statement, ${name}`, engine: 'pglite', cases: 0, p50_ms: round(percentile(t, 50), 3), p95_ms: round(percentile(t, 95), 3), queries: 1, samples: t.length });
      }
      out.push(...(await auditInsertAfterGrowth(quick ? 3000 : 10_000, quick ? 500 : 2000)));
    } finally {
      await stockClient.close();
      await app.close();
    }
    return out;
  },
};

/** The chain trigger as migration 0007 defined it (a static lookup, planned once per session), read from that file. */
function chainTriggerOf0007(): string {
  const file = fs.readFileSync(path.join(migrationsFolder, '0007_audit_hash_chain.sql'), 'utf8');
  const statement = file.split('--> statement-breakpoint').find((s) => s.includes('FUNCTION audit_log_chain()'));
  if (!statement) throw new Error('migration 0007 no longer defines audit_log_chain(); update this benchmark');
  return statement;
}

/**
 * One audit insert (the statement every request ends with) after the log grew by `grow` rows in
 * the same session, as on a freshly installed county before its first maintenance pass: the first
 * insert sees an empty, analyzed log. Both trigger versions, interleaved in five rounds.
 */
async function auditInsertAfterGrowth(grow: number, n: number): Promise<Measure[]> {
  const versions = { 'trigger of 0025 (planned per call)': null, 'trigger of 0007 (plan cached at first insert)': chainTriggerOf0007() };
  const dbs: { name: string; db: Db; close: () => Promise<void> }[] = [];
  try {
    for (const [name, body] of Object.entries(versions)) {
      const o = await openPglite('memory://');
      dbs.push({ name, db: o.db, close: o.close });
      await migrateDb(o.db, 'pglite');
      // A constant of this file, run as a script of its own (exec: no parameters, no splicing).
      if (body) await (o.db as unknown as { $client: PGlite }).$client.exec(body);
      await o.db.execute(sql`analyze audit_log`);
      await o.db.insert(auditLog).values({ action: 'bench.first' });
      await o.db.execute(sql`insert into audit_log (action) select 'bench.grow' from generate_series(1, ${grow})`);
    }
    const times: number[][] = dbs.map(() => []);
    for (let r = 0; r < 5; r++) {
      for (const [i, d] of dbs.entries()) times[i].push(...(await timeIt(n / 5, () => d.db.insert(auditLog).values({ action: 'bench.insert' }), 0)));
    }
    return dbs.map((d, i) => {
      const t = times[i].sort((a, b) => a - b);
      return { name: `pglite audit insert after ${grow.toLocaleString('en-US')} rows, ${d.name}`, engine: 'pglite', cases: 0, p50_ms: round(percentile(t, 50), 3), p95_ms: round(percentile(t, 95), 3), queries: 1, samples: t.length };
    });
  } finally {
    for (const d of dbs) await d.close();
  }
}

export default bench;
