import 'server-only';
import { eq } from 'drizzle-orm';
import { getCaseAgreements } from '@/db/queries/agreements';
import { writeAudit } from '@/db/queries/audit';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { boards, cases, participants } from '@/db/schema';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/errors';
import { HttpProblem, problemResponse } from '@/lib/http/problem';
import { can } from '@/lib/permissions';
import { agreementPdf } from './pdf';

// Errors under /api are problem+json like the rest of the API.
const notFound = () => problemResponse(new HttpProblem(404, 'Not found', 'No signed agreement here: the link is wrong, or the case is not one you can see.'));

/**
 * GET /api/cases/{caseId}/agreement-pdf?number=N — one signed (or superseded) agreement version as a
 * PDF, in the participant's language. Every download is an export and is audited
 * (`agreement.export`, with the agreement, version and format) before the bytes leave; a refused one
 * (role, out of scope, no such version, a draft) is audited as denied. The route passes the
 * process' database and the session's actor; tests pass theirs.
 */
export async function serveAgreementPdf(db: Db, actor: Actor, req: Request, caseId: string): Promise<Response> {
  const denied = async (reason: string) => {
    await writeAudit(db, actor, { action: 'agreement.export', outcome: 'denied', entityType: 'case', entityId: caseId.slice(0, 64), details: { format: 'pdf', reason } });
    return notFound();
  };
  if (!can(actor.role, 'agreement.read')) return denied('role');
  const number = Number(new URL(req.url).searchParams.get('number') ?? '');
  try {
    const view = await getCaseAgreements(db, actor, caseId);
    const v = (Number.isInteger(number) && number > 0 ? view.history.find((h) => h.agreement.number === number) : view.current) ?? null;
    if (!v || v.agreement.status === 'draft') return denied('no_signed_version');
    const [[names], j] = await Promise.all([
      db
        .select({ first: participants.firstName, last: participants.lastName })
        .from(cases)
        .innerJoin(participants, eq(participants.id, cases.participantId))
        .where(eq(cases.id, view.caseId)),
      getMyJurisdiction(db, actor),
    ]);
    const [board] = view.boardId ? await db.select({ name: boards.name }).from(boards).where(eq(boards.id, view.boardId)) : [];
    const bytes = await agreementPdf(v, { participantName: `${names.first} ${names.last}`, boardName: board?.name ?? '', programName: j.settings.programName, timeZone: j.timeZone });
    await writeAudit(db, actor, {
      action: 'agreement.export',
      entityType: 'agreement',
      entityId: v.agreement.id,
      jurisdictionId: v.agreement.jurisdictionId,
      details: { caseId: view.caseId, number: v.agreement.number, format: 'pdf', bytes: bytes.length },
    });
    return new Response(Buffer.from(bytes), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="agreement-${v.agreement.number}.pdf"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (err) {
    if (err instanceof NotFoundError) return denied('not_found');
    throw err;
  }
}
