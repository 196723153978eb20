import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listRecentAudit } from '@/db/queries/audit';
import { listUsers } from '@/db/queries/users';
import { requireActor } from '@/lib/auth/session';
import { toggleUserActiveFormAction } from './actions';

export const metadata: Metadata = { title: 'Accounts' };

export default async function AdminHome() {
  const actor = await requireActor(['admin']);
  const db = await getDb();
  const [accounts, audit] = await Promise.all([listUsers(db, actor), listRecentAudit(db, actor, 30)]);
  const t = await getTranslations('admin');
  const tc = await getTranslations('common');
  const format = await getFormatter();
  const utc = (d: Date) => format.dateTime(d, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'UTC' });
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <div className="mt-4 overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('title')}</caption>
          <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">{t('colName')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('colEmail')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('colRole')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('colLastSignIn')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('colStatus')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {accounts.map((u) => (
              <tr key={u.id}>
                <td className="px-3 py-2 font-medium">
                  <Link href={`/admin/users/${u.id}`} className="text-brand-700 underline">
                    {u.name}
                  </Link>
                </td>
                <td className="px-3 py-2">{u.email}</td>
                <td className="px-3 py-2">{tc(`roles.${u.role}`)}</td>
                <td className="px-3 py-2 tabular-nums">{u.lastSignInAt ? utc(u.lastSignInAt) : t('never')}</td>
                <td className="px-3 py-2">
                  <form action={toggleUserActiveFormAction} className="flex items-center gap-2">
                    <span className={u.active ? 'text-green-800' : 'text-red-800'}>{u.active ? t('active') : t('disabled')}</span>
                    {u.id !== actor.userId && (
                      <>
                        <input type="hidden" name="userId" value={u.id} />
                        <input type="hidden" name="active" value={u.active ? 'false' : 'true'} />
                        <button type="submit" className="rounded border border-stone-300 px-2 py-1 text-xs font-medium hover:bg-stone-100" aria-label={`${u.active ? t('disable') : t('enable')} ${u.email}`}>
                          {u.active ? t('disable') : t('enable')}
                        </button>
                      </>
                    )}
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="mt-8 text-lg font-semibold">{t('auditTitle')}</h2>
      <div className="mt-2 overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('auditTitle')}</caption>
          <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">{t('colWhen')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('colWho')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('colAction')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('colOutcome')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {audit.map((a) => (
              <tr key={a.id}>
                <td className="px-3 py-2 tabular-nums">{utc(a.occurredAt)}</td>
                <td className="px-3 py-2">{a.actorEmail ?? '—'}</td>
                <td className="px-3 py-2 font-mono text-xs">{a.action}{a.entityType ? ` · ${a.entityType}` : ''}</td>
                <td className="px-3 py-2">{a.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
