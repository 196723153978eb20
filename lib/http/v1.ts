import 'server-only';
import { createReferral } from '@/db/queries/referrals';
import { decodeOutcomeCursor, getCaseForApi, listOutcomes, outcomesQuerySchema } from '@/db/queries/outcomes';
import type { Db } from '@/db/types';
import { viewTreatmentAsRecipient } from '@/db/queries/treatment';
import { noticeText } from '@/lib/domain/part2-consent';
import { caseResponseSchema, outcomesResponseSchema, referralResponseSchema } from '@/lib/intake/api-schemas';
import { json, runApi } from './api-route';
import { readJsonBody } from './body';
import { HttpProblem, validationProblem } from './problem';

/**
 * Handlers of the integration API, one per operation. The route files under app/api/v1 only pass
 * the process' database; tests pass theirs.
 */

/** POST /api/v1/referrals — 201 for a new case, 200 for a retry of the same case number. */
export function postReferral(db: Db, req: Request) {
  return runApi(db, req, 'referrals.create', async ({ db, actor }) => {
    const body = await readJsonBody(req);
    const r = await createReferral(db, actor, body, { channel: 'api' });
    const out = referralResponseSchema.parse({ id: r.caseId, externalCaseNumber: r.externalCaseNumber, status: r.status, screening: r.screening, participant: r.participant });
    return json(out, r.created ? 201 : 200, { location: `/api/v1/cases/${r.caseId}` });
  });
}

/** GET /api/v1/cases/{id} */
export function getApiCase(db: Db, req: Request, id: string) {
  return runApi(db, req, 'cases.read', async ({ db, actor }) => {
    const c = await getCaseForApi(db, actor, id);
    // After the case is known to be in scope: a disclosure is recorded only when something is shown.
    const t = await viewTreatmentAsRecipient(db, actor, id, 'api');
    const treatment = t ? { notice: noticeText('en'), consentId: t.consentId, referrals: t.referrals.map((r) => ({ provider: r.providerName, status: r.status, statusChangedAt: r.statusChangedAt.toISOString() })) } : null;
    return json(caseResponseSchema.parse({ ...c, treatment }));
  });
}

/** GET /api/v1/outcomes?since=…&cursor=…&limit=… */
export function getApiOutcomes(db: Db, req: Request) {
  return runApi(db, req, 'outcomes.list', async ({ db, actor }) => {
    const params = Object.fromEntries(new URL(req.url).searchParams);
    const q = outcomesQuerySchema.safeParse(params);
    if (!q.success) throw validationProblem(q.error, 'The query string has invalid parameters; each is listed in `errors`.');
    const cursor = q.data.cursor ? decodeOutcomeCursor(q.data.cursor) : null;
    if (q.data.cursor && !cursor) throw new HttpProblem(400, 'Invalid request', 'The cursor is not one this API returned.', [{ pointer: '/cursor', detail: 'Use the nextCursor value of the previous page.' }]);
    return json(outcomesResponseSchema.parse(await listOutcomes(db, actor, { since: q.data.since, cursor, limit: q.data.limit })));
  });
}
