import { getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/ui/app-shell';
import { requireActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export default async function BoardLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(['volunteer']);
  const t = await getTranslations('nav');
  const ts = await getTranslations('scheduling.nav');
  return (
    <AppShell actor={actor} homeHref="/board" nav={[{ href: '/board', label: t('myBoard'), exact: true }, { href: '/board/hearings', label: ts('myHearings') }, { href: '/board/availability', label: ts('myAvailability') }]}>
      {children}
    </AppShell>
  );
}
