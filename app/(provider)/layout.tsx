import { getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/ui/app-shell';
import { requireActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export default async function ProviderLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(['provider']);
  const t = await getTranslations('nav');
  return (
    <AppShell actor={actor} homeHref="/provider" nav={[{ href: '/provider', label: t('referrals') }]}>
      {children}
    </AppShell>
  );
}
