import { getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/ui/app-shell';
import { requireActor } from '@/lib/auth/session';
import { roleHome } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

/** One's own account, for every role: password, two-step sign-in, sessions. */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(undefined, { passwordChangeScreen: true });
  const t = await getTranslations('account');
  const home = roleHome[actor.role];
  return (
    <AppShell actor={actor} homeHref={home} nav={[{ href: home, label: t('home') }, { href: '/account', label: t('account') }]}>
      {children}
    </AppShell>
  );
}
