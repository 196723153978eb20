import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getCase, listCases } from '@/db/queries/cases';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { getActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/**
 * Benchmark baseline, enabled only when the server runs with BENCH_MODE=1: the same session check
 * and the same data functions (so the same SQL) as a page, answered as bare JSON with no rendering,
 * so `npm run bench` can report how much the page itself adds.
 */
export async function GET(req: Request, ctx: { params: Promise<{ measure: string }> }) {
  if (process.env.BENCH_MODE !== '1') notFound();
  const actor = await getActor();
  if (!actor) return new Response('sign in', { status: 401 });
  const db = await getDb();
  const url = new URL(req.url);
  const { measure } = await ctx.params;
  switch (measure) {
    case 'case-list': {
      const [j, page] = await Promise.all([getMyJurisdiction(db, actor), listCases(db, actor, { status: (url.searchParams.get('status') ?? undefined) as never })]);
      return Response.json({ j: j.name, n: page.items.length });
    }
    case 'volunteer-board': {
      const page = await listCases(db, actor, { group: 'active', limit: 50 });
      return Response.json({ n: page.items.length });
    }
    case 'participant-home': {
      const page = await listCases(db, actor, { limit: 1 });
      const c = page.items[0] ? await getCase(db, actor, page.items[0].id) : null;
      return Response.json({ status: c?.status ?? null });
    }
    case 'case-detail': {
      const c = await getCase(db, actor, url.searchParams.get('id') ?? '');
      return Response.json({ status: c.status });
    }
    default:
      notFound();
  }
}
