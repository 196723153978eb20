import { getFormatter, getTranslations } from 'next-intl/server';
import type { getCaseClosure } from '@/db/queries/case-closures';

/** Participant portal: what the closed case means for their record, in plain language (no staff notes). */
export async function ParticipantRecordStatus({ closure: loaded, timeZone }: { closure: Awaited<ReturnType<typeof getCaseClosure>>; timeZone: string }) {
  const { closure, record } = loaded;
  if (!closure) return null;
  const t = await getTranslations('outcomes.participant');
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: 'long', timeZone });
  return (
    <section aria-labelledby="record-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="participant-record">
      <h2 id="record-h" className="text-lg font-semibold">{t('title')}</h2>
      <p className="mt-1">
        {record.status === 'closed' ? t('closed', { date: day(record.closedOn) }) : record.closesOn ? t('closesOn', { date: day(record.closesOn) }) : t(`open.${record.reason}`)}
      </p>
    </section>
  );
}
