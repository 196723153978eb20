import { getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/ui/app-shell';
import { requireActor } from '@/lib/auth/session';
import { intakeNav } from '@/components/intake/nav';

export const dynamic = 'force-dynamic';

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(['coordinator', 'prosecutor']);
  const t = await getTranslations('nav');
  return (
    <AppShell actor={actor} homeHref="/cases" nav={[{ href: '/cases', label: t('cases') }, ...(await intakeNav(actor.role)), { href: '/boards', label: t('boards') }]}>
      {children}
    </AppShell>
  );
}
