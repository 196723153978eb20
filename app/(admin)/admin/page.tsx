import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listRecentAudit } from '@/db/queries/audit';
import { listUsers } from '@/db/queries/users';
import { requireActor } from '@/lib/auth/session';
import { toggleUserActiveFormAction } from './actions';
import { DataTable } from '@/components/ui/data-table';

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
      <DataTable caption={t('title')} className="mt-4" heads={[t('colName'), t('colEmail'), t('colRole'), t('colLastSignIn'), t('colStatus')]}>
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
      </DataTable>
      <h2 className="mt-8 text-lg font-semibold">{t('auditTitle')}</h2>
      <DataTable caption={t('auditTitle')} className="mt-2" heads={[t('colWhen'), t('colWho'), t('colAction'), t('colOutcome')]}>
            {audit.map((a) => (
              <tr key={a.id}>
                <td className="px-3 py-2 tabular-nums">{utc(a.occurredAt)}</td>
                <td className="px-3 py-2">{a.actorEmail ?? '—'}</td>
                <td className="px-3 py-2 font-mono text-xs">{a.action}{a.entityType ? ` · ${a.entityType}` : ''}</td>
                <td className="px-3 py-2">{a.outcome}</td>
              </tr>
            ))}
      </DataTable>
    </>
  );
}
