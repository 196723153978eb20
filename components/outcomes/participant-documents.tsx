import { getTranslations } from 'next-intl/server';
import { getCaseClosure } from '@/db/queries/case-closures';
import type { Db } from '@/db/types';
import type { CaseClosure } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

type Audience = 'participant' | 'staff';

/**
 * The download links for a closed case's documents: the certificate of completion when completed,
 * the record letter whenever closed, each in English and Spanish. Plain links to the PDF route
 * handlers (no client script, so the participant's home stays light). Takes the closure as data so
 * a page that already read it (the portal home) spends no query on it.
 */
export async function CaseDocumentLinks({ caseId, outcome, audience }: { caseId: string; outcome: CaseClosure['outcome']; audience: Audience }) {
  const t = await getTranslations('caseDocuments.links');
  const base = audience === 'staff' ? `/cases/${caseId}/documents` : `/portal/documents/${caseId}`;
  const docs = [...(outcome === 'completed' ? [{ kind: 'certificate', label: t('certificate') }] : []), { kind: 'record-letter', label: t('recordLetter') }];
  return (
    <ul className="mt-3 space-y-3" data-testid="document-links">
      {docs.map((d) => (
        <li key={d.kind}>
          <span className="block font-medium">{d.label}</span>
          <span className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
            {(['en', 'es'] as const).map((lang) => (
              // py-1 keeps each link a comfortable touch target on a phone.
              <a key={lang} href={`${base}/${d.kind}?lang=${lang}`} hrefLang={lang} download className="inline-block py-1 text-brand-700 underline">
                {d.label} — {lang === 'en' ? t('english') : t('spanish')} ({t('pdf')})
              </a>
            ))}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The documents section of the staff case page (`audience="staff"`) or any participant page that
 * has not read the closure yet. Renders nothing while the case is open (or out of the actor's scope).
 */
export async function ParticipantDocuments({ db, actor, caseId, audience = 'participant' }: { db: Db; actor: Actor; caseId: string; audience?: Audience }) {
  const { closure } = await getCaseClosure(db, actor, caseId).catch(() => ({ closure: null }));
  if (!closure) return null;
  const t = await getTranslations('caseDocuments.links');
  const headingId = `documents-h-${caseId.slice(0, 8)}`;
  return (
    <section aria-labelledby={headingId} className="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="case-documents">
      <h2 id={headingId} className="text-lg font-semibold">{audience === 'staff' ? t('staffTitle') : t('title')}</h2>
      <p className="mt-1 text-stone-700">{audience === 'staff' ? t('staffIntro') : t('intro')}</p>
      <CaseDocumentLinks caseId={caseId} outcome={closure.outcome} audience={audience} />
    </section>
  );
}
