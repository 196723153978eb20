import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ProfileForm } from '@/components/scheduling/profile-form';
import { getDb } from '@/db/client';
import { listRoster } from '@/db/queries/volunteers';
import { requireActor } from '@/lib/auth/session';
import { saveVolunteerProfileAction } from '../actions';

export const metadata: Metadata = { title: 'Volunteer readiness' };

export default async function VolunteerProfilePage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requireActor(['coordinator']);
  const { userId } = await params;
  const v = (await listRoster(await getDb(), actor)).find((r) => r.userId === userId);
  if (!v) notFound();
  const t = await getTranslations('scheduling');
  const p = v.profile;
  return (
    <>
      <Link href="/volunteers" className="text-sm text-brand-700 underline">← {t('rosterTitle')}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{v.name}</h1>
      <p className="text-stone-700">{v.memberships.map((m) => `${m.boardName} (${t(`role.${m.role}`)})`).join(', ')}</p>
      <section aria-labelledby="ready-h" className="mt-6 max-w-3xl rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="ready-h" className="text-lg font-semibold">{t('readinessTitle')}</h2>
        <div className="mt-3">
          <ProfileForm
            action={saveVolunteerProfileAction}
            hidden={{ userId: v.userId, version: v.version }}
            labels={{ submit: t('saveProfile'), saved: t('profileSaved') }}
            fields={[
              { name: 'backgroundCheckDate', label: t('fBackgroundDate'), type: 'date', value: p?.backgroundCheckDate ?? '' },
              { name: 'backgroundCheckExpires', label: t('fBackgroundExpires'), type: 'date', value: p?.backgroundCheckExpires ?? '' },
              { name: 'trainingHours', label: t('fTraining'), type: 'number', step: '0.5', value: String(p?.trainingHours ?? 0) },
              { name: 'hearingsObserved', label: t('fObserved'), type: 'number', step: '1', value: String(p?.hearingsObserved ?? 0) },
              { name: 'confidentialitySignedAt', label: t('fConfidentiality'), type: 'date', value: p?.confidentialitySignedAt ?? '' },
              { name: 'monthlyHearingLimit', label: t('fLimit'), type: 'number', step: '1', value: String(p?.monthlyHearingLimit ?? 4) },
              { name: 'languages', label: t('fLanguages'), type: 'text', value: (p?.languages ?? ['en']).join(', '), hint: t('fLanguagesHint') },
              { name: 'accessibilityNotes', label: t('fAccessNotes'), type: 'text', value: p?.accessibilityNotes ?? '' },
              { name: 'needsAccessibleVenue', label: t('fNeedsAccessible'), type: 'checkbox', value: String(p?.needsAccessibleVenue ?? false) },
            ]}
          />
        </div>
      </section>
    </>
  );
}
