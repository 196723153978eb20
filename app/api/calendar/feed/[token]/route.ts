import { getDb } from '@/db/client';
import { calendarFeedByToken } from '@/db/queries/calendar';
import { NotFoundError } from '@/lib/errors';

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
    if (err instanceof NotFoundError) return new Response('Not found', { status: 404 });
    throw err;
  }
}
