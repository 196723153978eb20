import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/scheduling/action-form';
import { ExceptionForm } from '@/components/scheduling/exception-form';
import { weekdayNames } from '@/components/scheduling/present';
import { WeeklyAvailabilityForm } from '@/components/scheduling/weekly-availability-form';
import { getDb } from '@/db/client';
import { getMyAvailability } from '@/db/queries/volunteers';
import { formatClock } from '@/lib/domain/local-time';
import { requireActor } from '@/lib/auth/session';
import { addExceptionAction, removeExceptionAction, setWeeklyAvailabilityAction } from './actions';

export const metadata: Metadata = { title: 'My availability' };

export default async function MyAvailabilityPage() {
  const actor = await requireActor(['volunteer']);
  const a = await getMyAvailability(await getDb(), actor);
  const t = await getTranslations('scheduling');
  const format = await getFormatter();
  const names = await weekdayNames();
  const initial: Record<number, { start: string; end: string }[]> = {};
  for (const w of a.weekly) (initial[w.weekday] ??= []).push({ start: formatClock(w.startMinute), end: w.endMinute === 1440 ? '00:00' : formatClock(w.endMinute) });
  const order = [1, 2, 3, 4, 5, 6, 0].map((d) => [d, names[d]] as [number, string]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('availabilityTitle')}</h1>
      <p className="mt-1 text-stone-700">{t('availabilityIntro', { zone: a.timeZone })}</p>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="weekly-h" className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="weekly-h" className="text-lg font-semibold">{t('weeklyTitle')}</h2>
          <div className="mt-3">
            <WeeklyAvailabilityForm action={setWeeklyAvailabilityAction} days={order} initial={initial} labels={{ from: t('from'), to: t('to'), second: t('secondWindow'), submit: t('saveWeekly'), saved: t('weeklySaved'), hint: t('weeklyHint') }} />
          </div>
        </section>
        <section aria-labelledby="exceptions-h" className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="exceptions-h" className="text-lg font-semibold">{t('exceptionsTitle')}</h2>
          {a.exceptions.length === 0 ? (
            <p className="mt-2 text-stone-700">{t('noExceptions')}</p>
          ) : (
            <ul className="mt-2 divide-y divide-stone-200">
              {a.exceptions.map((e) => (
                <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{format.dateTime(new Date(`${e.date}T12:00:00Z`), { dateStyle: 'full', timeZone: 'UTC' })}</span>
                    <span className="block text-sm text-stone-700">
                      {e.kind === 'unavailable' ? t('exOff') : t('exExtra')}
                      {e.startMinute !== null && e.endMinute !== null ? ` · ${formatClock(e.startMinute)}–${formatClock(e.endMinute)}` : ` · ${t('allDay')}`}
                      {e.note ? ` · ${e.note}` : ''}
                    </span>
                  </span>
                  <ActionForm action={removeExceptionAction} hidden={{ id: e.id }} submit={t('remove')} buttonClassName="!px-3 !py-1.5 text-sm" />
                </li>
              ))}
            </ul>
          )}
          <h3 className="mt-4 font-medium">{t('addException')}</h3>
          <div className="mt-2">
            <ExceptionForm action={addExceptionAction} labels={{ date: t('exDate'), kind: t('exKind'), off: t('exOff'), extra: t('exExtra'), allDay: t('allDay'), from: t('from'), to: t('to'), note: t('exNote'), submit: t('exSubmit'), saved: t('exSaved') }} />
          </div>
        </section>
      </div>
    </>
  );
}
