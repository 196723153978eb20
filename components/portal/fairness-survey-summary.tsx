import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { fairnessSurveyByBoard } from '@/db/queries/portal';
import type { Actor } from '@/lib/auth/actor';
import { SURVEY_QUESTIONS } from '@/lib/domain/fairness-survey';

/** Dashboard: fairness survey averages by board, boards under 11 answers suppressed. */
export async function FairnessSurveySummary({ actor, filter }: { actor: Actor; filter: { from?: string; to?: string; boardId?: string } }) {
  const rows = await fairnessSurveyByBoard(await getDb(), actor, filter);
  const t = await getTranslations('fairnessSurvey');
  const format = await getFormatter();
  if (rows.length === 0) return <p className="text-stone-700">{t('none')}</p>;
  // Boards under 11 answers are counted, not listed: a state-size program has hundreds of boards,
  // and a row per board saying "not shown" would be most of the page.
  const shown = rows.filter((r) => r.n !== null);
  const hidden = rows.length - shown.length;
  return (
    <>
      <p className="text-sm text-stone-700">{t('intro')}</p>
      {hidden > 0 && <p className="mt-1 text-sm text-stone-700" data-testid="survey-hidden">{t('hiddenBoards', { n: hidden })}</p>}
      {shown.length > 0 && (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="survey-table">
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-1 pr-2">{t('board')}</th>
                <th scope="col" className="py-1 pr-2">{t('responses')}</th>
                {SURVEY_QUESTIONS.map((q) => (
                  <th key={q} scope="col" className="py-1 pr-2">{t(`q.${q}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.boardId} className="border-b border-stone-100">
                  <th scope="row" className="py-1 pr-2 font-medium">{r.boardName}</th>
                  <td className="py-1 pr-2">{format.number(r.n!)}</td>
                  {SURVEY_QUESTIONS.map((q) => (
                    <td key={q} className="py-1 pr-2">{r.averages ? format.number(r.averages[q], { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
