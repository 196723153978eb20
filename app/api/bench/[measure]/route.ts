import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { withDeferredAudit } from '@/db/commit-hooks';
import { writeAudit } from '@/db/queries/audit';
import { caseListFilterSchema } from '@/db/queries/cases';
import { dashboardFilterSchema, getDashboard } from '@/db/queries/dashboard';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { getCaseForApi } from '@/db/queries/outcomes';
import { caseListPageData, participantHomePageData, volunteerHearingsPageData } from '@/db/queries/page-data';
import { createReferral } from '@/db/queries/referrals';
import { viewTreatmentAsRecipient } from '@/db/queries/treatment';
import { getActor } from '@/lib/auth/session';
import { withSameOrigin } from '@/lib/http/same-origin';
import { authenticateBearer, requestIp } from '@/lib/http/token-auth';

export const dynamic = 'force-dynamic';

/**
 * Benchmark baseline, enabled only when the server runs with BENCH_MODE=1: the same session check
 * and the same page-data function (so exactly the same SQL) as each measured page, answered as bare
 * JSON with no rendering, so `npm run bench` can report how much the page itself adds. For the
 * integration API: the same bearer check, query functions and audit rows as the real route, without
 * its problem+json wrapper and response schema.
 */
export async function GET(req: Request, ctx: { params: Promise<{ measure: string }> }) {
  if (process.env.BENCH_MODE !== '1') notFound();
  const db = await getDb();
  const url = new URL(req.url);
  const { measure } = await ctx.params;
  if (measure === 'api-case') {
    // The route's audit rows go in as one INSERT at the end (runApi); the same here.
    const call = withDeferredAudit(db);
    const actor = await authenticateBearer(call.db, req);
    const id = url.searchParams.get('id') ?? '';
    const body = await getCaseForApi(call.db, actor, id);
    // The route also asks for the treatment status the office may see (and records that read).
    const treatment = await viewTreatmentAsRecipient(call.db, actor, id, 'api');
    await writeAudit(call.db, actor, { action: 'api.cases.read', entityType: 'api_call', outcome: 'success', ip: requestIp(req), details: { method: 'GET', path: url.pathname, status: 200 } });
    await call.flush();
    return Response.json({ ...body, treatment });
  }
  const actor = await getActor();
  if (!actor) return new Response('sign in', { status: 401 });
  switch (measure) {
    case 'floor':
      // The framework floor's baseline: the session check alone (app/bench/floor/page.tsx).
      return Response.json({ role: actor.role });
    case 'case-list': {
      // As app/(staff)/cases/page.tsx parses its search params.
      const sp = url.searchParams;
      const parsed = caseListFilterSchema.safeParse({ status: sp.get('status') ?? undefined, group: sp.get('group') ?? undefined, cursor: sp.get('cursor') ?? undefined });
      const d = await caseListPageData(db, actor, parsed.success ? parsed.data : { limit: 25 });
      return Response.json({ j: d.jurisdiction.name, n: d.page.items.length, counts: d.counts });
    }
    case 'volunteer-hearings': {
      const d = await volunteerHearingsPageData(db, actor);
      return Response.json({ n: d.items.length, feed: !!d.feed });
    }
    case 'participant-home': {
      const d = await participantHomePageData(db, actor);
      return Response.json({ status: d.case?.status ?? null });
    }
    case 'dashboard': {
      // As app/(staff)/dashboard/page.tsx (no filter: the default period).
      const parsed = dashboardFilterSchema.safeParse({});
      const [d, j] = await Promise.all([getDashboard(db, actor, parsed.success ? parsed.data : {}), getMyJurisdiction(db, actor)]);
      return Response.json({ j: j.name, keys: Object.keys(d).length });
    }
    default:
      notFound();
  }
}

// Same-origin checked like every state-changing route (the benchmark sends the site's own Origin).
export const POST = withSameOrigin(async (req: Request, ctx: { params: Promise<{ measure: string }> }) => {
  if (process.env.BENCH_MODE !== '1') notFound();
  const { measure } = await ctx.params;
  if (measure !== 'api-referral') notFound();
  const db = await getDb();
  const actor = await authenticateBearer(db, req);
  const r = await createReferral(db, actor, await req.json(), { channel: 'api' });
  await writeAudit(db, actor, { action: 'api.referrals.create', entityType: 'api_call', outcome: 'success', ip: requestIp(req), details: { method: 'POST', path: new URL(req.url).pathname, status: r.created ? 201 : 200 } });
  return Response.json({ id: r.caseId, status: r.status }, { status: r.created ? 201 : 200 });
});
