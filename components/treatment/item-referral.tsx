import { getTranslations } from 'next-intl/server';
import { referTreatmentAction } from '@/app/(staff)/cases/[caseId]/treatment-actions';
import { NotifyActionForm } from '@/components/notify/action-form';
import type { TreatmentProvider } from '@/db/schema';

type T = Awaited<ReturnType<typeof getTranslations<'treatment'>>>;

/** How a provider is offered in a referral form: name, languages, and whether it has a no-cost option. */
export function providerOptions(t: T, providers: Pick<TreatmentProvider, 'id' | 'name' | 'languages' | 'noCostOption'>[]) {
  return providers.map((p) => ({ value: p.id, label: `${p.name} — ${p.languages.join(', ')}${p.noCostOption ? ` · ${t('noCost')}` : ''}` }));
}

/**
 * "Refer to a provider" on a treatment item of the signed agreement: the same referral action as
 * the treatment panel, with the item sent along (the data layer checks it belongs to this case).
 *
 * Part 2: it shows only the form, never whether the item was already referred or how the referral
 * is going — that status reaches the program only through the treatment panel, under a consent
 * naming it, as a recorded disclosure.
 */
export async function ItemReferral({ caseId, item, providers }: { caseId: string; item: { id: string; title: string }; providers: Pick<TreatmentProvider, 'id' | 'name' | 'languages' | 'noCostOption'>[] }) {
  const t = await getTranslations('treatment');
  return (
    <details className="mt-2 rounded-md border border-stone-200 p-3" data-testid="refer-item">
      <summary className="cursor-pointer font-medium text-brand-700">
        {t('referFromItem')}
        {/* Several treatment items each have this summary: the item's name tells them apart by ear. */}
        <span className="sr-only"> ({item.title})</span>
      </summary>
      <p className="mt-2 text-sm text-stone-700">{t('referFromItemIntro', { item: item.title })}</p>
      {providers.length === 0 ? (
        <p className="mt-2 text-sm">{t('noProviders')}</p>
      ) : (
        <NotifyActionForm
          className="mt-2"
          id={`refer-item-${item.id}`}
          action={referTreatmentAction}
          hidden={{ caseId, agreementItemId: item.id }}
          fields={[{ kind: 'select', name: 'providerId', label: t('referProvider'), options: providerOptions(t, providers) }]}
          submit={t('referFromItemSubmit')}
          saved={t('referSaved')}
        />
      )}
    </details>
  );
}
