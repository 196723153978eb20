import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { IntakeIntl } from '@/components/intake/intake-intl';
import { ReferralForm } from '@/components/intake/referral-form';
import { getDb } from '@/db/client';
import { listChargeCodes, listReferringAgencies } from '@/db/queries/referrals';
import { requireActor } from '@/lib/auth/session';
import { createReferralAction } from './actions';

export const metadata: Metadata = { title: 'Refer a case' };

export default async function NewReferralPage() {
  const actor = await requireActor(['prosecutor']);
  const db = await getDb();
  const [charges, agencies] = await Promise.all([listChargeCodes(db, actor), listReferringAgencies(db, actor)]);
  const t = await getTranslations('intake.form');
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 text-stone-700">
        {t('intro')}{' '}
        <Link href="/referrals/import" className="text-brand-700 underline">
          {t('orImport')}
        </Link>
      </p>
      <p className="mt-1 text-sm text-stone-600">{t('requiredNote')}</p>
      <div className="mt-6">
        <IntakeIntl>
          <ReferralForm action={createReferralAction} charges={charges.map((c) => ({ code: c.code, description: c.description, violent: c.violent, weapon: c.weapon }))} agencies={agencies} />
        </IntakeIntl>
      </div>
    </div>
  );
}
