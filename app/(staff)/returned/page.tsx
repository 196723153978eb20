import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { FinalActionForm } from '@/components/outcomes/outcome-forms';
import { getDb } from '@/db/client';
import { listReturnedQueue } from '@/db/queries/case-closures';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { requireActor } from '@/lib/auth/session';
import { finalActions } from '@/lib/domain/record-status';
import { recordFinalActionAction } from './actions';

export const metadata: Metadata = { title: 'Returned cases' };
export const dynamic = 'force-dynamic';

/** Prosecutors: unsuccessful and withdrawn cases waiting for the office's final action. */
export default async function ReturnedQueuePage() {
  const actor = await requireActor(['prosecutor']);
  const db = await getDb();
  const [rows, jurisdiction] = await Promise.all([listReturnedQueue(db, actor), getMyJurisdiction(db, actor)]);
  const t = await getTranslations('outcomes.closure');
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeZone: jurisdiction.timeZone });
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('queueTitle')}</h1>
      <p className="mt-1 max-w-3xl text-stone-700">{t('queueIntro')}</p>
      {rows.length === 0 ? (
        <p className="mt-6 text-stone-700">{t('queueEmpty')}</p>
      ) : (
        <ul className="mt-4 space-y-4" data-testid="returned-queue">
          {rows.map((r) => (
            <li key={r.caseId} className="rounded-lg border border-stone-200 bg-white p-4">
              <h2 className="text-lg font-semibold">
                <Link href={`/cases/${r.caseId}`} className="text-brand-800 underline">{r.externalCaseNumber}</Link> · {r.firstName} {r.lastName}
              </h2>
              <p className="text-sm">
                {t(`outcomes.${r.outcome}`)}
                {r.reasonCode && ` — ${t(`reasons.${r.reasonCode}`)}`} · {day(r.closedAt)}
              </p>
              <p className="mt-1 whitespace-pre-wrap text-sm text-stone-800">{r.summary}</p>
              <FinalActionForm
                action={recordFinalActionAction}
                caseId={r.caseId}
                version={r.version}
                actions={finalActions.map((a) => ({ value: a, label: t(`actions.${a}`) }))}
                labels={{ action: t('finalAction'), window: t('window'), windowHint: t('windowHint'), note: t('note'), submit: t('record'), saved: t('recorded') }}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
