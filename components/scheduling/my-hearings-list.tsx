import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { HearingListItem } from '@/db/queries/hearings';
import { HearingStatusBadge } from './hearing-status';

/** Cards of hearings (phone-first), each with its .ics download. */
export async function HearingCards({ items, timeZone, hrefBase, showParticipant, showPanel = true, viewerId, testId }: { items: HearingListItem[]; timeZone: string; hrefBase: string | null; showParticipant: boolean; showPanel?: boolean; viewerId?: string; testId?: string }) {
  const t = await getTranslations('scheduling');
  const format = await getFormatter();
  return (
    <ul className="mt-2 space-y-3" data-testid={testId}>
      {items.map((h) => {
        const mine = viewerId ? h.panel.find((s) => s.userId === viewerId) : undefined;
        const when = `${format.dateTime(h.startsAt, { weekday: 'long', month: 'long', day: 'numeric', timeZone })} · ${format.dateTime(h.startsAt, { timeStyle: 'short', timeZone })}–${format.dateTime(h.endsAt, { timeStyle: 'short', timeZone })}`;
        return (
          <li key={h.id} className="rounded-lg border border-stone-200 bg-white p-4">
            <div className="flex flex-wrap items-center gap-2">
              {hrefBase ? <Link href={`${hrefBase}/${h.id}`} className="font-semibold text-brand-800 underline-offset-2 hover:underline">{when}</Link> : <span className="font-semibold">{when}</span>}
              <HearingStatusBadge status={h.status} label={t(`hearingStatus.${h.status}`)} />
            </div>
            <p className="mt-1 text-sm text-stone-700">
              {t(`kind.${h.kind}`)} · {h.boardName} · {h.venueName}
              {h.venueKind === 'video' ? ` (${t('video')})` : h.venueAddress ? `, ${h.venueAddress}` : ''}
            </p>
            {showParticipant && <p className="text-sm">{t('participantLabel')}: {h.firstName} {h.lastName}</p>}
            {mine && <p className="text-sm">{t('yourSeat')}: {t(`role.${mine.role}`)}</p>}
            {showPanel && !showParticipant && !mine && <p className="text-sm">{t('panel')}: {h.panel.filter((s) => s.role !== 'alternate').map((s) => s.name).join(', ')}</p>}
            {h.status === 'scheduled' && (
              <a href={`/api/calendar/hearings/${h.id}`} download className="mt-2 inline-block text-sm font-medium text-brand-800 underline">{t('downloadIcs')}</a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
