import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AdminActionForm } from '@/components/auth/admin-action-form';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { getUserForAdmin } from '@/db/queries/users';
import { roleEnum } from '@/db/schema';
import { requireActor } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { endSessionsAction, resetPasswordAction, resetTwoFactorAction, setUserRoleAction } from '../../actions';

export const metadata: Metadata = { title: 'Account' };

export default async function AdminUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requireActor(['admin']);
  const { userId } = await params;
  const db = await getDb();
  const [u, jurisdiction] = await Promise.all([
    getUserForAdmin(db, actor, userId).catch((err) => {
      if (err instanceof NotFoundError) notFound();
      throw err;
    }),
    getMyJurisdiction(db, actor),
  ]);
  const t = await getTranslations('adminAccount');
  const ta = await getTranslations('admin');
  const tc = await getTranslations('common');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: jurisdiction.timeZone });
  const self = u.id === actor.userId;
  return (
    <div className="max-w-2xl space-y-6">
      <Link href="/admin" className="text-sm text-brand-700 underline">
        {t('back')}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">{u.name}</h1>
        <p className="text-stone-700">
          {u.email} · {tc(`roles.${u.role}`)}
        </p>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-stone-600">{t('status')}</dt>
          <dd>{u.active ? ta('active') : ta('disabled')}</dd>
        </div>
        <div>
          <dt className="text-sm text-stone-600">{ta('colLastSignIn')}</dt>
          <dd>{u.lastSignInAt ? when(u.lastSignInAt) : ta('never')}</dd>
        </div>
        <div>
          <dt className="text-sm text-stone-600">{t('twoFactor')}</dt>
          <dd>{u.totpEnabledAt ? t('twoFactorOn', { date: when(u.totpEnabledAt) }) : t('twoFactorOff')}</dd>
        </div>
        {(u.locked || u.mustChangePassword) && (
          <div className="sm:col-span-2 text-amber-900">
            {u.locked && <p>{t('locked', { date: when(u.lockedUntil!) })}</p>}
            {u.mustChangePassword && <p>{t('mustChange')}</p>}
          </div>
        )}
      </dl>
      {self ? (
        <p className="text-stone-700">
          {t('self')}{' '}
          <Link href="/account" className="text-brand-700 underline">
            /account
          </Link>
        </p>
      ) : (
        <>
          <section aria-labelledby="role-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="role-h" className="text-lg font-semibold">{t('roleTitle')}</h2>
            <p id="role-help" className="mt-1 text-sm text-stone-600">{t('roleHelp')}</p>
            <div className="mt-3">
              <AdminActionForm
                action={setUserRoleAction}
                hidden={{ userId: u.id, version: String(u.version) }}
                helpId="role-help"
                select={{ name: 'role', label: t('roleTitle'), value: u.role, options: roleEnum.enumValues.map((r) => ({ value: r, label: tc(`roles.${r}`) })) }}
                submit={t('roleSubmit')}
                success={t('roleChanged')}
              />
            </div>
          </section>
          <section aria-labelledby="pw-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="pw-h" className="text-lg font-semibold">{t('resetPasswordTitle')}</h2>
            <p className="mt-1 text-sm text-stone-600">{t('resetPasswordHelp')}</p>
            <div className="mt-3">
              <AdminActionForm action={resetPasswordAction} hidden={{ userId: u.id }} submit={t('resetPasswordSubmit')} success={t.raw('temporaryPassword') as string} />
            </div>
          </section>
          <section aria-labelledby="tf-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="tf-h" className="text-lg font-semibold">{t('resetTwoFactorTitle')}</h2>
            <p className="mt-1 text-sm text-stone-600">{t('resetTwoFactorHelp')}</p>
            <div className="mt-3">
              <AdminActionForm action={resetTwoFactorAction} hidden={{ userId: u.id }} submit={t('resetTwoFactorSubmit')} success={t('twoFactorReset')} tone="danger" />
            </div>
          </section>
          <section aria-labelledby="se-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="se-h" className="text-lg font-semibold">{t('endSessionsTitle')}</h2>
            <p className="mt-1 text-sm text-stone-600">{t('endSessionsHelp')}</p>
            <div className="mt-3">
              <AdminActionForm action={endSessionsAction} hidden={{ userId: u.id }} submit={t('endSessionsSubmit')} success={t('sessionsEnded')} tone="danger" />
            </div>
          </section>
        </>
      )}
    </div>
  );
}
