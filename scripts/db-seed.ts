// `npm run db:seed`: migrate, then seed the demo jurisdictions if the database is empty.
import { migrateDb } from '@/db/migrate';
import { openPglite, openPostgres } from '@/db/open';
import { seedDemoIfEmpty } from '@/db/seed';
import { env } from '@/lib/env';

async function main() {
  const opened = env.databaseUrl ? await openPostgres(env.databaseUrl) : await openPglite(env.pgliteDir);
  await migrateDb(opened.db, opened.engine);
  const seeded = await seedDemoIfEmpty(opened.db, opened.engine);
  await opened.close();
  console.log(seeded ? `Demo data seeded (${opened.engine}).` : 'The database already has data; nothing seeded.');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
