import { getTranslations } from 'next-intl/server';
import { calendarFeedAction } from '@/app/(board)/board/hearings/actions';
import type { HearingListItem } from '@/db/queries/hearings';
import { FeedPanel } from './feed-panel';
import { HearingCards } from './my-hearings-list';

/** The participant's upcoming meetings with the board, a calendar file, and a private feed. */
export async function ParticipantHearings({ items, feedActive, timeZone }: { items: HearingListItem[]; feedActive: boolean; timeZone: string }) {
  const t = await getTranslations('scheduling');
  const upcoming = items.filter((h) => h.status === 'scheduled' && h.endsAt > new Date());
  return (
    <section aria-labelledby="my-meetings-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="my-meetings-h" className="text-lg font-semibold">{t('participantMeetings')}</h2>
      {upcoming.length === 0 ? <p className="mt-1">{t('participantNone')}</p> : <HearingCards items={upcoming} timeZone={timeZone} hrefBase={null} showParticipant={false} showPanel={false} testId="participant-hearings" />}
      <details className="mt-3">
        <summary className="cursor-pointer font-medium text-brand-800">{t('feedTitle')}</summary>
        <div className="mt-2">
          <FeedPanel action={calendarFeedAction} active={feedActive} labels={{ intro: t('feedIntro'), create: t('feedCreate'), replace: t('feedReplace'), revoke: t('feedRevoke'), copyHint: t('feedCopyHint'), activeNote: t('feedActive'), revoked: t('feedRevoked'), urlLabel: t('feedUrl') }} />
        </div>
      </details>
    </section>
  );
}
