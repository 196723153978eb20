import 'server-only';
import { auditLog } from './schema';
import type { Db } from './types';

/**
 * Work a transaction does last, just before COMMIT, in two phases:
 * 1. `rollup`: dashboard rollups, once per key however often the transaction asked. A referral moves
 *    its case three times (referred → screened → offered); each move used to recompute the case's
 *    dashboard row and the jurisdiction's daily counts, three times over.
 * 2. `audit`: the transaction's audit rows, in the order they were written, in one INSERT. Appending
 *    to the audit hash chain takes a lock every writer in the system shares (migration 0007) and
 *    holds it until COMMIT, so an audit row written mid-transaction made every other writer wait for
 *    the rest of this one. Written last, the lock is held for the audit insert and the commit only.
 * Both run inside the transaction, so they still commit or roll back with the change they record.
 * Outside a transaction opened through `withCommitHooks` (the root database, a test's second
 * client), `atCommit` returns false and the caller does the work at once.
 */
type AuditInsert = typeof auditLog.$inferInsert;
type Pending = { rollup: Map<string, () => Promise<unknown>>; audit: AuditInsert[] };
const pending = new WeakMap<object, Pending>();

/** Run `work` once, just before COMMIT, however often the transaction asks under the same key. */
export function atCommit(tx: Db, phase: 'rollup', key: string, work: () => Promise<unknown>): boolean {
  const p = pending.get(tx);
  if (!p) return false;
  // The first registration wins: the work reads the rows as they are at COMMIT, not when it was asked.
  if (!p.rollup.has(key)) p.rollup.set(key, work);
  return true;
}

/** Keep an audit row for the transaction's (or deferred scope's) one audit INSERT. */
export function auditAtCommit(tx: Db, row: AuditInsert): boolean {
  const p = pending.get(tx);
  if (!p) return false;
  p.audit.push(row);
  return true;
}

/** One INSERT for all of them: the chain trigger still links each row, in VALUES order. */
async function insertAudit(db: Db, rows: AuditInsert[]) {
  if (rows.length) await db.insert(auditLog).values(rows.splice(0));
}

/**
 * A read-only request's audit rows, written together when it ends and not in a transaction: an API
 * read writes the call itself and, for example, a refused treatment read. They were two INSERTs, each
 * a round of the chain's lock and trigger; on the embedded engine every statement costs the one
 * thread that also serves the request. `db` is the database to use for the request; `flush()` must be
 * awaited before anything is answered, and if it fails the answer must not be sent (nothing read
 * goes out unrecorded). Transactions opened from it keep their own rows and write them at COMMIT.
 */
export function withDeferredAudit(root: Db): { db: Db; flush: () => Promise<void> } {
  // Everything is inherited from the root database (its client, and the transaction wrapper below);
  // only the identity differs, which is what `pending` is keyed on.
  const db = Object.create(root) as Db;
  const p: Pending = { rollup: new Map(), audit: [] };
  pending.set(db, p);
  return {
    db,
    flush: async () => {
      for (const run of p.rollup.values()) await run();
      p.rollup.clear();
      await insertAudit(root, p.audit);
    },
  };
}

/** Make every `db.transaction(...)` of this database run its commit hooks. Called once per open database. */
export function withCommitHooks(db: Db): Db {
  const begin = db.transaction.bind(db);
  db.transaction = ((work: (tx: Db) => Promise<unknown>, config?: Parameters<Db['transaction']>[1]) =>
    begin(async (tx) => {
      const p: Pending = { rollup: new Map(), audit: [] };
      pending.set(tx, p);
      try {
        const result = await work(tx as unknown as Db);
        for (const run of p.rollup.values()) await run();
        // After the rollups, which may add audit rows of their own.
        await insertAudit(tx as unknown as Db, p.audit);
        return result;
      } finally {
        pending.delete(tx);
      }
    }, config)) as Db['transaction'];
  return db;
}
