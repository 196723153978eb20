import { getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/ui/app-shell';
import { requireActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(['admin']);
  const t = await getTranslations('nav');
  const ti = await getTranslations('intake.nav');
  const tn = await getTranslations('notify.nav');
  const tt = await getTranslations('treatment.nav');
  return (
    <AppShell
      actor={actor}
      homeHref="/admin"
      nav={[
        { href: '/admin', label: t('accounts') },
        { href: '/admin/audit', label: t('audit') },
        { href: '/admin/api-tokens', label: ti('tokens') },
        { href: '/admin/outbox', label: tn('outbox') },
        { href: '/admin/disclosures', label: tt('disclosures') },
      ]}
    >
      {children}
    </AppShell>
  );
}
