import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { writeAudit } from '@/db/queries/audit';
import { verifyAuditChain } from '@/db/queries/audit-chain';
import { refreshCaseFacts } from '@/db/queries/case-facts';
import { auditLog, caseFacts } from '@/db/schema';
import { actorOf, makeCase, userByEmail } from '../helpers/factories';
import { countingDb } from '../helpers/count-queries';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('demo');
});
afterAll(async () => t?.close());

const actions = async (prefix: string) =>
  (await t.db.select({ action: auditLog.action, seq: auditLog.chainSeq }).from(auditLog).where(sql`${auditLog.action} like ${`${prefix}%`}`).orderBy(auditLog.chainSeq)).map((r) => r.action);

describe('work deferred to COMMIT (db/commit-hooks.ts)', () => {
  it('a transaction’s audit rows are chained in the order they were written, after its other work, and only if it commits', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    await t.db.transaction(async (tx) => {
      await writeAudit(tx, admin, { action: 'hooks.ok.1' });
      await writeAudit(tx, admin, { action: 'hooks.ok.2' });
      // Not yet in the table: inside the transaction the rows wait for COMMIT.
      expect(await tx.select({ id: auditLog.id }).from(auditLog).where(inArray(auditLog.action, ['hooks.ok.1', 'hooks.ok.2']))).toEqual([]);
    });
    expect(await actions('hooks.ok.')).toEqual(['hooks.ok.1', 'hooks.ok.2']);

    await expect(
      t.db.transaction(async (tx) => {
        await writeAudit(tx, admin, { action: 'hooks.rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await actions('hooks.rolled-back')).toEqual([]);
    // Outside a transaction the row is written at once.
    await writeAudit(t.db, admin, { action: 'hooks.direct' });
    expect(await actions('hooks.direct')).toEqual(['hooks.direct']);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('a case refreshed several times in one transaction has its dashboard row recomputed once, at COMMIT, from the final state', async () => {
    const coord = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const c = await makeCase(t.db, { jurisdictionId: coord.jurisdictionId, status: 'referred' });
    const counting = countingDb(t);
    const { statements } = await counting.count((db) =>
      db.transaction(async (tx) => {
        await refreshCaseFacts(tx, c.id);
        await tx.execute(sql`update cases set status = 'needs_review' where id = ${c.id}`);
        await refreshCaseFacts(tx, c.id);
        await refreshCaseFacts(tx, c.id);
      }),
    );
    expect(statements.filter((s) => /insert into case_facts/i.test(s))).toHaveLength(1);
    const [row] = await t.db.select({ status: caseFacts.status }).from(caseFacts).where(eq(caseFacts.caseId, c.id));
    expect(row.status).toBe('needs_review');
  });

  it('an open transaction that has written audit rows does not hold the chain lock every writer shares until its COMMIT', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    // Migration 0007 serialises chain appends with pg_advisory_xact_lock(727003), held to COMMIT.
    const chainLocksHeld = async (tx: typeof t.db) =>
      ((await tx.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = 727003 and pid = pg_backend_pid()`)) as unknown as { rows: { n: number }[] }).rows[0].n;
    let midway = -1;
    await t.db.transaction(async (tx) => {
      await writeAudit(tx, admin, { action: 'hooks.slow' });
      midway = await chainLocksHeld(tx); // the rest of a long transaction runs without it
    });
    expect(midway).toBe(0);
    expect(await actions('hooks.slow')).toEqual(['hooks.slow']);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  if (process.env.TEST_DATABASE_URL) {
    // Only PostgreSQL has a second connection to write from while the first transaction is open.
    it('PostgreSQL: another writer appends to the chain while that transaction is still open', async () => {
      const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let wrote!: () => void;
      const written = new Promise<void>((r) => (wrote = r));
      const slow = t.db.transaction(async (tx) => {
        await writeAudit(tx, admin, { action: 'hooks.long' });
        wrote();
        await held;
      });
      await written;
      const other = writeAudit(t.db, admin, { action: 'hooks.other' }).then(() => 'done' as const);
      const outcome = await Promise.race([other, new Promise<'waited'>((r) => setTimeout(() => r('waited'), 3000))]);
      release();
      await slow;
      await other;
      expect(outcome).toBe('done');
      // Chain order is commit order: the other writer's row comes first.
      const rows = await t.db.select({ a: auditLog.action }).from(auditLog).where(inArray(auditLog.action, ['hooks.other', 'hooks.long'])).orderBy(auditLog.chainSeq);
      expect(rows.map((r) => r.a)).toEqual(['hooks.other', 'hooks.long']);
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    });
  }
});
