import { and, eq } from 'drizzle-orm';
import { getTranslations } from 'next-intl/server';
import { declareConflictAction } from '@/app/(board)/board/availability/actions';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { boardMemberships } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ActionForm } from './action-form';
import { CaseHearingsCard } from './case-hearings-card';

/** On a volunteer's case page: the hearings (the chair can schedule) and "I have a conflict". */
export async function VolunteerCasePanel({ actor, caseId, boardId }: { actor: Actor; caseId: string; boardId: string | null }) {
  const db = await getDb();
  const [j, chair] = await Promise.all([
    getMyJurisdiction(db, actor),
    boardId
      ? db.select({ id: boardMemberships.id }).from(boardMemberships).where(and(eq(boardMemberships.boardId, boardId), eq(boardMemberships.userId, actor.userId), eq(boardMemberships.role, 'chair'), eq(boardMemberships.active, true)))
      : Promise.resolve([]),
  ]);
  const t = await getTranslations('scheduling');
  return (
    <div className="mt-6 grid gap-6 md:grid-cols-2">
      <CaseHearingsCard actor={actor} caseId={caseId} timeZone={j.timeZone} scheduleHref={`/board/cases/${caseId}/schedule`} runSheetBase="/board/hearings" canSchedule={chair.length > 0} />
      <section aria-labelledby="conflict-h" className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="conflict-h" className="text-lg font-semibold">{t('declareTitle')}</h2>
        <p className="mt-1 text-sm text-stone-700">{t('declareIntro')}</p>
        <ActionForm action={declareConflictAction} hidden={{ caseId }} submit={t('declareSubmit')} success={t('declared')} className="mt-3">
          <label htmlFor="conflict-kind" className="block font-medium">{t('declareKind')}</label>
          <select id="conflict-kind" name="kind" className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2">
            {(['knows', 'relative', 'neighbor', 'other'] as const).map((k) => <option key={k} value={k}>{t(`conflictKind.${k}`)}</option>)}
          </select>
          <label htmlFor="conflict-note" className="block font-medium">{t('declareNote')}</label>
          <input id="conflict-note" name="note" maxLength={500} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2" />
        </ActionForm>
      </section>
    </div>
  );
}
