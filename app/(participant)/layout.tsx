import { getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/ui/app-shell';
import { requireActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export default async function ParticipantLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(['participant']);
  const t = await getTranslations('nav');
  const tt = await getTranslations('treatment.nav');
  const tp = await getTranslations('portalApp');
  return (
    <AppShell actor={actor} homeHref="/portal" nav={[{ href: '/portal', label: t('myCase'), exact: true }, { href: '/portal/availability', label: tp('navAvailability') }, { href: '/portal/treatment', label: tt('treatment') }]}>
      {children}
    </AppShell>
  );
}
