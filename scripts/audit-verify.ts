// `npm run audit:verify [-- --expect <seq>:<hash>]`: recompute the audit log's hash chain and report
// the first broken link. Exit code 0 = intact, 1 = broken, 2 = could not check.
// On the embedded database, stop the server first (one process per data directory).
import { openPglite, openPostgres } from '@/db/open';
import { verifyAuditChain } from '@/db/queries/audit-chain';
import { env } from '@/lib/env';

async function main() {
  const expectArg = process.argv.indexOf('--expect');
  let expectHead: { chainSeq: number; hash: string } | undefined;
  if (expectArg > 0) {
    const [seq, hash] = (process.argv[expectArg + 1] ?? '').split(':');
    if (!seq || !hash || !/^\d+$/.test(seq) || !/^[0-9a-f]{64}$/.test(hash)) throw new Error('--expect takes <chain_seq>:<sha256 hex>, as printed by an earlier run.');
    expectHead = { chainSeq: Number(seq), hash };
  }
  const opened = env.databaseUrl ? await openPostgres(env.databaseUrl, 2) : await openPglite(env.pgliteDir);
  try {
    const started = Date.now();
    const report = await verifyAuditChain(opened.db, { expectHead });
    const ms = Date.now() - started;
    if (report.ok) {
      console.log(`Audit chain intact: ${report.rows} rows checked in ${ms} ms (${opened.engine}).`);
      if (report.head) console.log(`Head: ${report.head.chainSeq}:${report.head.hash}  (keep this; pass it as --expect later to detect removed newest rows)`);
      return 0;
    }
    const b = report.firstBreak!;
    console.error(`Audit chain BROKEN at chain_seq ${b.chainSeq} (audit_log.id ${b.id}): ${b.reason.replace(/_/g, ' ')}.`);
    console.error(`${report.rows} rows before it are intact${report.head ? `; last good link ${report.head.chainSeq}:${report.head.hash}` : ''}.`);
    return 1;
  } finally {
    await opened.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  });
