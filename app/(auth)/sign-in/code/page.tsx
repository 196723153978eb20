import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CodeSignIn, TokenSignIn } from '@/components/portal/code-sign-in';
import { LanguageSwitcher } from '@/components/ui/language-switcher';
import { env } from '@/lib/env';
import { redeemTokenAction, requestCodeAction, verifyOneTimeCodeAction } from '../../code-actions';

export const dynamic = 'force-dynamic';

/** The tab title in the visitor's language (participants sign in here). */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('portalSignIn'))('title') };
}

/**
 * Participants sign in without a password: a 6-digit code by text or email, the link in their
 * invitation (`?t=`; a button press uses it, so link previews cannot spend it), or a printed letter code.
 */
export default async function CodeSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const t = await getTranslations('portalSignIn');
  const tc = await getTranslations('common');
  const token = typeof sp.t === 'string' && sp.t.length >= 10 && sp.t.length <= 200 ? sp.t : undefined;
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-8">
      <div className="flex items-center justify-between">
        <p className="text-lg font-semibold text-brand-700">{tc('appName')}</p>
        <LanguageSwitcher returnTo={token ? `/sign-in/code?t=${encodeURIComponent(token)}` : '/sign-in/code'} />
      </div>
      <h1 className="mt-6 text-2xl font-semibold">{token ? t('inviteTitle') : t('title')}</h1>
      {token ? (
        <>
          <p className="mt-2 text-stone-800">{t('inviteIntro')}</p>
          <div className="mt-6">
            <TokenSignIn action={redeemTokenAction} kind="invite" token={token} labels={{ submit: t('inviteSubmit'), submitting: t('signingIn') }} />
          </div>
          <p className="mt-6"><Link href="/sign-in/code" className="text-brand-800 underline underline-offset-2">{t('useCodeInstead')}</Link></p>
        </>
      ) : (
        <>
          <p className="mt-2 text-stone-800">{t('intro')}</p>
          {env.demoMode && <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="demo-participants">{t('demoParticipants')}</p>}
          <div className="mt-6">
            <CodeSignIn
              requestAction={requestCodeAction}
              verifyAction={verifyOneTimeCodeAction}
              labels={{ contact: t('contact'), contactHint: t('contactHint'), send: t('send'), sending: t('sending'), sent: t('sent'), code: t('code'), codeHint: t('codeHint'), verify: t('verify'), verifying: t('signingIn'), again: t('again'), demoCode: t('demoCode') }}
            />
          </div>
          <section aria-labelledby="letter-h" className="mt-8 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="letter-h" className="text-lg font-semibold">{t('letterTitle')}</h2>
            <p className="mt-1 text-stone-800">{t('letterIntro')}</p>
            <div className="mt-3">
              <TokenSignIn action={redeemTokenAction} kind="letter" labels={{ field: t('letterField'), hint: t('letterHint'), submit: t('letterSubmit'), submitting: t('signingIn') }} />
            </div>
          </section>
          <p className="mt-6 text-sm text-stone-700">{t('limits')}</p>
          <p className="mt-4"><Link href="/sign-in" className="text-brand-800 underline underline-offset-2">{t('staffSignIn')}</Link></p>
        </>
      )}
    </main>
  );
}
