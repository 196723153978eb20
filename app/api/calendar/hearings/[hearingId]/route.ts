import { getDb } from '@/db/client';
import { hearingIcs } from '@/db/queries/calendar';
import { getActor } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { HttpProblem, problemResponse } from '@/lib/http/problem';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

/** One hearing as an .ics download, for anyone signed in who can see it. */
export async function GET(_req: Request, { params }: { params: Promise<{ hearingId: string }> }) {
  const actor = await getActor();
  if (!actor) return problemResponse(new HttpProblem(401, 'Sign in to download this file.'));
  if (!can(actor.role, 'hearing.readOwn') && !can(actor.role, 'schedule.read')) return notFound();
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
    if (err instanceof NotFoundError) return notFound();
    throw err;
  }
}

/** API errors are RFC 9457 problem+json (a calendar app shows the title). */
const notFound = () => problemResponse(new HttpProblem(404, 'Not found', 'No calendar here: the link is wrong, revoked, or not yours.'));
