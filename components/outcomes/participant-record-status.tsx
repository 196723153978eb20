import { getFormatter, getTranslations } from 'next-intl/server';
import { getCaseClosure } from '@/db/queries/case-closures';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';

/** Participant portal: what the closed case means for their record, in plain language (no staff notes). */
export async function ParticipantRecordStatus({ db, actor, caseId, timeZone }: { db: Db; actor: Actor; caseId: string; timeZone: string }) {
  const { closure, record } = await getCaseClosure(db, actor, caseId);
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
