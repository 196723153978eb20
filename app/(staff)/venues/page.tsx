import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/scheduling/action-form';
import { weekdayNames } from '@/components/scheduling/present';
import { VenueForm } from '@/components/scheduling/venue-form';
import { getDb } from '@/db/client';
import { listVenues } from '@/db/queries/venues';
import { requireActor } from '@/lib/auth/session';
import { formatClock } from '@/lib/domain/local-time';
import { createVenueAction, setVenueActiveAction } from './actions';

export const metadata: Metadata = { title: 'Venues' };

export default async function VenuesPage() {
  const actor = await requireActor(['coordinator']);
  const list = await listVenues(await getDb(), actor, { includeInactive: true });
  const t = await getTranslations('scheduling');
  const short = await weekdayNames('short');
  const kinds = ['library', 'church', 'community_center', 'other', 'video'] as const;
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('venuesTitle')}</h1>
      <p className="mt-1 text-stone-700">{t('venuesIntro')}</p>
      <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {list.map((v) => (
          <li key={v.id} className={`rounded-lg border border-stone-200 bg-white p-4 ${v.active ? '' : 'opacity-60'}`}>
            <h2 className="text-lg font-semibold">{v.name}</h2>
            <p className="text-sm text-stone-700">{t(`venueKind.${v.kind}`)}{v.room ? ` · ${v.room}` : ''} · {t('capacityN', { count: v.capacity })}</p>
            {v.addressLine && <p className="text-sm">{v.addressLine} {v.zip}</p>}
            {v.meetingUrl && <p className="break-all text-sm">{v.meetingUrl}</p>}
            <p className="text-sm">{v.accessible ? t('accessibleYes') : t('accessibleNo')}{v.accessibilityNotes ? ` — ${v.accessibilityNotes}` : ''}</p>
            <p className="text-sm text-stone-600">{v.hours.length ? v.hours.map((h) => `${short[h.weekday]} ${formatClock(h.start)}–${formatClock(h.end)}`).join(', ') : t('alwaysOpen')}</p>
            <div className="mt-2">
              <ActionForm action={setVenueActiveAction} hidden={{ venueId: v.id, active: String(!v.active) }} submit={v.active ? t('deactivate') : t('activate')} buttonClassName="!px-3 !py-1.5 text-sm" />
            </div>
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-venue-h" className="mt-8 max-w-3xl rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="new-venue-h" className="text-lg font-semibold">{t('newVenue')}</h2>
        <div className="mt-3">
          <VenueForm
            action={createVenueAction}
            days={[1, 2, 3, 4, 5, 6, 0].map((d) => [d, short[d]] as [number, string])}
            kinds={kinds.map((k) => ({ value: k, label: t(`venueKind.${k}`) }))}
            labels={{ name: t('vName'), kind: t('vKind'), room: t('vRoom'), address: t('vAddress'), zip: t('vZip'), capacity: t('vCapacity'), accessible: t('vAccessible'), accessNotes: t('vAccessNotes'), meetingUrl: t('vMeetingUrl'), days: t('vDays'), opens: t('vOpens'), closes: t('vCloses'), submit: t('vSubmit'), saved: t('vSaved') }}
          />
        </div>
      </section>
    </>
  );
}
