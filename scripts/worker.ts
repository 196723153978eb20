// `npm run worker`: the outbox worker as its own process, for PostgreSQL deployments. Run as many as
// you like beside the app instances: they share the outbox through FOR UPDATE SKIP LOCKED and leases.
// SIGTERM / SIGINT finish the current pass, then exit. With the embedded database the worker runs
// inside `npm start` instead (PGlite allows one process).
import { migrateDb } from '@/db/migrate';
import { openPostgres } from '@/db/open';
import { env } from '@/lib/env';
import '@/lib/notify/register';
import { transportsFromEnv } from '@/lib/notify/transports';
import { defaultWorkerId, startNotificationWorker } from '@/lib/notify/worker';
import { startScheduledJobs } from '@/lib/jobs/scheduled';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

async function main() {
  if (!env.databaseUrl) {
    console.error('npm run worker needs DATABASE_URL (PostgreSQL). With the embedded database, `npm start` runs the worker itself.');
    process.exit(1);
  }
  const concurrency = num('NOTIFY_CONCURRENCY', 8);
  const opened = await openPostgres(env.databaseUrl, num('DATABASE_POOL_SIZE', concurrency + 2));
  await migrateDb(opened.db, opened.engine);
  const transports = transportsFromEnv();
  const workerId = process.env.NOTIFY_WORKER_ID || defaultWorkerId();
  const quiet = process.env.NOTIFY_QUIET_LOG === '1';
  const handle = startNotificationWorker({
    db: opened.db,
    transports,
    workerId,
    batchSize: num('NOTIFY_BATCH_SIZE', 50),
    concurrency,
    leaseMs: num('NOTIFY_LEASE_MS', 120_000),
    intervalMs: num('NOTIFY_INTERVAL_MS', 5_000),
    log: (l) => console.log(`[notify ${workerId}] ${l}`),
    onPass: (r) => {
      if (!quiet && r.claimed > 0) console.log(`[notify ${workerId}] ${JSON.stringify(r)}`);
    },
  });
  const jobs = startScheduledJobs(opened.db, { log: (l) => console.log(`[jobs ${workerId}] ${l}`) });
  console.log(`[notify ${workerId}] worker started (email: ${transports.email.name}, sms: ${transports.sms.name})`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[notify ${workerId}] ${signal}: finishing the current pass`);
    jobs.stop();
    await handle.stop();
    await Promise.all([transports.email.close?.(), transports.sms.close?.()]);
    await opened.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
