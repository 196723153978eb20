// `npm run db:migrate`: apply pending migrations to the configured database (DATABASE_URL, or the
// embedded one under .data/). Do not run it beside a server using the same embedded database.
import { migrateDb } from '@/db/migrate';
import { openPglite, openPostgres } from '@/db/open';
import { env } from '@/lib/env';

async function main() {
  const opened = env.databaseUrl ? await openPostgres(env.databaseUrl) : await openPglite(env.pgliteDir);
  await migrateDb(opened.db, opened.engine);
  await opened.close();
  console.log(`Migrations applied (${opened.engine}).`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
