import { peekActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/**
 * When does my session end? Read by the idle warning. Does not count as activity (a page left open
 * must still time out), changes nothing, and says nothing about anyone else: no origin check needed.
 */
export async function GET() {
  const actor = await peekActor();
  const body = actor?.session
    ? { signedIn: true, idleExpiresAt: actor.session.idleExpiresAt.getTime(), absoluteExpiresAt: actor.session.absoluteExpiresAt.getTime() }
    : { signedIn: false };
  return Response.json(body, { headers: { 'cache-control': 'no-store' } });
}
