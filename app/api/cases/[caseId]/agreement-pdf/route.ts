import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { getCaseAgreements } from '@/db/queries/agreements';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { boards, cases, participants } from '@/db/schema';
import { agreementPdf } from '@/lib/agreements/pdf';
import { getActor } from '@/lib/auth/session';
import { HttpProblem, problemResponse } from '@/lib/http/problem';
import { NotFoundError } from '@/lib/errors';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

/** One signed (or superseded) agreement version as a PDF, in the participant's language. */
export async function GET(req: Request, { params }: { params: Promise<{ caseId: string }> }) {
  const actor = await getActor();
  if (!actor) return problemResponse(new HttpProblem(401, 'Sign in to download this file.'));
  if (!can(actor.role, 'agreement.read')) return notFound();
  const { caseId } = await params;
  const number = Number(new URL(req.url).searchParams.get('number') ?? '');
  try {
    const db = await getDb();
    const view = await getCaseAgreements(db, actor, caseId);
    const v = (Number.isInteger(number) && number > 0 ? view.history.find((h) => h.agreement.number === number) : view.current) ?? null;
    if (!v || v.agreement.status === 'draft') return notFound();
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
    return new Response(Buffer.from(bytes), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="agreement-${v.agreement.number}.pdf"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (err) {
    if (err instanceof NotFoundError) return notFound();
    throw err;
  }
}

// Errors under /api are problem+json like the rest of the API.
const notFound = () => problemResponse(new HttpProblem(404, 'Not found', 'No signed agreement here: the link is wrong, or the case is not one you can see.'));
