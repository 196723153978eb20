import { getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/auth/actor';

/*
 * Places on the participant home that other features fill in at merge. Each renders its section
 * with what exists today (nothing yet), so the page's order and headings are already final.
 *   PortalObligationsSlot → agreements / obligations checklist, hours and proof (components/agreements/)
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

// MERGE: replace with the certificate of completion and record letter downloads.
export async function PortalDocumentsSlot(_props: SlotProps) {
  const t = await getTranslations('portalApp.slots');
  return <EmptySection id="documents-h" title={t('documentsTitle')} text={t('documentsNone')} testId="portal-documents" />;
}
