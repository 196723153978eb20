/**
 * Runs once when the server starts: open, migrate and (in demo mode) seed the database right away,
 * so the first visitor does not wait for it and a broken database shows up in the log at once.
 * With the embedded database it also starts the notification worker in this process.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { getOpenDb } = await import('./db/client');
  try {
    const { db, engine } = await getOpenDb();
    console.log(`[common-ground] database ready (${engine})`);
    const { startInProcessWorker } = await import('./lib/notify/in-process');
    startInProcessWorker(db, engine);
  } catch (err) {
    console.error('[common-ground] could not open the database:', err instanceof Error ? err.message : err);
  }
}
