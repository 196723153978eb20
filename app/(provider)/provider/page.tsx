import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Referrals' };

export default async function ProviderHome() {
  const actor = await requireActor(['provider']);
  const jurisdiction = await getMyJurisdiction(await getDb(), actor);
  const t = await getTranslations('provider');
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 max-w-2xl text-stone-700">{t('intro', { jurisdiction: jurisdiction.name })}</p>
      <p className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">{t('empty')}</p>
    </>
  );
}
