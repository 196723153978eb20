import 'server-only';
import { env } from '@/lib/env';
import { startEmbeddedMaintenance } from '@/lib/jobs/embedded-maintenance';
import { migrateDb } from './migrate';
import { openPglite, openPostgres, type OpenDb } from './open';
import { seedDemoIfEmpty } from './seed';
import type { Db, Engine } from './types';

export type { Db, Engine } from './types';

type Holder = { opening?: Promise<OpenDb> };
// One client per process, kept across hot reloads: PGlite is a single connection and must never be
// opened twice.
const holder = globalThis as unknown as { __commonGroundDb?: Holder };
const state: Holder = (holder.__commonGroundDb ??= {});

/**
 * The process' database, opened, migrated and (in demo mode, when empty) seeded on first use.
 */
export async function getOpenDb(): Promise<OpenDb> {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error(
      'A page tried to open the database during `next build`. Make that route dynamic ' +
        "(`await connection()` or `export const dynamic = 'force-dynamic'`).",
    );
  }
  state.opening ??= open().catch((err) => {
    state.opening = undefined;
    throw err;
  });
  return state.opening;
}

export async function getDb(): Promise<Db> {
  return (await getOpenDb()).db;
}

export async function getEngine(): Promise<Engine> {
  return (await getOpenDb()).engine;
}

async function open(): Promise<OpenDb> {
  const url = env.databaseUrl;
  const opened = url ? await openPostgres(url) : await openPglite(env.pgliteDir);
  await migrateDb(opened.db, opened.engine);
  if (env.demoMode) await seedDemoIfEmpty(opened.db, opened.engine);
  // The embedded engine has no autovacuum: this process is the only one that can vacuum it.
  if (opened.engine === 'pglite' && process.env.NODE_ENV !== 'test') startEmbeddedMaintenance(opened.db);
  return opened;
}
