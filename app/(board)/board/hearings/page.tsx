import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { FeedPanel } from '@/components/scheduling/feed-panel';
import { HearingCards } from '@/components/scheduling/my-hearings-list';
import { getDb } from '@/db/client';
import { volunteerHearingsPageData } from '@/db/queries/page-data';
import { requireActor } from '@/lib/auth/session';
import { calendarFeedAction } from './actions';

export const metadata: Metadata = { title: 'My hearings' };

export default async function MyHearingsPage() {
  const actor = await requireActor(['volunteer']);
  const db = await getDb();
  const { items, jurisdiction: j, feed } = await volunteerHearingsPageData(db, actor);
  const t = await getTranslations('scheduling');
  const now = new Date();
  const upcoming = items.filter((h) => h.endsAt >= now);
  const past = items.filter((h) => h.endsAt < now).reverse().slice(0, 10);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('myHearingsTitle')}</h1>
      <p className="mt-1 text-stone-700">{t('myHearingsIntro')}</p>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <section aria-labelledby="upcoming-h">
            <h2 id="upcoming-h" className="text-lg font-semibold">{t('upcoming')}</h2>
            {upcoming.length === 0 ? <p className="mt-2 text-stone-700">{t('noUpcoming')}</p> : <HearingCards items={upcoming} timeZone={j.timeZone} hrefBase="/board/hearings" showParticipant viewerId={actor.userId} testId="my-hearings" />}
          </section>
          <section aria-labelledby="past-h" className="mt-8">
            <h2 id="past-h" className="text-lg font-semibold">{t('past')}</h2>
            {past.length === 0 ? <p className="mt-2 text-stone-700">{t('noPast')}</p> : <HearingCards items={past} timeZone={j.timeZone} hrefBase="/board/hearings" showParticipant viewerId={actor.userId} />}
          </section>
        </div>
        <aside>
          <section aria-labelledby="feed-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="feed-h" className="text-lg font-semibold">{t('feedTitle')}</h2>
            <div className="mt-2">
              <FeedPanel action={calendarFeedAction} active={!!feed} labels={{ intro: t('feedIntro'), create: t('feedCreate'), replace: t('feedReplace'), revoke: t('feedRevoke'), copyHint: t('feedCopyHint'), activeNote: t('feedActive'), revoked: t('feedRevoked'), urlLabel: t('feedUrl') }} />
            </div>
          </section>
        </aside>
      </div>
    </>
  );
}
