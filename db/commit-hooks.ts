import 'server-only';
import type { Db } from './types';

/**
 * Work a transaction does last, just before COMMIT, in two phases:
 * 1. `rollup`: dashboard rollups, once per key however often the transaction asked. A referral moves
 *    its case three times (referred → screened → offered); each move used to recompute the case's
 *    dashboard row and the jurisdiction's daily counts, three times over.
 * 2. `audit`: the transaction's audit rows, in the order they were written. Appending to the audit
 *    hash chain takes a lock every writer in the system shares (migration 0007) and holds it until
 *    COMMIT, so an audit row written mid-transaction made every other writer wait for the rest of
 *    this one. Written last, the lock is held for the audit inserts and the commit only.
 * Both run inside the transaction, so they still commit or roll back with the change they record.
 * Outside a transaction opened through `withCommitHooks` (the root database, a test's second
 * client), `atCommit` returns false and the caller does the work at once.
 */
type Pending = { rollup: Map<string, () => Promise<unknown>>; audit: (() => Promise<unknown>)[] };
const pending = new WeakMap<object, Pending>();

export function atCommit(tx: Db, phase: 'rollup' | 'audit', key: string, work: () => Promise<unknown>): boolean {
  const p = pending.get(tx);
  if (!p) return false;
  if (phase === 'audit') p.audit.push(work);
  // The first registration wins: the work reads the rows as they are at COMMIT, not when it was asked.
  else if (!p.rollup.has(key)) p.rollup.set(key, work);
  return true;
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
        // A rollup may add audit rows; the index loop picks up rows added while flushing.
        for (let i = 0; i < p.audit.length; i++) await p.audit[i]();
        return result;
      } finally {
        pending.delete(tx);
      }
    }, config)) as Db['transaction'];
  return db;
}
