import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PortalOffer } from '@/components/intake/portal-offer';
import { ParticipantHearings } from '@/components/scheduling/participant-hearings';
import { ParticipantRecordStatus } from '@/components/outcomes/participant-record-status';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db/client';
import { participantHomePageData } from '@/db/queries/page-data';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'My case' };

export default async function ParticipantHome() {
  const actor = await requireActor(['participant']);
  const db = await getDb();
  const data = await participantHomePageData(db, actor);
  const { jurisdiction } = data;
  const [t, ts, format] = await Promise.all([getTranslations('portal'), getTranslations('status'), getFormatter()]);
  if (!data.case) {
    return (
      <>
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="mt-4">{t('noCase')}</p>
        <p className="mt-2">{t('help', { phone: jurisdiction.settings.helpPhone })}</p>
      </>
    );
  }
  const c = data.case;
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-semibold">{t('hello', { name: c.participant.firstName })}</h1>
      <section aria-labelledby="status-h" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="status-h" className="text-lg font-semibold">{t('statusTitle')}</h2>
        <div className="mt-2">
          <StatusBadge status={c.status} label={ts(c.status)} />
        </div>
        <p className="mt-2 text-sm text-stone-600">{t('referredOn', { date: format.dateTime(c.referredAt, { dateStyle: 'long', timeZone: jurisdiction.timeZone }) })}</p>
        <h3 className="mt-4 font-medium">{t('whatNext')}</h3>
        <p className="mt-1 text-lg">{t(`next.${c.status}`)}</p>
      </section>
      {c.status === 'offered' && data.offer && <PortalOffer offer={data.offer} caseId={c.id} timeZone={jurisdiction.timeZone} />}
      <ParticipantHearings items={data.hearings} feedActive={!!data.feed} timeZone={jurisdiction.timeZone} />
      <ParticipantRecordStatus closure={data.closure} timeZone={jurisdiction.timeZone} />
      <section aria-labelledby="board-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="board-h" className="text-lg font-semibold">{t('board')}</h2>
        <p className="mt-1">{c.board?.name ?? t('noBoard')}</p>
      </section>
      <p className="mt-6 text-stone-700">{t('help', { phone: jurisdiction.settings.helpPhone })}</p>
    </div>
  );
}
