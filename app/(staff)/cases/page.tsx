import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db/client';
import { caseListFilterSchema } from '@/db/queries/cases';
import { caseListPageData } from '@/db/queries/page-data';
import { requireActor } from '@/lib/auth/session';
import { caseStatuses } from '@/lib/domain/case-lifecycle';
import { DataTable } from '@/components/ui/data-table';

export const metadata: Metadata = { title: 'Cases' };

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(['coordinator', 'prosecutor']);
  const sp = await searchParams;
  const parsed = caseListFilterSchema.safeParse({ status: sp.status, group: sp.group, cursor: sp.cursor });
  const filter = parsed.success ? parsed.data : { limit: 25 };
  const db = await getDb();
  const { jurisdiction, page, counts } = await caseListPageData(db, actor, filter);
  const [t, ts, tc, format] = await Promise.all([getTranslations('cases'), getTranslations('status'), getTranslations('common'), getFormatter()]);
  const total = Object.values(counts).reduce((s, n) => s + (n ?? 0), 0);
  const filterLink = (q: Record<string, string>) => `/cases${Object.keys(q).length ? `?${new URLSearchParams(q)}` : ''}`;
  const active = (q: { status?: string; group?: string }) => (filter.status ?? '') === (q.status ?? '') && (filter.group ?? '') === (q.group ?? '');
  const chips: { label: string; q: Record<string, string>; n?: number }[] = [
    { label: t('all'), q: {}, n: total },
    ...caseStatuses.filter((s) => counts[s]).map((s) => ({ label: ts(s), q: { status: s }, n: counts[s] })),
  ];
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">{t('title')}</h1>
          <p className="text-stone-600">{t('subtitle', { jurisdiction: jurisdiction.name })}</p>
        </div>
      </div>
      <nav aria-label={t('filterLabel')} className="mt-4">
        <ul className="flex flex-wrap gap-2">
          {chips.map((c) => (
            <li key={c.label}>
              <Link
                href={filterLink(c.q)}
                aria-current={active(c.q) ? 'true' : undefined}
                className={`inline-block rounded-full border px-3 py-1 text-sm ${active(c.q) ? 'border-brand-700 bg-brand-700 text-white' : 'border-stone-300 bg-white text-stone-800 hover:bg-stone-100'}`}
              >
                {c.label} <span className="tabular-nums opacity-80">{c.n}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {page.items.length === 0 ? (
        <p className="mt-8 text-stone-700">{t('empty')}</p>
      ) : (
        <>
          <p className="sr-only" aria-live="polite">
            {t('showing', { count: page.items.length })}
          </p>
          {/* One table for every width: on phones each row reflows into a card (CSS only), so the
              page renders each case once. */}
          <DataTable caption={t('title')} stackOnPhones heads={[t('colParticipant'), t('colCase'), t('colStatus'), t('colBoard'), t('colReferred')]}>
            {page.items.map((c) => (
              <tr key={c.id}>
                <td className="px-3 py-2 max-md:w-full max-md:pb-0">
                  <Link href={`/cases/${c.id}`} className="font-medium text-brand-800 underline-offset-2 hover:underline">
                    {c.lastName}, {c.firstName}
                  </Link>
                </td>
                <td className="px-3 py-2 tabular-nums">{c.externalCaseNumber}</td>
                <td className="px-3 py-2"><StatusBadge status={c.status} label={ts(c.status)} /></td>
                <td className="px-3 py-2">{c.boardName ?? <span className="text-stone-500">{t('unassigned')}</span>}</td>
                <td className="px-3 py-2 tabular-nums">{format.dateTime(c.referredAt, { dateStyle: 'medium', timeZone: jurisdiction.timeZone })}</td>
              </tr>
            ))}
          </DataTable>
          <div className="mt-4 flex gap-3">
            {filter.cursor && (
              <Link href={filterLink({ ...(filter.status ? { status: filter.status } : {}), ...(filter.group ? { group: filter.group } : {}) })} className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm">
                {tc('first')}
              </Link>
            )}
            {page.nextCursor && (
              <Link
                href={filterLink({ ...(filter.status ? { status: filter.status } : {}), ...(filter.group ? { group: filter.group } : {}), cursor: page.nextCursor })}
                className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm"
              >
                {tc('next')}
              </Link>
            )}
          </div>
        </>
      )}
    </>
  );
}
