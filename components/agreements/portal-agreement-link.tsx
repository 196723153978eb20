import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { CaseAgreements } from '@/db/queries/agreements';

/** On the participant's home page: what is due next and a link to the agreement page. */
/** `closed`: the case is closed (completed, returned, withdrawn): nothing is due any more. */
/** `view` is read with the rest of the page (participantHomePageData), not by this section. */
export async function PortalAgreementLink({ view, closed = false }: { view: CaseAgreements; closed?: boolean }) {
  if (!view.current && !view.draft) return null;
  const t = await getTranslations('agreements');
  const open = view.current?.items.filter((i) => i.state !== 'complete') ?? [];
  const overdue = open.filter((i) => i.state === 'overdue').length;
  const toSign = view.draft && !view.draft.signatures.some((s) => s.signerRole === 'participant');
  return (
    <section aria-labelledby="agreement-link-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="agreement-link-h" className="text-lg font-semibold">{t('portal.title')}</h2>
      {closed ? (
        <p className="mt-1">{t('portal.closed')}</p>
      ) : (
        <>
          {toSign && <p className="mt-1 font-medium">{t('portal.toSign')}</p>}
          {view.current && <p className="mt-1">{t('portal.summary', { open: open.length, overdue })}</p>}
        </>
      )}
      <Link href="/portal/obligations" className="mt-2 inline-block font-medium text-brand-700 underline">
        {t('portal.open')}
      </Link>
    </section>
  );
}
