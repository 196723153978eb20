import 'server-only';
import { expireOverdueOffers } from '@/db/queries/offers';
import type { Db } from '@/db/types';

/**
 * Time-driven rules that no request triggers: an offer to divert left unanswered past its deadline
 * goes back to the prosecutor (reason no_response). Runs beside the notice worker (in-process with
 * the embedded database, in `npm run worker` on PostgreSQL). Safe with several workers: each case
 * is moved under its version, so a second runner finds nothing left to do.
 */
export function startScheduledJobs(db: Db, opts: { intervalMs?: number; log?: (line: string) => void } = {}) {
  const log = opts.log ?? ((l: string) => console.log(`[jobs] ${l}`));
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const returned = await expireOverdueOffers(db, new Date());
      if (returned.length) log(`returned ${returned.length} unanswered offer(s) to the prosecutor`);
    } catch (err) {
      log(`offer expiry failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 5 * 60_000);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
