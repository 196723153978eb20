import { serveCaseDocument } from '@/lib/outcomes/document-route';

export const dynamic = 'force-dynamic';

/** A case's certificate of completion or record letter (PDF), for coordinators and prosecutors in scope. */
export async function GET(req: Request, { params }: { params: Promise<{ caseId: string; document: string }> }) {
  const { caseId, document } = await params;
  return serveCaseDocument(req, caseId, document);
}
