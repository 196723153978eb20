import 'server-only';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { getCaseDocument } from '@/db/queries/case-documents';
import { getActor } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import { renderCaseDocument } from './case-document-pdf';

const noStore = { 'cache-control': 'private, no-store' };

/**
 * GET handler shared by the participant's and the staff's document routes: the certificate of
 * completion or the record letter of one case, as a PDF generated on request. `?lang=en|es`
 * (default: the participant's preferred language). Out of scope, unknown, or not existing for this
 * case (no certificate unless completed; no letter unless closed) = 404. Downloads are audited.
 */
export async function serveCaseDocument(req: Request, caseId: string, document: string): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response('Sign in to download this document.', { status: 401, headers: noStore });
  const db = await getDb();
  if (!can(actor.role, 'case.documents')) {
    await writeAudit(db, actor, { action: 'case.document', entityType: 'case', entityId: caseId.slice(0, 64), outcome: 'denied' });
    return new Response('Not found.', { status: 404, headers: noStore });
  }
  const lang = new URL(req.url).searchParams.get('lang');
  if (lang !== null && lang !== 'en' && lang !== 'es') return new Response('Choose the language: lang=en or lang=es.', { status: 400, headers: noStore });
  try {
    const data = await getCaseDocument(db, actor, { caseId, kind: document, locale: lang ?? 'participant' });
    const locale = (lang ?? data.participantLanguage) as 'en' | 'es';
    const t = await getTranslations({ locale, namespace: 'caseDocuments' });
    const bytes = await renderCaseDocument(data, (key, values) => t(key as never, values as never), locale);
    const name = `${document}-${data.externalCaseNumber.replace(/[^A-Za-z0-9-]/g, '')}-${locale}.pdf`;
    return new Response(Buffer.from(bytes), {
      headers: { ...noStore, 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${name}"`, 'x-content-type-options': 'nosniff' },
    });
  } catch (err) {
    if (err instanceof NotFoundError) return new Response('Not found.', { status: 404, headers: noStore });
    throw err;
  }
}
