import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { signOutAction } from '@/app/(auth)/actions';
import { staySignedInAction } from '@/app/(account)/account/actions';
import { SessionTimeout } from '@/components/auth/session-timeout';
import type { Actor } from '@/lib/auth/actor';
import { LanguageSwitcher } from './language-switcher';
import { NavLink } from './nav-link';

export type NavItem = { href: string; label: string; exact?: boolean };

/** Header, navigation and main landmark shared by every portal; each portal passes its own nav. */
export async function AppShell({ actor, nav, homeHref, children }: { actor: Actor; nav: NavItem[]; homeHref: string; children: React.ReactNode }) {
  const t = await getTranslations('common');
  const ta = await getTranslations('account');
  return (
    <div className="min-h-dvh">
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href={homeHref} className="text-lg font-semibold text-brand-700">
            {t('appName')}
          </Link>
          <nav aria-label={t('primaryNav')} className="order-last w-full sm:order-none sm:w-auto">
            <ul className="flex flex-wrap gap-1">
              {nav.map((n) => (
                <li key={n.href}>
                  <NavLink href={n.href} exact={n.exact}>{n.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <span className="hidden text-sm text-stone-600 md:inline">
              {actor.name} · {t(`roles.${actor.role}`)}
            </span>
            <LanguageSwitcher returnTo={homeHref} />
            <Link href="/account" className="rounded-md px-3 py-1.5 text-sm font-medium text-stone-700 underline-offset-2 hover:underline">
              {ta('account')}
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md px-3 py-1.5 text-sm font-medium text-stone-700 underline-offset-2 hover:underline">
                {t('signOut')}
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
      {actor.session && (
        <SessionTimeout
          initial={{ idleExpiresAt: actor.session.idleExpiresAt.getTime(), absoluteExpiresAt: actor.session.absoluteExpiresAt.getTime() }}
          stayAction={staySignedInAction}
          labels={{
            title: ta('timeout.warningTitle'),
            warning: ta.raw('timeout.warning') as string,
            absolute: ta.raw('timeout.absolute') as string,
            stay: ta('timeout.stay'),
            staying: ta('timeout.staying'),
            ended: ta('timeout.ended'),
            endedHelp: ta('timeout.endedHelp'),
            signIn: ta('timeout.signInNewTab'),
          }}
        />
      )}
    </div>
  );
}
