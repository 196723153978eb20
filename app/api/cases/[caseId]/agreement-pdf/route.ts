import { getDb } from '@/db/client';
import { serveAgreementPdf } from '@/lib/agreements/pdf-route';
import { getActor } from '@/lib/auth/session';
import { HttpProblem, problemResponse } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

/** One signed (or superseded) agreement version as a PDF, in the participant's language; audited as an export. */
export async function GET(req: Request, { params }: { params: Promise<{ caseId: string }> }) {
  const actor = await getActor();
  if (!actor) return problemResponse(new HttpProblem(401, 'Sign in to download this file.'));
  const { caseId } = await params;
  return serveAgreementPdf(await getDb(), actor, req, caseId);
}
