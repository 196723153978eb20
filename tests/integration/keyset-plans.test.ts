/**
 * Keyset pages read straight off an index: the case list (and the admin outbox) ask for
 * `(referred_at, id) < (cursor)` ordered by `referred_at desc, id desc`, and the index must hold
 * exactly that order (DESC NULLS FIRST on both columns) so the cursor is an index bound and no
 * sort is needed. The earlier `a < x or (a = x and id < y)` form with an `id asc` index planned as
 * a bitmap scan of every earlier row plus a sort — 16–27 req/s at 100k cases.
 *
 * The demo data is small, so sequential and bitmap scans are switched off for the EXPLAIN: the
 * question is whether the index CAN serve the page in order, which a mismatched index cannot.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { listCases } from '@/db/queries/cases';
import { getCaseAgreements } from '@/db/queries/agreements';
import { getDashboard } from '@/db/queries/dashboard';
import { listOutbox } from '@/db/queries/outbox';
import { listMyPortalHearings } from '@/db/queries/portal';
import { actorOf, userByEmail } from '../helpers/factories';
import { countingDb } from '../helpers/count-queries';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('demo');
});
afterAll(async () => t?.close());

type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Index Cond'?: string; 'Sort Key'?: string[]; 'Presorted Key'?: string[]; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/** EXPLAIN of one statement on one connection, with only index scans allowed. */
async function explain(statement: string, params: unknown[]): Promise<PlanNode[]> {
  const text = `explain (format json) ${statement}`;
  const client = (t.db as unknown as { $client: unknown }).$client;
  let raw: unknown;
  if (t.engine === 'pglite') {
    const lite = client as PGlite;
    await lite.exec('set enable_seqscan = off; set enable_bitmapscan = off');
    try {
      raw = (await lite.query<Record<string, unknown>>(text, params)).rows[0]['QUERY PLAN'];
    } finally {
      await lite.exec('reset enable_seqscan; reset enable_bitmapscan');
    }
  } else {
    const conn = await (client as pg.Pool).connect();
    try {
      await conn.query('begin; set local enable_seqscan = off; set local enable_bitmapscan = off');
      raw = (await conn.query(text, params)).rows[0]['QUERY PLAN'];
    } finally {
      await conn.query('rollback');
      conn.release();
    }
  }
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }];
  return nodes(plan[0].Plan);
}

function expectReadInOrder(plan: PlanNode[], index: string, orderColumn: string) {
  const scan = plan.find((n) => n['Index Name'] === index);
  expect(scan, `no scan of ${index}: ${plan.map((n) => n['Node Type']).join(' > ')}`).toBeDefined();
  // The cursor is part of the index bound, not a filter applied after reading.
  expect(scan!['Index Cond']).toMatch(new RegExp(`ROW\\(${orderColumn}, id\\) <`));
  const sorts = plan.filter((n) => /Sort/.test(n['Node Type']) && (n['Sort Key'] ?? []).some((k) => k.includes(orderColumn)));
  expect(sorts, 'the page is sorted after reading').toEqual([]);
}

