import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { NotifyActionForm } from '@/components/notify/action-form';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { getLiaisonProvider, listReferralsForProvider } from '@/db/queries/treatment';
import { requireActor } from '@/lib/auth/session';
import { treatmentTransitions } from '@/lib/domain/treatment-lifecycle';
import { attestTreatmentAction } from './actions';

export const metadata: Metadata = { title: 'Referrals' };

/** The liaison's list: referrals to their own organisation only, with the next statuses they may attest. */
export default async function ProviderHome() {
  const actor = await requireActor(['provider']);
  const db = await getDb();
  const [jurisdiction, provider] = await Promise.all([getMyJurisdiction(db, actor), getLiaisonProvider(db, actor)]);
  const referrals = provider ? await listReferralsForProvider(db, actor) : [];
  const t = await getTranslations('treatment');
  const tp = await getTranslations('treatment.providerPage');
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeZone: jurisdiction.timeZone });
  if (!provider) {
    return (
      <>
        <h1 className="text-2xl font-semibold">{t('nav.providers')}</h1>
        <p className="mt-4 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">{tp('notLinked')}</p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-semibold">{tp('title', { provider: provider.name })}</h1>
      <p className="mt-2 max-w-2xl text-stone-700">{tp('intro')}</p>
      {referrals.length === 0 && <p className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">{tp('empty')}</p>}
      <ul className="mt-4 grid gap-4 lg:grid-cols-2">
        {referrals.map((r) => {
          const next = treatmentTransitions[r.status];
          return (
            <li key={r.id} className="rounded-lg border border-stone-200 bg-white p-4" data-testid="provider-referral">
              <h2 className="text-lg font-semibold">{r.firstName} {r.lastName}</h2>
              <p className="text-sm text-stone-700">{tp('referredOn', { date: day(r.createdAt) })}</p>
              {r.phone && <p className="text-sm">{tp('contact', { phone: r.phone })}</p>}
              <p className="text-sm">{tp('language', { language: r.preferredLanguage === 'es' ? 'Español' : 'English' })}</p>
              <p className="mt-2">
                <span className="text-sm text-stone-600">{t('colStatus')}: </span>
                <span className="font-semibold" data-testid="provider-referral-status">{t(`status.${r.status}`)}</span> <span className="text-sm text-stone-600">({day(r.statusChangedAt)})</span>
              </p>
              {next.length === 0 ? (
                <p className="mt-2 text-sm text-stone-700">{tp('final')}</p>
              ) : (
                <NotifyActionForm
                  className="mt-2"
                  id={`attest-${r.id}`}
                  action={attestTreatmentAction}
                  hidden={{ referralId: r.id, version: r.version }}
                  fields={[{ kind: 'select', name: 'to', label: tp('next'), options: next.map((s) => ({ value: s, label: t(`status.${s}`) })) }]}
                  submit={tp('update')}
                  saved={tp('updated')}
                />
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
