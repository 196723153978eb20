import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NotifyActionForm } from '@/components/notify/action-form';
import { ActionForm } from '@/components/scheduling/action-form';
import { ProviderForm } from '@/components/treatment/provider-form';
import { getDb } from '@/db/client';
import { listProviderAccounts, listProviders, providerServices } from '@/db/queries/treatment';
import { requireActor } from '@/lib/auth/session';
import { createProviderAction, linkLiaisonAction, setProviderStatusAction } from './actions';

export const metadata: Metadata = { title: 'Treatment providers' };

export default async function ProvidersPage() {
  const actor = await requireActor(['coordinator']);
  const db = await getDb();
  const [list, accounts] = await Promise.all([listProviders(db, actor, { includeInactive: true }), listProviderAccounts(db, actor)]);
  const t = await getTranslations('treatment');
  const small = '!px-3 !py-1.5 text-sm';
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('providersTitle')}</h1>
      <p className="mt-1 max-w-3xl text-stone-700">{t('providersIntro')}</p>
      <ul className="mt-4 grid gap-4 lg:grid-cols-2">
        {list.map((p) => (
          <li key={p.id} className={`rounded-lg border border-stone-200 bg-white p-4 ${p.active ? '' : 'opacity-70'}`}>
            <h2 className="text-lg font-semibold">{p.name}</h2>
            <p className="text-sm font-medium">{!p.active ? t('inactive') : p.acceptingNewClients ? t('accepting') : t('notAccepting')}</p>
            <p className="text-sm">{p.services.map((s) => t(`service.${s}`)).join(' · ')}</p>
            <p className="text-sm">{t('languages', { list: p.languages.join(', ') })}</p>
            <p className="text-sm">{p.addressLine} {p.zip} · {p.phone}</p>
            <p className="text-sm text-stone-700">
              {t('cost')}: {[p.acceptsMedicaid && t('medicaid'), p.slidingScale && t('slidingScale'), p.noCostOption && t('noCost'), p.costNote].filter(Boolean).join(' · ') || '—'}
            </p>
            <h3 className="mt-2 text-sm font-medium">{t('liaisons')}</h3>
            <p className="text-sm">{p.liaisons.length ? p.liaisons.map((l) => `${l.name} (${l.email})`).join(', ') : t('noLiaison')}</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <ActionForm action={setProviderStatusAction} hidden={{ providerId: p.id, field: 'active', value: String(!p.active) }} submit={p.active ? t('retire') : t('restore')} success={t('saved')} buttonClassName={small} />
              {p.active && (
                <ActionForm action={setProviderStatusAction} hidden={{ providerId: p.id, field: 'acceptingNewClients', value: String(!p.acceptingNewClients) }} submit={p.acceptingNewClients ? t('markFull') : t('markOpen')} success={t('saved')} buttonClassName={small} />
              )}
            </div>
            {accounts.length > 0 && (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-brand-700 underline">{t('linkLiaison')}</summary>
                <NotifyActionForm
                  className="mt-2"
                  id={`liaison-${p.id}`}
                  action={linkLiaisonAction}
                  hidden={{ providerId: p.id }}
                  fields={[{ kind: 'select', name: 'userId', label: t('liaisonAccount'), options: accounts.map((a) => ({ value: a.userId, label: `${a.name} (${a.email})` })) }]}
                  submit={t('linkSubmit')}
                  saved={t('linked')}
                />
              </details>
            )}
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-provider-h" className="mt-8 max-w-3xl rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="new-provider-h" className="text-lg font-semibold">{t('newProvider')}</h2>
        <div className="mt-3">
          <ProviderForm
            action={createProviderAction}
            services={providerServices.map((s) => ({ value: s, label: t(`service.${s}`) }))}
            labels={{ name: t('pName'), services: t('pServices'), languages: t('pLanguages'), address: t('pAddress'), zip: t('pZip'), phone: t('pPhone'), accepting: t('pAccepting'), medicaid: t('pMedicaid'), sliding: t('pSliding'), noCost: t('pNoCost'), costNote: t('pCostNote'), submit: t('pSubmit'), saved: t('pSaved') }}
          />
        </div>
      </section>
    </>
  );
}
