import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listCaseHearings } from '@/db/queries/hearings';
import type { Actor } from '@/lib/auth/actor';
import { HearingStatusBadge } from './hearing-status';

/** The case page's hearings box: what is booked, and the way to the scheduling screen. */
export async function CaseHearingsCard({ actor, caseId, timeZone, scheduleHref, runSheetBase, canSchedule }: { actor: Actor; caseId: string; timeZone: string; scheduleHref: string; runSheetBase: string; canSchedule: boolean }) {
  const items = await listCaseHearings(await getDb(), actor, caseId);
  const t = await getTranslations('scheduling');
  const format = await getFormatter();
  return (
    <section aria-labelledby="case-hearings-h" className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="case-hearings-h" className="text-lg font-semibold">{t('hearingsTitle')}</h2>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-stone-700">{t('noHearings')}</p>
      ) : (
        <ul className="mt-2 space-y-2 text-sm">
          {items.map((h) => (
            <li key={h.id}>
              <Link href={`${runSheetBase}/${h.id}`} className="font-medium text-brand-800 underline">{format.dateTime(h.startsAt, { dateStyle: 'medium', timeStyle: 'short', timeZone })}</Link>
              <span className="block text-stone-700">{t(`kind.${h.kind}`)} · {h.venueName}</span>
              <HearingStatusBadge status={h.status} label={t(`hearingStatus.${h.status}`)} />
            </li>
          ))}
        </ul>
      )}
      {canSchedule && <Link href={scheduleHref} className="mt-3 inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">{t('openScheduling')}</Link>}
    </section>
  );
}
