import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CodeForm } from '@/components/auth/code-form';
import { FormMessage } from '@/components/ui/field';
import { findUserById } from '@/db/queries/users';
import { getDb } from '@/db/client';
import { verifyPending } from '@/lib/auth/pending';
import { DEMO_TOTP_SECRET } from '@/lib/auth/policy';
import { readPendingCookie } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { verifyCodeAction } from '../../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Enter your code' };

/** Second sign-in step: reached only with a valid "password ok" hand-over cookie. */
export default async function VerifyCodePage() {
  const t = await getTranslations('security');
  const pending = verifyPending(await readPendingCookie());
  const user = pending?.step === 'totp' ? await findUserById(await getDb(), pending.uid) : null;
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-10">
      <h1 className="text-2xl font-semibold">{t('verifyTitle')}</h1>
      {!user ? (
        <div className="mt-4 space-y-4">
          <FormMessage message={t('pendingExpired')} />
          <Link href="/sign-in" className="font-medium text-brand-700 underline">
            {t('startAgain')}
          </Link>
        </div>
      ) : (
        <>
          <p className="mt-2 text-stone-700">{t('verifyIntro')}</p>
          <p className="mt-1 text-sm text-stone-600">{user.email}</p>
          <div className="mt-6">
            <CodeForm action={verifyCodeAction} labels={{ code: t('codeLabel'), help: t('codeHelp'), submit: t('verifySubmit'), submitting: t('verifying') }} />
          </div>
          {env.demoMode && <p className="mt-6 text-sm text-stone-600">{t('demoCodeHint', { secret: DEMO_TOTP_SECRET })}</p>}
          <p className="mt-6 text-sm">
            <Link href="/sign-in" className="text-brand-700 underline">
              {t('startAgain')}
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
