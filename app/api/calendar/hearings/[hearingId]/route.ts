import { getDb } from '@/db/client';
import { hearingIcs } from '@/db/queries/calendar';
import { getActor } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

/** One hearing as an .ics download, for anyone signed in who can see it. */
export async function GET(_req: Request, { params }: { params: Promise<{ hearingId: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response('Sign in to download this file.', { status: 401 });
  if (!can(actor.role, 'hearing.readOwn') && !can(actor.role, 'schedule.read')) return new Response('Not found', { status: 404 });
  const { hearingId } = await params;
  try {
    const body = await hearingIcs(await getDb(), actor, hearingId);
    return new Response(body, {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="hearing-${hearingId.slice(0, 8)}.ics"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (err) {
    if (err instanceof NotFoundError) return new Response('Not found', { status: 404 });
    throw err;
  }
}
