import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PortalForm } from '@/components/portal/portal-form';
import { getDb } from '@/db/client';
import { preferencePresets, type PreferencePreset } from '@/db/queries/participant-preferences';
import { getMyPreferences, presetsOf } from '@/db/queries/portal';
import { requireActor } from '@/lib/auth/session';
import { savePreferencesAction } from '../actions';

/** The tab title in the participant's language. */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('portalApp.titles'))('availability') };
}

/** The participant says when and how they can attend; the slot finder proposes times inside it. */
export default async function AvailabilityPage() {
  const actor = await requireActor(['participant']);
  const prefs = await getMyPreferences(await getDb(), actor);
  const t = await getTranslations('portalApp.availability');
  const presets = Object.keys(preferencePresets) as PreferencePreset[];
  return (
    <div className="mx-auto max-w-xl">
      <p><Link href="/portal" className="text-brand-800 underline underline-offset-2">{t('back')}</Link></p>
      <h1 className="mt-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2">{t('intro')}</p>
      <div className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
        <PortalForm
          action={savePreferencesAction}
          testId="availability-form"
          submit={t('save')}
          pending={t('saving')}
          success={t('saved')}
          fields={[
            { type: 'hidden', name: 'version', value: String(prefs?.version ?? 0) },
            { type: 'checkboxes', name: 'presets', label: t('whenLabel'), hint: t('whenHint'), options: presets.map((p) => ({ value: p, label: t(`preset.${p}`) })), defaults: presetsOf(prefs?.windows ?? []) },
            { type: 'checkbox', name: 'inPersonOk', label: t('inPerson'), defaultChecked: prefs?.inPersonOk ?? true },
            { type: 'checkbox', name: 'videoOk', label: t('video'), defaultChecked: prefs?.videoOk ?? true },
            { type: 'checkbox', name: 'childcareNeeded', label: t('childcare'), defaultChecked: prefs?.childcareNeeded ?? false },
            { type: 'checkbox', name: 'transportNeeded', label: t('transport'), defaultChecked: prefs?.transportNeeded ?? false },
            { type: 'checkbox', name: 'needsAccessibleVenue', label: t('accessible'), defaultChecked: prefs?.needsAccessibleVenue ?? false },
            { type: 'textarea', name: 'notes', label: t('notes'), hint: t('notesHint'), defaultValue: prefs?.notes ?? '' },
          ]}
        />
      </div>
    </div>
  );
}
