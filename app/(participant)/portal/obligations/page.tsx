import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { logProgressAction } from '@/app/(board)/board/cases/[caseId]/agreement-actions';
import { AgreementForm } from '@/components/agreements/agreement-form';
import { progressFields, SignForm } from '@/components/agreements/agreement-panel';
import { ObligationList, ProgressList, SignatureList, VersionSummary } from '@/components/agreements/parts';
import { getDb } from '@/db/client';
import { listCaseProgress } from '@/db/queries/agreement-progress';
import { getCaseAgreements } from '@/db/queries/agreements';
import { listCases } from '@/db/queries/cases';
import { requireActor } from '@/lib/auth/session';

/** The tab title in the participant's language. */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('portalApp.titles'))('obligations') };
}

/** The participant's agreement: sign a draft, see each obligation, log progress with proof. */
export default async function ObligationsPage() {
  const actor = await requireActor(['participant']);
  const db = await getDb();
  const t = await getTranslations('agreements');
  const page = await listCases(db, actor, { limit: 1 });
  const caseId = page.items[0]?.id;
  const view = caseId ? await getCaseAgreements(db, actor, caseId) : null;
  const progress = caseId && view?.current ? await listCaseProgress(db, actor, caseId) : [];
  const draft = view?.draft;
  const current = view?.current;
  return (
    <div className="mx-auto max-w-xl">
      <Link href="/portal" className="text-sm text-brand-700 underline">← {t('portal.back')}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('portal.title')}</h1>
      {!draft && !current && <p className="mt-4">{t('portal.none')}</p>}
      {draft && (
        <section aria-labelledby="draft-h" className="mt-6 rounded-lg border border-amber-300 bg-white p-4" data-testid="agreement-draft">
          <h2 id="draft-h" className="text-lg font-semibold">{t('portal.toSign')}</h2>
          <VersionSummary v={draft} />
          <ObligationList items={draft.items} />
          <SignatureList sigs={draft.signatures} timeZone={view?.timeZone} />
          {draft.approvalNeeded ? (
            <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2">{t('portal.waitApproval')}</p>
          ) : (
            !draft.signatures.some((s) => s.signerRole === 'participant') && (
              <div className="mt-3">
                <SignForm t={t} agreementId={draft.agreement.id} version={draft.agreement.version} role="participant" label={t('portal.signTitle')} />
              </div>
            )
          )}
        </section>
      )}
      {current && (
        <>
          <section aria-labelledby="obligations-h" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="obligations-h" className="text-lg font-semibold">{t('obligations')}</h2>
            <VersionSummary v={current} pdfHref={`/api/cases/${caseId}/agreement-pdf?number=${current.agreement.number}`} />
            <ObligationList items={current.items} />
          </section>
          {view?.caseStatus === 'in_progress' && (
            <section aria-labelledby="log-h" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
              <h2 id="log-h" className="text-lg font-semibold">{t('portal.logTitle')}</h2>
              <p className="mt-1 text-sm text-stone-700">{t('portal.logIntro')}</p>
              <AgreementForm action={logProgressAction} fields={progressFields(t, current.items, view.today)} submit={t('logSubmit')} success={t('portal.logged')} className="mt-3" testId="log-progress" />
            </section>
          )}
          <section aria-labelledby="progress-h" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="progress-h" className="text-lg font-semibold">{t('progressTitle')}</h2>
            <ProgressList rows={progress} />
          </section>
        </>
      )}
    </div>
  );
}
