import { getFormatter, getTranslations } from 'next-intl/server';
import { assignBoardAction, overrideScreeningAction, recordOfferAnswerAction, returnIneligibleAction, routeAgainAction } from '@/app/(staff)/cases/[caseId]/intake-actions';
import { getDb } from '@/db/client';
import { getOpenOffer } from '@/db/queries/offers';
import { listBoardsWithLoad } from '@/db/queries/routing';
import { getScreening } from '@/db/queries/screening';
import type { Actor } from '@/lib/auth/actor';
import type { CriterionOutcome } from '@/lib/domain/eligibility';
import { can } from '@/lib/permissions';
import { AssignBoardForm, OfferAnswerForm, OverrideForm, ReturnIneligibleForm, RouteAgainForm } from './case-forms';
import { IntakeIntl } from './intake-intl';

const resultTone: Record<CriterionOutcome, string> = {
  met: 'bg-red-50 text-red-800 ring-red-200',
  not_met: 'bg-green-50 text-green-800 ring-green-200',
  unknown: 'bg-amber-50 text-amber-900 ring-amber-300',
};
const decisionTone = { eligible: 'text-green-800', ineligible: 'text-red-800', needs_review: 'text-amber-900' } as const;

/**
 * The intake panels of a case page: the screening decision (criteria, evidence, history and the
 * prosecutor's override), the open offer (the coordinator records the answer), and the board
 * (the coordinator routes, or reassigns with a reason).
 */
export async function CaseIntakePanels({ actor, caseId, timeZone, currentBoardId }: { actor: Actor; caseId: string; timeZone: string; currentBoardId: string | null }) {
  const db = await getDb();
  const [s, offer, boards] = await Promise.all([getScreening(db, actor, caseId), getOpenOffer(db, actor, caseId), can(actor.role, 'routing.manage') ? listBoardsWithLoad(db, actor) : Promise.resolve([])]);
  const t = await getTranslations('intake');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const d = s.current;
  const overrideChoices = ({ referred: ['eligible', 'ineligible'], needs_review: ['eligible', 'ineligible'], ineligible: ['eligible'], eligible: ['ineligible'] } as Record<string, ('eligible' | 'ineligible')[]>)[s.caseStatus] ?? [];
  const routable = ['accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress'].includes(s.caseStatus);
  return (
    <IntakeIntl>
      <section aria-labelledby="screening-h" className="rounded-lg border border-stone-200 bg-white p-4" data-testid="screening-panel">
        <h2 id="screening-h" className="text-lg font-semibold">
          {t('screening.title')}
        </h2>
        {!d ? (
          <p className="mt-2 text-stone-700">{t('screening.none')}</p>
        ) : (
          <>
            <p className={`mt-2 text-lg font-semibold ${decisionTone[d.decision]}`} data-testid="screening-decision">
              {t(`screening.decision.${d.decision}`)}
            </p>
            <p className="text-sm text-stone-600">
              {t(d.source === 'override' ? 'screening.byProsecutor' : 'screening.byPolicy', { version: d.policyVersion, when: when(d.createdAt) })}
            </p>
            <p className="mt-2">{d.reason}</p>
            {d.results.length > 0 && (
              <>
                <h3 className="mt-4 font-medium">{t('screening.criteria')}</h3>
                <ul className="mt-2 space-y-2">
                  {d.results.map((r) => (
                    <li key={r.kind} className="rounded-md border border-stone-100 p-2">
                      <div className="flex flex-wrap items-center justify-between gap-2">
                        <span className="font-medium">{t(`criterion.${r.kind}`)}</span>
                        <span className={`rounded-full px-2 py-0.5 text-sm font-medium ring-1 ring-inset ${resultTone[r.result]}`}>{t(`screening.result.${r.result}`)}</span>
                      </div>
                      <p className="mt-1 text-sm text-stone-700">
                        <span className="sr-only">{t('screening.evidence')}: </span>
                        {r.evidence}
                      </p>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {s.history.length > 1 && (
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer font-medium">{t('screening.history', { count: s.history.length })}</summary>
                <ol className="mt-2 space-y-1">
                  {s.history.map((h) => (
                    <li key={h.id}>
                      <span className="tabular-nums text-stone-600">{when(h.createdAt)}</span> — {t(`screening.decision.${h.decision}`)} ({t(h.source === 'override' ? 'screening.sourceOverride' : 'screening.sourceEngine', { version: h.policyVersion })}): {h.reason}
                    </li>
                  ))}
                </ol>
              </details>
            )}
          </>
        )}
        {can(actor.role, 'screening.override') && overrideChoices.length > 0 && (
          <div className="mt-4 border-t border-stone-200 pt-4">
            <h3 className="font-medium">{s.caseStatus === 'needs_review' || s.caseStatus === 'referred' ? t('screening.decideTitle') : t('screening.overrideTitle')}</h3>
            <div className="mt-2">
              <OverrideForm action={overrideScreeningAction} caseId={caseId} version={s.caseVersion} choices={overrideChoices} />
            </div>
            {s.caseStatus === 'ineligible' && (
              <div className="mt-3">
                <p className="mb-2 text-sm text-stone-700">{t('screening.returnIntro')}</p>
                <ReturnIneligibleForm action={returnIneligibleAction} caseId={caseId} version={s.caseVersion} />
              </div>
            )}
          </div>
        )}
      </section>

      {offer && (
        <section aria-labelledby="offer-h" className="rounded-lg border border-stone-200 bg-white p-4" data-testid="offer-panel">
          <h2 id="offer-h" className="text-lg font-semibold">
            {t('offer.title')}
          </h2>
          <p className="mt-2">{t('offer.deadline', { date: when(offer.deadlineAt) })}</p>
          {can(actor.role, 'offer.respond') && (
            <div className="mt-3">
              <p className="mb-2 text-sm text-stone-700">{t('offer.onBehalf')}</p>
              <OfferAnswerForm action={recordOfferAnswerAction} caseId={caseId} version={offer.caseVersion} />
            </div>
          )}
        </section>
      )}

      {routable && can(actor.role, 'routing.manage') && (
        <section aria-labelledby="route-h" className="rounded-lg border border-stone-200 bg-white p-4" data-testid="routing-panel">
          <h2 id="route-h" className="text-lg font-semibold">
            {s.caseStatus === 'accepted' ? t('routing.chooseTitle') : t('routing.reassignTitle')}
          </h2>
          {s.caseStatus === 'accepted' && (
            <div className="mt-2">
              <RouteAgainForm action={routeAgainAction} caseId={caseId} version={s.caseVersion} />
            </div>
          )}
          <div className="mt-3">
            <AssignBoardForm
              action={assignBoardAction}
              caseId={caseId}
              version={s.caseVersion}
              currentBoardId={currentBoardId}
              boards={boards.map((b) => ({ id: b.id, label: t('routing.boardOption', { name: b.name, load: b.load, capacity: b.monthlyCapacity }) }))}
              submitLabel={s.caseStatus === 'accepted' ? t('routing.assign') : t('routing.reassign')}
            />
          </div>
        </section>
      )}
    </IntakeIntl>
  );
}
