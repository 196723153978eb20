import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type OpenDb } from '@/db/open';
import * as schema from '@/db/schema';
import type { Db } from '@/db/types';

// Whatever engine the suite runs on, this compares two embedded databases: the app's (parsers set
// once on the instance, per-query copies dropped) and drizzle's stock setup.
let app: OpenDb;
let stockClient: PGlite;
let stock: Db;
beforeAll(async () => {
  app = await openPglite('memory://');
  stockClient = await PGlite.create();
  stock = drizzle({ client: stockClient, schema, casing: 'snake_case' }) as unknown as Db;
});
afterAll(async () => {
  await app?.close();
  await stockClient?.close();
});

const probe = sql`select
  '2026-12-07 01:02:03.456789+00'::timestamptz as at, '2026-12-07 01:02:03'::timestamp as local_at, '2026-12-07'::date as day,
  '1 day 02:03:04'::interval as span, array['2026-01-01'::date, '2026-02-01'::date] as days,
  array['2026-01-01 00:00:00+00'::timestamptz] as ats, array[1.50, 2.25]::numeric[] as amounts,
  12345678901234::int8 as big, 1.5::numeric as amount, '{"a":[1,2]}'::jsonb as doc, true as flag, gen_random_uuid() is not null as has_uuid`;

describe('embedded engine: drizzle’s type parsers set once on the instance', () => {
  it('reads every type exactly as drizzle’s stock setup does, in and out of a transaction', async () => {
    const expected = (await stock.execute(probe)) as unknown as { rows: unknown[] };
    const direct = (await app.db.execute(probe)) as unknown as { rows: unknown[] };
    const inTx = await app.db.transaction(async (tx) => (await tx.execute(probe)) as unknown as { rows: unknown[] });
    expect(direct.rows).toEqual(expected.rows);
    expect(inTx.rows).toEqual(expected.rows);
    // And through the query builder (array row mode, drizzle's own mapping to Date and string).
    const viaBuilder = async (db: Db) => (await db.select({ at: sql<string>`now()` }).from(sql`(select 1) x`)).length;
    expect(await viaBuilder(app.db)).toBe(await viaBuilder(stock));
  });

  it('the per-query parsers really are dropped (the instance’s own table answers)', async () => {
    // A parser drizzle would pass is not applied when the instance lacks it: prove the wrapper drops
    // the option by asking a raw client that was opened without instance parsers through the same proxy.
    const { withoutPerQueryParsers } = await import('@/db/pglite-parsers');
    const raw = await PGlite.create();
    try {
      const wrapped = withoutPerQueryParsers(raw);
      const opts = { parsers: { 1184: () => 'from-query-parsers' } };
      expect((await raw.query<{ at: unknown }>(`select now() as at`, [], opts)).rows[0].at).toBe('from-query-parsers');
      expect((await wrapped.query<{ at: unknown }>(`select now() as at`, [], opts)).rows[0].at).toBeInstanceOf(Date);
      const inTx = await wrapped.transaction(async (tx) => (await tx.query<{ at: unknown }>(`select now() as at`, [], opts)).rows[0].at);
      expect(inTx).toBeInstanceOf(Date);
    } finally {
      await raw.close();
    }
  });
});
