import { getDb } from '@/db/client';
import { calendarFeedByToken } from '@/db/queries/calendar';
import { NotFoundError } from '@/lib/errors';
import { HttpProblem, problemResponse } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

/**
 * A private calendar feed. Calendar apps fetch it without a session: the secret in the URL is the
 * credential, and revoking the feed makes the URL answer 404.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const secret = token.replace(/\.ics$/, '');
  try {
    const body = await calendarFeedByToken(await getDb(), secret);
    return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' } });
  } catch (err) {
    if (err instanceof NotFoundError) return notFound();
    throw err;
  }
}

/** API errors are RFC 9457 problem+json (a calendar app shows the title). */
const notFound = () => problemResponse(new HttpProblem(404, 'Not found', 'No calendar here: the link is wrong, revoked, or not yours.'));
