import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { confirmAttendanceAction } from '@/app/(participant)/portal/actions';
import type { PortalHearing } from '@/db/queries/portal';
import { PortalForm } from './portal-form';

/** The next meeting: when (in the program's time zone), where with a map link or the video link, and what to do about it. */
export async function NextMeeting({ hearing: h, timeZone }: { hearing: PortalHearing; timeZone: string }) {
  const t = await getTranslations('portalApp.meeting');
  const format = await getFormatter();
  const when = format.dateTime(h.startsAt, { dateStyle: 'full', timeStyle: 'short', timeZone });
  const until = format.dateTime(h.endsAt, { timeStyle: 'short', timeZone });
  const address = [h.addressLine, h.zip].filter(Boolean).join(', ');
  const map = address ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}` : null;
  return (
    <section aria-labelledby="meeting-h" className="mt-4 rounded-lg border-2 border-brand-700 bg-white p-4" data-testid="next-meeting">
      <h2 id="meeting-h" className="text-lg font-semibold">{t('title')}</h2>
      <p className="mt-2 text-lg font-medium">{when} – {until}</p>
      <p className="text-sm text-stone-700">{t('timeZoneNote')}</p>
      <p className="mt-2">{t('board', { name: h.boardName })}</p>
      {h.venueKind === 'video' || (h.meetingUrl && !address) ? (
        <p className="mt-2">
          {t('video')}{' '}
          {h.meetingUrl && <a href={h.meetingUrl} className="break-words text-brand-800 underline underline-offset-2" rel="noreferrer">{t('videoLink')}</a>}
        </p>
      ) : (
        <p className="mt-2">
          {t('where', { place: [h.venueName, h.room].filter(Boolean).join(', ') })}
          {address && <><br />{address}</>}
          {map && <><br /><a href={map} className="text-brand-800 underline underline-offset-2" rel="noreferrer">{t('map')}<span className="sr-only"> ({t('newSite')})</span></a></>}
        </p>
      )}
      <div className="mt-4">
        {h.confirmedAt ? (
          <p className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-900" data-testid="meeting-confirmed">{t('confirmed')}</p>
        ) : (
          <PortalForm action={confirmAttendanceAction} fields={[{ type: 'hidden', name: 'hearingId', value: h.id }]} submit={t('confirm')} pending={t('confirming')} testId="confirm-form" />
        )}
      </div>
      <ul className="mt-4 space-y-2">
        <li><a href={`/api/calendar/hearings/${h.id}`} className="text-brand-800 underline underline-offset-2">{t('calendar')}</a></li>
        <li><Link href={`/portal/reschedule/${h.id}`} className="text-brand-800 underline underline-offset-2">{t('reschedule')}</Link></li>
      </ul>
    </section>
  );
}
