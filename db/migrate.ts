import 'server-only';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Db, Engine } from './types';

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

// Any constant works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Apply pending committed migrations. On PostgreSQL several app instances may start at once, so
 * the work runs under a session advisory lock; PGlite has a single connection already.
 */
export async function migrateDb(db: Db, engine: Engine): Promise<void> {
  if (engine === 'pglite') {
    await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  await withAdvisoryLock(db, MIGRATION_LOCK_KEY, async () => {
    await migratePg(db as unknown as NodePgDatabase, { migrationsFolder });
  });
}

/** Run `fn` while holding a transaction-scoped advisory lock (released at commit). */
export async function withAdvisoryLock<T>(db: Db, key: number, fn: () => Promise<T>): Promise<T> {
  // A transaction pins one pooled connection, so lock and unlock happen on the same session.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${key})`);
    return fn();
  });
}
