import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { IntakeIntl } from '@/components/intake/intake-intl';
import { PolicyForm } from '@/components/intake/policy-form';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { listPolicyVersions } from '@/db/queries/screening';
import { requireActor } from '@/lib/auth/session';
import { defaultCriteria } from '@/lib/domain/eligibility';
import { createPolicyVersionAction } from './actions';

export const metadata: Metadata = { title: 'Screening policy' };

export default async function PolicyPage() {
  const actor = await requireActor(['coordinator']);
  const db = await getDb();
  const [versions, jurisdiction] = await Promise.all([listPolicyVersions(db, actor), getMyJurisdiction(db, actor)]);
  const current = versions[0];
  const t = await getTranslations('intake.policy');
  const tc = await getTranslations('intake.criterion');
  const format = await getFormatter();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 text-stone-700">{current ? t('current', { version: current.version, date: format.dateTime(current.createdAt, { dateStyle: 'medium', timeZone: jurisdiction.timeZone }) }) : t('noneYet')}</p>
      <p className="mt-1 text-sm text-stone-600">{t('intro')}</p>
      <div className="mt-6">
        <IntakeIntl>
          <PolicyForm action={createPolicyVersionAction} version={current?.version ?? 0} divertsCases={current?.divertsCases ?? true} criteria={current?.criteria ?? defaultCriteria()} />
        </IntakeIntl>
      </div>
      <h2 className="mt-10 text-lg font-semibold">{t('historyTitle')}</h2>
      <ol className="mt-2 space-y-2">
        {versions.map((v) => (
          <li key={v.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
            <span className="font-medium">{t('versionLabel', { version: v.version })}</span> · {format.dateTime(v.createdAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: jurisdiction.timeZone })}
            <span className="block text-stone-700">{v.note}</span>
            <span className="block text-stone-600">
              {v.divertsCases ? t('diverts') : t('divertsNothing')} ·{' '}
              {v.criteria
                .filter((c) => c.enabled)
                .map((c) => tc(c.kind) + ('years' in c ? ` (${c.years})` : 'maxGrams' in c ? ` (${c.maxGrams} g)` : ''))
                .join('; ')}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
