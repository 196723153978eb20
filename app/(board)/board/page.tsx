import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { BoardObligationAlerts } from '@/components/agreements/board-obligation-alerts';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db/client';
import { listMyBoards } from '@/db/queries/boards';
import { listCases } from '@/db/queries/cases';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'My board' };

export default async function VolunteerHome() {
  const actor = await requireActor(['volunteer']);
  const db = await getDb();
  const [boards, page] = await Promise.all([listMyBoards(db, actor), listCases(db, actor, { group: 'active', limit: 50 })]);
  const t = await getTranslations('board');
  const tc = await getTranslations('cases');
  const ts = await getTranslations('status');
  const format = await getFormatter();
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 text-stone-700">{t('intro')}</p>
      <section aria-labelledby="boards-h" className="mt-6">
        <h2 id="boards-h" className="text-lg font-semibold">{t('myBoards')}</h2>
        <ul className="mt-2 flex flex-wrap gap-3">
          {boards.map((b) => (
            <li key={b.id} className="rounded-lg border border-stone-200 bg-white px-4 py-3">
              <span className="font-medium">{b.name}</span>
              <span className="block text-sm text-stone-600">
                {b.role === 'chair' ? t('chair') : t('member')} · {t('term', { date: format.dateTime(new Date(`${b.termEnd}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }) })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="cases-h" className="mt-8">
        <h2 id="cases-h" className="text-lg font-semibold">{t('casesTitle')}</h2>
        {page.items.length === 0 ? (
          <p className="mt-2 text-stone-700">{t('empty')}</p>
        ) : (
          <ul className="mt-2 space-y-2" data-testid="volunteer-cases">
            {page.items.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-3 rounded-lg border border-stone-200 bg-white p-3">
                <Link href={`/board/cases/${c.id}`} className="font-medium text-brand-800 underline-offset-2 hover:underline">
                  {c.firstName} {c.lastName}
                </Link>
                <StatusBadge status={c.status} label={ts(c.status)} />
                <span className="text-sm text-stone-600">{c.boardName ?? tc('unassigned')}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <BoardObligationAlerts db={db} actor={actor} />
    </>
  );
}
