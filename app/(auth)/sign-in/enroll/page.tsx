import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CodeForm } from '@/components/auth/code-form';
import { TotpSetup } from '@/components/auth/totp-setup';
import { FormMessage } from '@/components/ui/field';
import { startTotpEnrollment } from '@/db/queries/account-security';
import { findUserById } from '@/db/queries/users';
import { getDb } from '@/db/client';
import { verifyPending } from '@/lib/auth/pending';
import { readPendingCookie } from '@/lib/auth/session';
import { totpUri } from '@/lib/auth/totp';
import { enrollAtSignInAction } from '../../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Set up two-step sign-in' };

/**
 * First sign-in of an account whose role requires a second factor and that has none yet. The key
 * is made once and kept until a code confirms it, so reloading shows the same key.
 */
export default async function EnrollPage() {
  const t = await getTranslations('security');
  const pending = verifyPending(await readPendingCookie());
  const db = await getDb();
  const user = pending?.step === 'enroll' ? await findUserById(db, pending.uid) : null;
  const valid = user && user.active && user.sessionVersion === pending?.sv;
  const secret = valid ? await startTotpEnrollment(db, user.id) : null;
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-10">
      <h1 className="text-2xl font-semibold">{t('enrollTitle')}</h1>
      {!valid || !secret ? (
        <div className="mt-4 space-y-4">
          <FormMessage message={t('pendingExpired')} />
          <Link href="/sign-in" className="font-medium text-brand-700 underline">
            {t('startAgain')}
          </Link>
        </div>
      ) : (
        <>
          <p className="mt-2 text-stone-700">{t('enrollIntro')}</p>
          <div className="mt-4">
            <TotpSetup
              secret={secret}
              uri={totpUri(secret, user.email)}
              labels={{ step1: t('enrollStep1'), step2: t('enrollStep2'), step3: t('enrollStep3'), secret: t('secretLabel'), openInApp: t('openInApp'), uri: t('uriLabel') }}
            />
          </div>
          <div className="mt-6">
            <CodeForm
              action={enrollAtSignInAction}
              labels={{
                code: t('codeLabel'),
                help: t('enrollStep3'),
                submit: t('enrollSubmit'),
                submitting: t('verifying'),
                recoveryTitle: t('recoveryTitle'),
                recoveryIntro: t('recoveryIntro'),
                continue: t('recoveryContinue'),
              }}
            />
          </div>
        </>
      )}
    </main>
  );
}