describe('keyset pages are index range scans in index order', () => {
  it('the case list, filtered by status, second page', async () => {
    const coordinator = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const first = await listCases(t.db, coordinator, { status: 'in_progress', limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const { db, count } = countingDb(t);
    const { result, statements, params } = await count(() => listCases(db, coordinator, { status: 'in_progress', limit: 2, cursor: first.nextCursor! }));
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.items.every((c) => first.items.every((f) => f.id !== c.id))).toBe(true);
    const i = statements.findIndex((s) => /from "cases"/.test(s) && /limit/.test(s));
    expectReadInOrder(await explain(statements[i], params[i]), 'cases_jurisdiction_status_idx', '(cases\\.)?referred_at');
  });

  it('the case list, no filter, second page', async () => {
    const coordinator = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const first = await listCases(t.db, coordinator, { limit: 5 });
    const { db, count } = countingDb(t);
    const { statements, params } = await count(() => listCases(db, coordinator, { limit: 5, cursor: first.nextCursor! }));
    const i = statements.findIndex((s) => /from "cases"/.test(s) && /limit/.test(s));
    expectReadInOrder(await explain(statements[i], params[i]), 'cases_jurisdiction_referred_idx', '(cases\\.)?referred_at');
  });

  it('a forged cursor with a date PostgreSQL cannot hold reads as the first page', async () => {
    const coordinator = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const forged = Buffer.from('+100000-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000').toString('base64url');
    const page = await listCases(t.db, coordinator, { limit: 3, cursor: forged });
    expect(page.items).toEqual((await listCases(t.db, coordinator, { limit: 3 })).items);
  });

  it('the admin outbox, second page', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    const first = await listOutbox(t.db, admin, { limit: 2 });
    expect(first.next).not.toBeNull();
    const { db, count } = countingDb(t);
    const { statements, params } = await count(() => listOutbox(db, admin, { limit: 2, before: first.next! }));
    const i = statements.findIndex((s) => /from "outbox"/.test(s) && /limit/.test(s));
    expectReadInOrder(await explain(statements[i], params[i]), 'outbox_jurisdiction_created_idx', '(outbox\\.)?created_at');
  });
});

describe('the dashboard reads its as-of-today measures off partial indexes', () => {
  it('obligations on track / overdue: one scan of the in-progress obligations index, nothing else of case_facts', async () => {
    const prosecutor = actorOf(await userByEmail(t.db, 'prosecutor@demo.test'));
    // As on a live database, where autovacuum keeps the visibility map current: with it, the
    // index holds everything the measure reads and the heap is never visited.
    await t.db.execute(sql`vacuum analyze case_facts`);
    const { db, count } = countingDb(t);
    const { result, statements, params } = await count(() => getDashboard(db, prosecutor, {}, new Date()));
    expect(result.obligations.cases).toBeGreaterThan(0);
    const i = statements.findIndex((s) => /obligations_total > 0/.test(s));
    expect(i).toBeGreaterThanOrEqual(0);
    const plan = await explain(statements[i], params[i]);
    const scans = plan.filter((n) => /Scan/.test(n['Node Type']));
    expect(scans.map((n) => [n['Node Type'], n['Index Name']])).toEqual([['Index Only Scan', 'case_facts_in_progress_obligations_idx']]);
  });
});

describe("a case's agreement reads its progress by case", () => {
  it('the progress totals are one scan of progress_entries_case_idx (the whole table was scanned at 1M: 21 ms a view)', async () => {
    const coordinator = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const res = (await t.db.execute(sql`select case_id from progress_entries where jurisdiction_id = ${coordinator.jurisdictionId} limit 1`)) as unknown as { rows: { case_id: string }[] };
    expect(res.rows.length, 'the demo has logged progress').toBe(1);
    const { db, count } = countingDb(t);
    const { result, statements, params } = await count(() => getCaseAgreements(db, coordinator, res.rows[0].case_id));
    expect(result.current).not.toBeNull();
    const i = statements.findIndex((s) => /from "progress_entries"/.test(s));
    const scans = (await explain(statements[i], params[i])).filter((n) => /Scan/.test(n['Node Type']));
    expect(scans.map((n) => n['Index Name'])).toEqual(['progress_entries_case_idx']);
  });
});

describe("the participant's portal reads their meetings by participant", () => {
  it('one scan of hearings_participant_time_idx (every hearing was read: 15 ms a visit at 100k cases)', async () => {
    const participant = actorOf(await userByEmail(t.db, 'participant@demo.test'));
    const { db, count } = countingDb(t);
    const { result, statements, params } = await count(() => listMyPortalHearings(db, participant));
    expect(result.upcoming.length + result.held.length, 'the demo participant has meetings').toBeGreaterThan(0);
    const i = statements.findIndex((s) => /from "hearings"/.test(s));
    const scans = (await explain(statements[i], params[i])).filter((n) => /Scan/.test(n['Node Type']) && /hearings/.test(n['Index Name'] ?? n['Node Type']));
    expect(scans.map((n) => n['Index Name'])).toEqual(['hearings_participant_time_idx']);
  });
});
