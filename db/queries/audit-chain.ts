import 'server-only';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../types';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainBreak = { chainSeq: number; id: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'first_row_not_genesis' };
export type ChainReport = { ok: boolean; rows: number; head: { chainSeq: number; hash: string } | null; firstBreak: ChainBreak | null };

type Row = { id: number; chain_seq: number; prev_hash: string; hash: string; canonical: string };

/**
 * Walk the whole audit chain in chain order and recompute every link here, in Node: each row's
 * hash must be sha256(prev_hash || canonical text), its prev_hash the previous row's hash, and
 * chain_seq must run 1, 2, 3… without gaps (a deleted row leaves a gap or a broken link). The
 * canonical text comes from the same SQL function the trigger uses, so the check does not depend
 * on re-implementing jsonb's text form; the hashing and linking are verified independently.
 *
 * Deleting the newest rows leaves a valid shorter chain: record `head` somewhere else (a ticket, a
 * daily email) and pass it back as `expectHead` to detect that.
 */
export async function verifyAuditChain(db: Db, opts: { batchSize?: number; expectHead?: { chainSeq: number; hash: string } } = {}): Promise<ChainReport> {
  const batch = opts.batchSize ?? 5000;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  let head: ChainReport['head'] = null;
  let seenExpectedHead = !opts.expectHead;
  for (;;) {
    const res = await db.execute<Row>(sql`
      select a.id::float8 as id, a.chain_seq::float8 as chain_seq, a.prev_hash, a.hash, audit_log_canonical(a) as canonical
      from audit_log a where a.chain_seq >= ${expectedSeq} order by a.chain_seq limit ${batch}`);
    const list = (res as unknown as { rows: Row[] }).rows;
    if (!list.length) break;
    for (const r of list) {
      const brk = (reason: ChainBreak['reason']): ChainReport => ({ ok: false, rows, head, firstBreak: { chainSeq: Number(r.chain_seq), id: Number(r.id), reason } });
      if (Number(r.chain_seq) !== expectedSeq) return brk(expectedSeq === 1 ? 'first_row_not_genesis' : 'sequence_gap');
      if (r.prev_hash !== prevHash) return brk('prev_hash_mismatch');
      const recomputed = crypto.createHash('sha256').update(prevHash + r.canonical, 'utf8').digest('hex');
      if (recomputed !== r.hash) return brk('hash_mismatch');
      if (opts.expectHead && opts.expectHead.chainSeq === expectedSeq) {
        if (opts.expectHead.hash !== r.hash) return brk('hash_mismatch');
        seenExpectedHead = true;
      }
      prevHash = r.hash;
      head = { chainSeq: expectedSeq, hash: r.hash };
      expectedSeq++;
      rows++;
    }
    if (list.length < batch) break;
  }
  if (!seenExpectedHead && opts.expectHead) {
    return { ok: false, rows, head, firstBreak: { chainSeq: opts.expectHead.chainSeq, id: 0, reason: 'sequence_gap' } };
  }
  return { ok: true, rows, head, firstBreak: null };
}
