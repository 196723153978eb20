import { sql } from 'drizzle-orm';
import { getOpenDb } from '@/db/client';

export const dynamic = 'force-dynamic';

/** Liveness and readiness: answers ok only after a real query. */
export async function GET() {
  try {
    const { db, engine } = await getOpenDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: 'ok', database: engine }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    console.error('[health]', err);
    return Response.json({ status: 'error', message: 'The database is not reachable.' }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
}
