import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { FormMessage } from '@/components/ui/field';
import { getDb } from '@/db/client';
import { getSecurityState, remainingRecoveryCodes } from '@/db/queries/account-security';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { listMySessions } from '@/db/queries/sessions';
import { mfaRequired } from '@/lib/auth/policy';
import { requireActor } from '@/lib/auth/session';
import { signOutEverywhereAction } from './actions';

export const metadata: Metadata = { title: 'Account security' };

/** Browser and system from a user-agent string, roughly, so a person recognises their devices. */
function deviceOf(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const system = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  return [browser, system].filter(Boolean).join(' · ') || null;
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const db = await getDb();
  const [state, codesLeft, sessions, jurisdiction] = await Promise.all([
    getSecurityState(db, actor.userId),
    remainingRecoveryCodes(db, actor.userId),
    listMySessions(db, actor),
    getMyJurisdiction(db, actor),
  ]);
  const t = await getTranslations('account');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: jurisdiction.timeZone });
  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      {sp.changed === 'password' && <FormMessage tone="success" message={t('passwordChanged')} />}

      <section aria-labelledby="pw-h" className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="pw-h" className="text-lg font-semibold">{t('passwordTitle')}</h2>
        <p className="mt-1 text-stone-700">{state?.passwordChangedAt ? t('passwordLastChanged', { date: when(state.passwordChangedAt) }) : t('passwordNeverChanged')}</p>
        <Link href="/account/password" className="mt-3 inline-block font-medium text-brand-700 underline">
          {t('changePassword')}
        </Link>
      </section>

      <section aria-labelledby="tf-h" className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="tf-h" className="text-lg font-semibold">{t('twoFactorTitle')}</h2>
        <p className="mt-1 text-stone-700">
          {state?.totpEnabledAt ? t('twoFactorOn', { date: when(state.totpEnabledAt), count: codesLeft }) : t('twoFactorOff')}
          {mfaRequired(actor.role) && <> {t('twoFactorRequired')}</>}
        </p>
        <Link href="/account/two-factor" className="mt-3 inline-block font-medium text-brand-700 underline">
          {t('manageTwoFactor')}
        </Link>
      </section>

      <section aria-labelledby="s-h" className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="s-h" className="text-lg font-semibold">{t('sessionsTitle')}</h2>
        <p className="mt-1 text-sm text-stone-600">{t('sessionsIntro')}</p>
        <ul className="mt-3 divide-y divide-stone-100" data-testid="session-list">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
              <span className="min-w-0">
                <span className="block font-medium">
                  {deviceOf(s.userAgent) ?? t('unknownDevice')}
                  {s.current && <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-800">{t('thisDevice')}</span>}
                </span>
                <span className="block text-sm text-stone-600">
                  {t('started', { date: when(s.createdAt) })} · {t('lastActive', { date: when(s.lastSeenAt) })}
                  {s.ip ? ` · ${s.ip}` : ''}
                </span>
              </span>
              <span className={s.live ? 'text-sm text-green-800' : 'text-sm text-stone-500'}>{s.live ? t('active') : t('ended')}</span>
            </li>
          ))}
        </ul>
        <form action={signOutEverywhereAction} className="mt-4">
          <p id="soe-help" className="text-sm text-stone-600">{t('signOutEverywhereHelp')}</p>
          <button type="submit" aria-describedby="soe-help" className="mt-2 rounded-md border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50">
            {t('signOutEverywhere')}
          </button>
        </form>
      </section>
    </div>
  );
}
