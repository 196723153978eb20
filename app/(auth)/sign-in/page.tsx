import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { FormMessage } from '@/components/ui/field';
import { LanguageSwitcher } from '@/components/ui/language-switcher';
import { DEMO_PASSWORD, demoAccounts } from '@/db/seed-data/demo-accounts';
import { DEMO_TOTP_SECRET } from '@/lib/auth/policy';
import { env } from '@/lib/env';
import { signInAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const t = await getTranslations('signIn');
  const tc = await getTranslations('common');
  const tp = await getTranslations('portalSignIn');
  const callbackUrl = typeof sp.callbackUrl === 'string' ? sp.callbackUrl : undefined;
  const demo = env.demoMode;
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-10">
      <div className="flex items-center justify-between">
        <p className="text-lg font-semibold text-brand-700">{tc('appName')}</p>
        <LanguageSwitcher returnTo="/sign-in" />
      </div>
      <h1 className="mt-6 text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-stone-700">{t('intro')}</p>
      <p className="mt-4 rounded-md border border-brand-700 bg-white px-3 py-2">
        <Link href="/sign-in/code" className="font-medium text-brand-800 underline underline-offset-2">{tp('participantLink')}</Link>
      </p>
      {sp.signedOut && (
        <div className="mt-4">
          <FormMessage tone="success" message={sp.signedOut === 'everywhere' ? t('signedOutEverywhere') : t('signedOut')} />
        </div>
      )}
      <div className="mt-6">
        <SignInForm
          action={signInAction}
          callbackUrl={callbackUrl}
          labels={{ email: t('email'), password: t('password'), submit: t('submit'), submitting: t('submitting'), demoUse: t('demoUse') }}
          demoAccounts={demo ? demoAccounts.map((a) => ({ email: a.email, role: tc(`roles.${a.role}`) })) : undefined}
          demoPassword={demo ? DEMO_PASSWORD : undefined}
        />
      </div>
      {demo && (
        <section aria-labelledby="demo-title" className="mt-2 text-sm text-stone-700">
          <h2 id="demo-title" className="sr-only">
            {t('demoTitle')}
          </h2>
          <p>{t('demoIntro', { password: DEMO_PASSWORD })}</p>
          <p className="mt-2" data-testid="demo-totp">
            {t.rich('demoTotp', { secret: DEMO_TOTP_SECRET, code: (chunks) => <code className="font-mono">{chunks}</code> })}
          </p>
        </section>
      )}
      <p className="mt-4 text-sm text-stone-600">{t('lockoutHint')}</p>
    </main>
  );
}
