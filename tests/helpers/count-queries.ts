import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type pg from 'pg';
import { withCommitHooks } from '@/db/commit-hooks';
import type { OpenDb } from '@/db/open';
import * as schema from '@/db/schema';
import type { Db } from '@/db/types';

/**
 * The same database as `t.db`, through a second drizzle instance whose logger counts every SQL
 * statement sent (on the same client / pool, so it sees the same data).
 */
export function countingDb(t: OpenDb): { db: Db; count: <T>(fn: (db: Db) => Promise<T>) => Promise<{ result: T; queries: number; statements: string[]; params: unknown[][] }> } {
  const statements: string[] = [];
  const params: unknown[][] = [];
  const logger = {
    logQuery: (q: string, p: unknown[]) => {
      statements.push(q);
      params.push(p);
    },
  };
  const client = (t.db as unknown as { $client: unknown }).$client;
  // With the commit hooks, as db/open.ts opens it, so the count is what production sends.
  const db = withCommitHooks((t.engine === 'pglite' ? drizzlePglite({ client: client as PGlite, schema, casing: 'snake_case', logger }) : drizzlePg({ client: client as pg.Pool, schema, casing: 'snake_case', logger })) as unknown as Db);
  return {
    db,
    count: async (fn) => {
      statements.length = 0;
      params.length = 0;
      const result = await fn(db);
      return { result, queries: statements.length, statements: [...statements], params: [...params] };
    },
  };
}
