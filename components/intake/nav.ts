import { getTranslations } from 'next-intl/server';
import type { Role } from '@/db/schema/users';
import type { NavItem } from '@/components/ui/app-shell';

/** Intake entries of the staff navigation, by role. */
export async function intakeNav(role: Role): Promise<NavItem[]> {
  const t = await getTranslations('intake.nav');
  if (role === 'prosecutor') return [{ href: '/referrals/new', label: t('refer') }, { href: '/referrals/import', label: t('import') }, { href: '/screening', label: t('screening') }];
  if (role === 'coordinator') return [{ href: '/routing', label: t('routing') }, { href: '/screening', label: t('screening') }, { href: '/policy', label: t('policy') }];
  return [];
}
