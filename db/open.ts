import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { withCommitHooks } from './commit-hooks';
import { DRIZZLE_TEXT_PARSERS, withoutPerQueryParsers } from './pglite-parsers';
import * as schema from './schema';
import type { Db, Engine } from './types';

export type OpenDb = { db: Db; engine: Engine; close: () => Promise<void> };

/**
 * Open an embedded PGlite database. `dir` is a directory path, or `memory://` for a throwaway one.
 * PGlite has no lock between processes (two openers silently lose writes), so a file lock refuses a
 * second process with a message that says what to do.
 */
export async function openPglite(dir: string, loadDataDir?: Blob): Promise<OpenDb> {
  const inMemory = dir.startsWith('memory://');
  let releaseLock = () => {};
  if (!inMemory) {
    fs.mkdirSync(dir, { recursive: true });
    releaseLock = acquireDirLock(dir);
  }
  const client = await PGlite.create(inMemory ? undefined : dir, {
    extensions: { btree_gist },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  // After create: PGlite derives array parsers from element parsers while it starts, and drizzle
  // wants the arrays as text too (db/pglite-parsers.ts).
  Object.assign(client.parsers, DRIZZLE_TEXT_PARSERS);
  const db = withCommitHooks(drizzlePglite({ client: withoutPerQueryParsers(client), schema, casing: 'snake_case' }) as unknown as Db);
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

export async function openPostgres(url: string, poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10)): Promise<OpenDb> {
  const pool = new Pool({ connectionString: url, max: poolSize });
  // An idle pooled connection can be closed by the server (restart, failover, admin terminate).
  // pg re-emits that on the pool, and an 'error' event with no listener crashes the process.
  pool.on('error', (err) => console.error('[db] idle connection closed:', err.message));
  const db = withCommitHooks(drizzlePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Db);
  return { db, engine: 'postgres', close: () => pool.end() };
}

const LOCK_NAME = 'common-ground.lock';

/**
 * Take the one-process lock of an embedded data directory (or throw the "already open in process
 * N" message). Exported for the backup and restore commands, which must not run beside a server.
 */
export function acquireDirLock(dir: string): () => void {
  const lockPath = path.join(dir, '..', `${path.basename(dir)}.${LOCK_NAME}`);
  const mine = String(process.pid);
  try {
    fs.writeFileSync(lockPath, mine, { flag: 'wx' });
  } catch {
    const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database at ${dir} is already open in process ${holder}. ` +
          'Only one process may use it at a time: stop that process first (or set DATABASE_URL to use PostgreSQL).',
      );
    }
    // Stale lock from a process that died: take it over.
    fs.writeFileSync(lockPath, mine);
  }
  const release = () => {
    try {
      if (fs.readFileSync(lockPath, 'utf8').trim() === mine) fs.unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
