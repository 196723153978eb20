/**
 * The worker inside the web server process: the default with the embedded database (PGlite allows
 * one process, so `npm run worker` cannot run beside it). With PostgreSQL run `npm run worker`
 * instead, or set NOTIFY_WORKER=in-process; NOTIFY_WORKER=off disables it everywhere.
 */
import 'server-only';
import type { Db, Engine } from '@/db/types';
import './register';
import { transportsFromEnv } from './transports';
import { startNotificationWorker, type WorkerHandle } from './worker';
import { startScheduledJobs } from '@/lib/jobs/scheduled';

const holder = globalThis as unknown as { __cgNotifyWorker?: WorkerHandle };

export function shouldRunInProcess(engine: Engine, mode = process.env.NOTIFY_WORKER): boolean {
  if (mode === 'off') return false;
  if (mode === 'in-process') return true;
  return engine === 'pglite';
}

export function startInProcessWorker(db: Db, engine: Engine): WorkerHandle | null {
  if (process.env.NEXT_PHASE === 'phase-production-build' || !shouldRunInProcess(engine)) return null;
  if (holder.__cgNotifyWorker) return holder.__cgNotifyWorker;
  const transports = transportsFromEnv();
  const interval = Number(process.env.NOTIFY_INTERVAL_MS);
  const handle = startNotificationWorker({
    db,
    transports,
    batchSize: 25,
    concurrency: 4,
    intervalMs: Number.isFinite(interval) && interval > 0 ? interval : 5_000,
  });
  holder.__cgNotifyWorker = handle;
  startScheduledJobs(db);
  // Stop claiming on shutdown; a row caught mid-send is reclaimed after its lease by the next start.
  const stop = () => void handle.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  console.log(`[common-ground] notification worker running in-process (email: ${transports.email.name}, sms: ${transports.sms.name})`);
  return handle;
}
