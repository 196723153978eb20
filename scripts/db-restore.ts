// `npm run db:restore -- <file> [--force]`: restore a db:backup file into DATABASE_URL (a pg_dump
// file) or the embedded database directory (a PGlite tarball). Stop the app first. Without
// --force the target must be empty; with it, PostgreSQL objects are replaced in one transaction
// and an existing embedded directory is renamed aside (never deleted). The audit chain is checked
// afterwards.
import { sql } from 'drizzle-orm';
import { restorePglite, restorePostgres } from '@/db/backup';
import { openPglite, openPostgres } from '@/db/open';
import { verifyAuditChain } from '@/db/queries/audit-chain';
import { env } from '@/lib/env';

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const force = args.includes('--force');
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('Usage: npm run db:restore -- <backup file> [--force]');
  if (env.databaseUrl) {
    const url = env.databaseUrl;
    await restorePostgres(file, url, {
      force,
      isEmpty: async () => {
        const probe = await openPostgres(url, 1);
        try {
          const res = await probe.db.execute<{ n: number }>(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`);
          return (res as unknown as { rows: { n: number }[] }).rows[0].n === 0;
        } finally {
          await probe.close();
        }
      },
    });
    console.log(`Restored ${file} into the PostgreSQL database.`);
  } else {
    const { previous } = await restorePglite(file, env.pgliteDir, { force });
    console.log(`Restored ${file} into ${env.pgliteDir}.${previous ? ` The previous directory is kept at ${previous}.` : ''}`);
  }
  const opened = env.databaseUrl ? await openPostgres(env.databaseUrl, 1) : await openPglite(env.pgliteDir);
  try {
    const chain = await verifyAuditChain(opened.db);
    console.log(chain.ok ? `Audit chain intact (${chain.rows} rows).` : `Audit chain BROKEN at chain_seq ${chain.firstBreak?.chainSeq}.`);
    if (!chain.ok) process.exitCode = 1;
  } finally {
    await opened.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
