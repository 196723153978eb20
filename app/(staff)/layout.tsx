import { getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/ui/app-shell';
import { requireActor } from '@/lib/auth/session';
import { intakeNav } from '@/components/intake/nav';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(['coordinator', 'prosecutor']);
  const t = await getTranslations('nav');
  const tn = await getTranslations('notify.nav');
  const ts = await getTranslations('scheduling.nav');
  const to = await getTranslations('outcomes.nav');
  const tt = await getTranslations('treatment.nav');
  const scheduling = actor.role === 'coordinator' ? [{ href: '/schedule', label: ts('schedule') }, { href: '/volunteers', label: ts('volunteers') }, { href: '/venues', label: ts('venues') }] : [];
  return (
    <AppShell
      actor={actor}
      homeHref="/cases"
      nav={[
        { href: '/cases', label: t('cases') },
        ...(await intakeNav(actor.role)),
        { href: '/boards', label: t('boards') },
        ...scheduling,
        ...(can(actor.role, 'provider.manage') ? [{ href: '/providers', label: tt('providers') }] : []),
        ...(can(actor.role, 'notice.read') ? [{ href: '/notices', label: tn('deliveries') }] : []),
        ...(can(actor.role, 'dashboard.read') ? [{ href: '/dashboard', label: to('dashboard') }] : []),
        ...(can(actor.role, 'case.finalAction') ? [{ href: '/returned', label: to('returned') }] : []),
      ]}
    >
      {children}
    </AppShell>
  );
}
