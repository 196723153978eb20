import { getTranslations } from 'next-intl/server';
import { CaseDocumentLinks } from '@/components/outcomes/participant-documents';
import type { CaseClosure } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

/*
 * Sections of the participant home that come from other features, each with its final heading so
 * the page's order and headings stay the same whatever the case holds.
 *   PortalTreatmentSlot   → their treatment referral, full detail (/portal/treatment)
 *   PortalDocumentsSlot   → completion certificate and record letter PDFs
 */
type SlotProps = { actor: Actor; caseId: string; timeZone: string };

async function EmptySection({ id, title, text, testId }: { id: string; title: string; text: string; testId: string }) {
  return (
    <section aria-labelledby={id} className="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid={testId}>
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      <p className="mt-1 text-stone-800">{text}</p>
    </section>
  );
}

// Treatment details live on their own page (42 CFR Part 2: only the participant sees them in full).
export async function PortalTreatmentSlot(_props: SlotProps) {
  const t = await getTranslations('portalApp.slots');
  const tt = await getTranslations('treatment.nav');
  return (
    <section aria-labelledby="treatment-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="portal-treatment">
      <h2 id="treatment-h" className="text-lg font-semibold">{t('treatmentTitle')}</h2>
      <p className="mt-1"><a href="/portal/treatment" className="text-brand-800 underline underline-offset-2">{tt('treatment')}</a></p>
    </section>
  );
}

/**
 * The certificate of completion and the record letter once the case is closed; until then, what
 * will appear here. The home page already read the closure (for the record status), so it is
 * passed in: no query of its own, and no client script (plain download links).
 */
export async function PortalDocumentsSlot({ caseId, closure }: { caseId: string; closure: Pick<CaseClosure, 'outcome'> | null }) {
  const t = await getTranslations('portalApp.slots');
  if (!closure) return <EmptySection id="documents-h" title={t('documentsTitle')} text={t('documentsNone')} testId="portal-documents" />;
  const tl = await getTranslations('caseDocuments.links');
  return (
    <section aria-labelledby="documents-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="portal-documents">
      <h2 id="documents-h" className="text-lg font-semibold">{t('documentsTitle')}</h2>
      <p className="mt-1 text-stone-800">{tl('intro')}</p>
      <CaseDocumentLinks caseId={caseId} outcome={closure.outcome} audience="participant" />
    </section>
  );
}
