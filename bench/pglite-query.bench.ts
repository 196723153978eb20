/**
 * The embedded engine's cost per statement: the same one-row read through the app's database
 * (db/open.ts: drizzle's type parsers in PGlite's own table, per-query copy dropped) and through
 * drizzle's stock setup (parsers sent with every query, which PGlite merges into its table of ~320
 * each time). `npm run bench -- --only pglite-query [--quick]`
 */
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrateDb } from '@/db/migrate';
import { openPglite } from '@/db/open';
import { apiTokens } from '@/db/schema';
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
    } finally {
      await stockClient.close();
      await app.close();
    }
    return out;
  },
};

export default bench;
