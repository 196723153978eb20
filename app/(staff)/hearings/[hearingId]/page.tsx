import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { RunSheet } from '@/components/scheduling/run-sheet';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Hearing run sheet' };

export default async function HearingRunSheetPage({ params }: { params: Promise<{ hearingId: string }> }) {
  const actor = await requireActor(['coordinator']);
  const { hearingId } = await params;
  const t = await getTranslations('scheduling');
  return <RunSheet actor={actor} hearingId={hearingId} scheduleBase="/cases" backHref="/schedule" backLabel={t('scheduleTitle')} />;
}
