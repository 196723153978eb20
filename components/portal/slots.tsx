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

// MERGE: replace with the obligations checklist (progress, due dates, "log hours / upload proof").
export async function PortalObligationsSlot(_props: SlotProps) {
  const t = await getTranslations('portalApp.slots');
  return <EmptySection id="obligations-h" title={t('obligationsTitle')} text={t('obligationsNone')} testId="portal-obligations" />;
}

// MERGE: replace with the participant's treatment referral (link to /portal/treatment).
export async function PortalTreatmentSlot(_props: SlotProps) {
  const t = await getTranslations('portalApp.slots');
  return <EmptySection id="treatment-h" title={t('treatmentTitle')} text={t('treatmentNone')} testId="portal-treatment" />;
}

// MERGE: replace with the certificate of completion and record letter downloads.
export async function PortalDocumentsSlot(_props: SlotProps) {
  const t = await getTranslations('portalApp.slots');
  return <EmptySection id="documents-h" title={t('documentsTitle')} text={t('documentsNone')} testId="portal-documents" />;
}
