import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { listObligationAlerts } from '@/db/queries/agreement-progress';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import { qtyFormatter } from './parts';

/** On the board's dashboard: obligations past due and progress waiting for review, on the volunteer's cases. */
export async function BoardObligationAlerts({ db, actor }: { db: Db; actor: Actor }) {
  const { overdue, pendingReview } = await listObligationAlerts(db, actor);
  const t = await getTranslations('agreements.alerts');
  const qty = await qtyFormatter();
  return (
    <section aria-labelledby="obligation-alerts-h" className="mt-8" data-testid="obligation-alerts">
      <h2 id="obligation-alerts-h" className="text-lg font-semibold">{t('title')}</h2>
      <p className="mt-1 text-stone-700">{t('pending', { count: pendingReview })}</p>
      {overdue.length === 0 ? (
        <p className="mt-2 text-stone-700">{t('none')}</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {overdue.map((o) => (
            <li key={o.itemId} className="rounded-lg border border-red-200 bg-white p-3">
              <Link href={`/board/cases/${o.caseId}`} className="font-medium text-brand-800 underline-offset-2 hover:underline">
                {t('line', { name: `${o.firstName} ${o.lastName}`, title: o.title, due: o.dueOn, remaining: qty(o.unit, o.remaining) })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
