import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { FormMessage } from '@/components/ui/field';
import { requireActor } from '@/lib/auth/session';
import { changePasswordAction } from '../actions';

export const metadata: Metadata = { title: 'Change password' };

export default async function ChangePasswordPage() {
  const actor = await requireActor(undefined, { passwordChangeScreen: true });
  const t = await getTranslations('account.password');
  return (
    <div className="max-w-xl">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      {actor.mustChangePassword && (
        <div className="mt-4">
          <FormMessage message={t('required')} />
        </div>
      )}
      <p className="mt-3 text-stone-700">{t('intro')}</p>
      <p className="mt-1 text-sm text-stone-600">{t('afterwards')}</p>
      <div className="mt-6">
        <ChangePasswordForm
          action={changePasswordAction}
          labels={{ current: t('current'), next: t('new'), nextHelp: t('newHelp'), confirm: t('confirm'), submit: t('submit'), submitting: t('submitting') }}
        />
      </div>
    </div>
  );
}
