import { getFormatter, getTranslations } from 'next-intl/server';
import { answerOfferAction } from '@/app/(participant)/portal/offer-actions';
import type { getOpenOffer } from '@/db/queries/offers';
import { IntakeIntl } from './intake-intl';
import { PortalOfferForm } from './portal-offer-form';

/** The offer on the participant's portal: what joining means, the deadline, and yes / no. */
export async function PortalOffer({ offer, caseId, timeZone }: { offer: NonNullable<Awaited<ReturnType<typeof getOpenOffer>>>; caseId: string; timeZone: string }) {
  const t = await getTranslations('intake.portal');
  const format = await getFormatter();
  return (
    <section aria-labelledby="offer-h" className="mt-4 rounded-lg border-2 border-brand-700 bg-white p-4" data-testid="portal-offer">
      <h2 id="offer-h" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="mt-2">{t('body')}</p>
      <p className="mt-2 font-medium">{t('deadline', { date: format.dateTime(offer.deadlineAt, { dateStyle: 'full', timeZone }) })}</p>
      <div className="mt-3">
        <IntakeIntl>
          <PortalOfferForm action={answerOfferAction} caseId={caseId} version={offer.caseVersion} />
        </IntakeIntl>
      </div>
    </section>
  );
}
