import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PortalForm } from '@/components/portal/portal-form';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { listMyPortalHearings } from '@/db/queries/portal';
import { requireActor } from '@/lib/auth/session';
import { SURVEY_QUESTIONS } from '@/lib/domain/fairness-survey';
import { submitSurveyAction } from '../../actions';

/** The tab title in the participant's language. */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('portalApp.titles'))('survey') };
}

/** The five-question fairness survey for one held meeting, once. */
export default async function SurveyPage({ params }: { params: Promise<{ hearingId: string }> }) {
  const actor = await requireActor(['participant']);
  const { hearingId } = await params;
  const db = await getDb();
  const [{ held }, jurisdiction] = await Promise.all([listMyPortalHearings(db, actor), getMyJurisdiction(db, actor)]);
  const h = held.find((x) => x.id === hearingId);
  if (!h) notFound();
  const t = await getTranslations('portalApp.survey');
  const format = await getFormatter();
  const scale = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n} ${t(`scale.${n}`)}` }));
  return (
    <div className="mx-auto max-w-xl">
      <p><Link href="/portal" className="text-brand-800 underline underline-offset-2">{t('back')}</Link></p>
      <h1 className="mt-2 text-2xl font-semibold">{t('pageTitle')}</h1>
      <p className="mt-2">{t('about', { date: format.dateTime(h.startsAt, { dateStyle: 'long', timeZone: jurisdiction.timeZone }), board: h.boardName })}</p>
      <p className="mt-2">{t('anonymous')}</p>
      {h.surveyed ? (
        <p className="mt-4 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-900" role="status" data-testid="survey-done">{t('thanks')}</p>
      ) : (
      <div className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
        <PortalForm
          action={submitSurveyAction}
          testId="survey-form"
          submit={t('send')}
          pending={t('sending')}
          success={t('thanks')}
          fields={[
            { type: 'hidden', name: 'hearingId', value: h.id },
            ...SURVEY_QUESTIONS.map((q) => ({ type: 'scale' as const, name: q, label: t(`q.${q}`), options: scale })),
            { type: 'textarea', name: 'comment', label: t('comment'), hint: t('commentHint') },
          ]}
        />
      </div>
      )}
    </div>
  );
}
