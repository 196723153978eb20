import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listBoards } from '@/db/queries/boards';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Boards' };

export default async function BoardsPage() {
  const actor = await requireActor(['coordinator', 'prosecutor']);
  const boards = await listBoards(await getDb(), actor);
  const t = await getTranslations('boards');
  const tc = await getTranslations('common');
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {boards.map((b) => (
          <li key={b.id} className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="text-lg font-semibold">{b.name}</h2>
            <p className="text-sm text-stone-600">
              {t('members', { count: b.members })} · {t('capacity', { count: b.monthlyCapacity })} · {t('language', { language: b.language === 'es' ? tc('spanish') : tc('english') })}
            </p>
            {b.areas.length > 0 && (
              <>
                <h3 className="mt-3 text-sm font-medium">{t('areas')}</h3>
                <p className="text-sm text-stone-700">{[...new Set(b.areas.map((a) => a.neighborhood))].join(', ')}</p>
                <p className="text-xs text-stone-500">{b.areas.map((a) => a.zip).join(' ')}</p>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
