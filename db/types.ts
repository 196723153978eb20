import 'server-only';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Schema = typeof schema;
/**
 * One type for both engines. PGlite's and node-postgres' drizzle databases differ only in their
 * raw result shape, which domain code never touches; a transaction (`tx`) is also a Db, so data
 * functions accept either.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';
