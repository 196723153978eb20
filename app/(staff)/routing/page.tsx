import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { assignBoardAction, routeAgainAction } from '@/app/(staff)/cases/[caseId]/intake-actions';
import { AssignBoardForm, RouteAgainForm } from '@/components/intake/case-forms';
import { IntakeIntl } from '@/components/intake/intake-intl';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { listBoardsWithLoad, listRoutingQueue } from '@/db/queries/routing';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Routing queue' };

/** Accepted cases no board could take: the coordinator chooses, with the reason shown. */
export default async function RoutingPage() {
  const actor = await requireActor(['coordinator']);
  const db = await getDb();
  const [queue, boards, jurisdiction] = await Promise.all([listRoutingQueue(db, actor), listBoardsWithLoad(db, actor), getMyJurisdiction(db, actor)]);
  const t = await getTranslations('intake.routing');
  const format = await getFormatter();
  const options = boards.map((b) => ({ id: b.id, label: t('boardOption', { name: b.name, load: b.load, capacity: b.monthlyCapacity }) }));
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('queueTitle')}</h1>
      <p className="mt-1 text-stone-700">{t('queueIntro')}</p>
      <h2 className="mt-6 text-lg font-semibold">{t('loadTitle')}</h2>
      <ul className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {boards.map((b) => (
          <li key={b.id} className="rounded-md border border-stone-200 bg-white px-3 py-2 text-sm">
            <span className="font-medium">{b.name}</span>
            <span className="block text-stone-600">{t('load', { load: b.load, capacity: b.monthlyCapacity })}</span>
          </li>
        ))}
      </ul>
      <h2 className="mt-8 text-lg font-semibold">{t('waiting', { count: queue.length })}</h2>
      {queue.length === 0 ? (
        <p className="mt-2 text-stone-700">{t('queueEmpty')}</p>
      ) : (
        <IntakeIntl>
          <ul className="mt-2 space-y-4" data-testid="routing-queue">
            {queue.map((c) => (
              <li key={c.id} className="rounded-lg border border-stone-200 bg-white p-4">
                <Link href={`/cases/${c.id}`} className="font-medium text-brand-800 underline">
                  {c.lastName}, {c.firstName}
                </Link>
                <span className="ml-2 text-sm text-stone-600">
                  {c.externalCaseNumber} · ZIP {c.zip} · {c.preferredLanguage === 'es' ? 'Español' : 'English'} · {t('acceptedOn', { date: format.dateTime(c.statusChangedAt, { dateStyle: 'medium', timeZone: jurisdiction.timeZone }) })}
                </span>
                <p className="mt-1 text-sm text-amber-900">{c.reason ?? t('notRouted')}</p>
                <div className="mt-3 grid gap-4 md:grid-cols-2">
                  <RouteAgainForm action={routeAgainAction} caseId={c.id} version={c.version} />
                  <AssignBoardForm action={assignBoardAction} caseId={c.id} version={c.version} boards={options} currentBoardId={null} submitLabel={t('assign')} />
                </div>
              </li>
            ))}
          </ul>
        </IntakeIntl>
      )}
    </>
  );
}
