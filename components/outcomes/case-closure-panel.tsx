import { getFormatter, getTranslations } from 'next-intl/server';
import { getCaseClosure } from '@/db/queries/case-closures';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import type { CaseStatus } from '@/lib/domain/case-lifecycle';
import { closureOutcomes, unsuccessfulReasons } from '@/lib/domain/record-status';
import { can } from '@/lib/permissions';
import { closeCaseAction } from '@/app/(staff)/cases/[caseId]/outcome-actions';
import { CloseCaseForm } from './outcome-forms';

const closable: CaseStatus[] = ['accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress'];

/** Case page card: how the case ended, the prosecutor's final action, the record status; or the close form. */
export async function CaseClosurePanel({ db, actor, caseId, status, version, timeZone }: { db: Db; actor: Actor; caseId: string; status: CaseStatus; version: number; timeZone: string }) {
  const t = await getTranslations('outcomes.closure');
  const format = await getFormatter();
  const { closure, record } = await getCaseClosure(db, actor, caseId);
  const day = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeZone });
  if (!closure && !(can(actor.role, 'case.close') && closable.includes(status))) return null;
  return (
    <section aria-labelledby="closure-h" className="rounded-lg border border-stone-200 bg-white p-4" data-testid="case-closure">
      <h2 id="closure-h" className="text-lg font-semibold">{t('title')}</h2>
      {closure ? (
        <dl className="mt-2 space-y-1 text-sm">
          <div><dt className="inline font-medium">{t('outcome')}: </dt><dd className="inline">{t(`outcomes.${closure.outcome}`)}</dd></div>
          {closure.reasonCode && <div><dt className="inline font-medium">{t('reason')}: </dt><dd className="inline">{t(`reasons.${closure.reasonCode}`)}</dd></div>}
          {closure.summary && <div><dt className="font-medium">{t('summary')}</dt><dd className="whitespace-pre-wrap">{closure.summary}</dd></div>}
          <div><dt className="inline font-medium">{t('finalAction')}: </dt><dd className="inline">{closure.finalAction ? t(`actions.${closure.finalAction}`) : closure.outcome === 'completed' ? t('noFiling') : t('awaiting')}</dd></div>
          {closure.refileWindowUntil && <div><dt className="inline font-medium">{t('window')}: </dt><dd className="inline">{closure.refileWindowUntil}</dd></div>}
          <div>
            <dt className="inline font-medium">{t('recordStatus')}: </dt>
            <dd className="inline" data-testid="record-status">
              {record.status === 'closed' ? t('recordClosed', { date: day(record.closedOn), citation: record.citation }) : record.closesOn ? t('recordClosesOn', { date: day(record.closesOn) }) : t(`recordOpen.${record.reason}`)}
            </dd>
          </div>
        </dl>
      ) : (
        <div className="mt-3">
          <CloseCaseForm
            action={closeCaseAction}
            caseId={caseId}
            version={version}
            outcomes={closureOutcomes.filter((o) => o !== 'completed' || status === 'in_progress').map((o) => ({ value: o, label: t(`outcomes.${o}`) }))}
            reasons={unsuccessfulReasons.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
            labels={{ outcome: t('outcome'), reason: t('reason'), reasonHint: t('reasonHint'), summary: t('summary'), summaryHint: t('summaryHint'), submit: t('submit'), saved: t('saved') }}
          />
        </div>
      )}
    </section>
  );
}
