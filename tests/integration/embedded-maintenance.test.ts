/**
 * The embedded database has no autovacuum, so the app vacuums it (lib/jobs/embedded-maintenance.ts).
 * Shown by what vacuum is for: after updates, an index-only scan of the dashboard's obligations
 * index has to visit the heap for every changed row; after the maintenance pass it visits none,
 * and the table's last vacuum is recorded. Runs on both engines (the pass is plain SQL).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import type { Db } from '@/db/types';
import { startEmbeddedMaintenance, vacuumEmbedded } from '@/lib/jobs/embedded-maintenance';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('demo');
});
afterAll(async () => t?.close());

type PlanNode = { 'Node Type': string; 'Heap Fetches'?: number; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/** Heap pages visited by an index-only scan of the in-progress obligations index. */
async function heapFetches(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    const r = (await tx.execute(
      sql`explain (analyze, format json) select count(*), sum(obligations_total) from case_facts where status = 'in_progress' and jurisdiction_id = (select jurisdiction_id from case_facts where status = 'in_progress' limit 1)`,
    )) as unknown as { rows: { 'QUERY PLAN': unknown }[] };
    const raw = r.rows[0]['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }];
    const scan = nodes(plan[0].Plan).find((n) => n['Node Type'] === 'Index Only Scan');
    expect(scan, 'the measure is read index-only').toBeDefined();
    return scan!['Heap Fetches'] ?? 0;
  });
}

describe('maintenance of the embedded database', () => {
  it('a pass vacuums and analyzes: index-only scans stop visiting the heap', async () => {
    await t.db.execute(sql`update case_facts set updated_at = updated_at + interval '1 second' where status = 'in_progress'`);
    expect(await heapFetches(t.db)).toBeGreaterThan(0);
    const ms = await vacuumEmbedded(t.db);
    expect(ms).toBeGreaterThan(0);
    expect(await heapFetches(t.db)).toBe(0);
  });

  it('the timer runs a pass after its delay and reports it; stop ends it', async () => {
    const lines: string[] = [];
    const handle = startEmbeddedMaintenance(t.db, { firstAfterMs: 10, everyMs: 60_000, log: (l) => lines.push(l) });
    try {
      await expect.poll(() => lines.length, { timeout: 20_000 }).toBeGreaterThan(0);
      expect(lines[0]).toMatch(/^vacuum \(analyze\) of the embedded database took \d+ ms$/);
    } finally {
      handle.stop();
    }
  });
});
