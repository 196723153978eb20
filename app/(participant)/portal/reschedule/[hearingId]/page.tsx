import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PortalForm } from '@/components/portal/portal-form';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { listMyPortalHearings, RESCHEDULE_REASONS } from '@/db/queries/portal';
import { requireActor } from '@/lib/auth/session';
import { requestRescheduleAction } from '../../actions';

/** The tab title in the participant's language. */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('portalApp.titles'))('reschedule') };
}

/** Ask to move an upcoming meeting, with reasons: the coordinators get a task and an email. */
export default async function ReschedulePage({ params }: { params: Promise<{ hearingId: string }> }) {
  const actor = await requireActor(['participant']);
  const { hearingId } = await params;
  const db = await getDb();
  const [{ upcoming }, jurisdiction] = await Promise.all([listMyPortalHearings(db, actor), getMyJurisdiction(db, actor)]);
  const h = upcoming.find((x) => x.id === hearingId);
  if (!h) notFound();
  const t = await getTranslations('portalApp.reschedule');
  const format = await getFormatter();
  return (
    <div className="mx-auto max-w-xl">
      <p><Link href="/portal" className="text-brand-800 underline underline-offset-2">{t('back')}</Link></p>
      <h1 className="mt-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2">{t('intro', { date: format.dateTime(h.startsAt, { dateStyle: 'full', timeStyle: 'short', timeZone: jurisdiction.timeZone }) })}</p>
      <p className="mt-2">{t('note')}</p>
      <div className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
        <PortalForm
          action={requestRescheduleAction}
          testId="reschedule-form"
          submit={t('send')}
          pending={t('sending')}
          success={t('sent')}
          fields={[
            { type: 'hidden', name: 'hearingId', value: h.id },
            { type: 'checkboxes', name: 'reasons', label: t('reasons'), options: RESCHEDULE_REASONS.map((r) => ({ value: r, label: t(`reason.${r}`) })) },
            { type: 'textarea', name: 'message', label: t('message'), hint: t('messageHint') },
          ]}
        />
      </div>
      <p className="mt-4"><Link href="/portal/availability" className="text-brand-800 underline underline-offset-2">{t('availability')}</Link></p>
    </div>
  );
}
