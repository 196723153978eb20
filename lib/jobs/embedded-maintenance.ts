import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/types';

/**
 * The embedded database (PGlite) is one PostgreSQL backend with no autovacuum launcher beside it,
 * so nothing would ever vacuum or analyze it: dead rows from every update would pile up, the
 * planner would plan on the statistics of the day the data was loaded, and index-only scans (the
 * dashboard's obligations, the open caseload) would keep visiting the heap because the visibility
 * map is never set. This does autovacuum's job on a timer: `VACUUM (ANALYZE)` of the whole database,
 * first a while after start (not while the first users are signing in), then every few hours.
 * PostgreSQL servers have autovacuum and never run this.
 *
 * A pass holds the one connection for its duration (every other query waits), which is why it is
 * rare; on a mostly clean database VACUUM skips the pages the visibility map marks all-visible.
 */
export async function vacuumEmbedded(db: Db): Promise<number> {
  const t0 = performance.now();
  await db.execute(sql`vacuum (analyze)`);
  return performance.now() - t0;
}

export function startEmbeddedMaintenance(db: Db, opts: { firstAfterMs?: number; everyMs?: number; log?: (line: string) => void } = {}) {
  const log = opts.log ?? ((l: string) => console.log(`[maintenance] ${l}`));
  const pass = async () => {
    try {
      const ms = await vacuumEmbedded(db);
      log(`vacuum (analyze) of the embedded database took ${Math.round(ms)} ms`);
    } catch (err) {
      log(`vacuum failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  let interval: ReturnType<typeof setInterval> | undefined;
  const first = setTimeout(() => {
    void pass();
    interval = setInterval(() => void pass(), opts.everyMs ?? 6 * 3600_000);
    interval.unref();
  }, opts.firstAfterMs ?? 15 * 60_000);
  first.unref();
  return {
    stop: () => {
      clearTimeout(first);
      if (interval) clearInterval(interval);
    },
  };
}
