import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { reasonKey } from '@/components/notify/notice-labels';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { listFailingContacts } from '@/db/queries/outbox';
import { requireActor } from '@/lib/auth/session';
import { displayPhone } from '@/lib/notify/phone';
import { DataTable } from '@/components/ui/data-table';

export const metadata: Metadata = { title: 'Delivery problems' };

/** Coordinators: the people notices cannot reach, with the case to open to fix it. */
export default async function DeliveryProblemsPage() {
  const actor = await requireActor(['coordinator']);
  const db = await getDb();
  const [rows, jurisdiction] = await Promise.all([listFailingContacts(db, actor), getMyJurisdiction(db, actor)]);
  const t = await getTranslations('notify');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: jurisdiction.timeZone });
  const person = (r: (typeof rows)[number]) => `${r.recipientName}${r.onBehalfOf ? ` (${t('recipientFor', { name: r.onBehalfOf })})` : ''}`;
  const addr = (r: (typeof rows)[number]) => (r.toAddress ? (r.channel === 'sms' ? displayPhone(r.toAddress) : r.toAddress) : '—');
  const problem = (r: (typeof rows)[number]) => t(`reason.${reasonKey(r.lastErrorCode) ?? 'other'}`);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('failing.title')}</h1>
      <p className="mt-1 max-w-3xl text-stone-700">{t('failing.intro')}</p>
      {rows.length === 0 ? (
        <p className="mt-6 text-stone-700">{t('failing.none')}</p>
      ) : (
        <>
          <ul className="mt-4 space-y-2 md:hidden" data-testid="failing-cards">
            {rows.map((r) => (
              <li key={r.id} className="rounded-lg border border-stone-200 bg-white p-3">
                <p className="font-medium">{person(r)}</p>
                <p className="text-sm">{t(`channel.${r.channel}`)} · <span className="break-all">{addr(r)}</span></p>
                <p className="text-sm text-red-800">{problem(r)}</p>
                {r.lastError && <p className="break-words text-xs text-stone-600">{r.lastError}</p>}
                <p className="text-sm text-stone-600">{when(r.updatedAt)}</p>
                {r.caseId && (
                  <Link href={`/cases/${r.caseId}`} className="mt-1 inline-block text-sm font-medium text-brand-800 underline" aria-label={t('failing.openCaseLabel', { name: r.recipientName })}>
                    {t('failing.openCase')}
                  </Link>
                )}
              </li>
            ))}
          </ul>
          <DataTable caption={t('failing.title')} className="mt-4 hidden md:block" heads={[t('failing.colPerson'), t('failing.colChannel'), t('failing.colAddress'), t('failing.colProblem'), t('failing.colWhen'), <><span className="sr-only">{t('failing.openCase')}</span></>]}>
                {rows.map((r) => (
                  <tr key={r.id} className="align-top">
                    <td className="px-3 py-2 font-medium">{person(r)}</td>
                    <td className="px-3 py-2">{t(`channel.${r.channel}`)}</td>
                    <td className="px-3 py-2 break-all">{addr(r)}</td>
                    <td className="px-3 py-2">
                      <span className="text-red-800">{problem(r)}</span>
                      {r.lastError && <span className="block text-xs text-stone-600">{r.lastError}</span>}
                    </td>
                    <td className="px-3 py-2 tabular-nums">{when(r.updatedAt)}</td>
                    <td className="px-3 py-2">
                      {r.caseId && (
                        <Link href={`/cases/${r.caseId}`} className="font-medium text-brand-800 underline" aria-label={t('failing.openCaseLabel', { name: r.recipientName })}>
                          {t('failing.openCase')}
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
          </DataTable>
        </>
      )}
    </>
  );
}
