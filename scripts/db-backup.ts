// `npm run db:backup [-- --out <file>]`: back up DATABASE_URL (pg_dump) or the embedded database
// (a PGlite data-directory tarball; stop the server first — it refuses while one is running).
import { backupPglite, backupPostgres, defaultBackupFile } from '@/db/backup';
import { openPglite, openPostgres } from '@/db/open';
import { verifyAuditChain } from '@/db/queries/audit-chain';
import { env } from '@/lib/env';

async function main() {
  const outArg = process.argv.indexOf('--out');
  const engine = env.databaseUrl ? 'postgres' : 'pglite';
  const out = outArg > 0 ? process.argv[outArg + 1] : defaultBackupFile(engine);
  if (!out) throw new Error('--out needs a file name.');
  const result = env.databaseUrl ? await backupPostgres(env.databaseUrl, out) : await backupPglite(env.pgliteDir, out);
  console.log(`Backup written: ${result.file} (${(result.bytes / 1024).toFixed(0)} KiB, sha256 ${result.sha256}).`);
  const opened = env.databaseUrl ? await openPostgres(env.databaseUrl, 1) : await openPglite(env.pgliteDir);
  try {
    const chain = await verifyAuditChain(opened.db);
    if (chain.head) console.log(`Audit chain at backup time: ${chain.ok ? 'intact' : 'BROKEN'}, head ${chain.head.chainSeq}:${chain.head.hash}`);
  } finally {
    await opened.close();
  }
  console.log('Backups hold personal data (and second-factor keys): store them encrypted, with the same care as the database.');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
