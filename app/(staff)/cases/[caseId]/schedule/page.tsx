import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireActor } from '@/lib/auth/session';
import { CaseScheduling } from '@/components/scheduling/case-scheduling';

export const metadata: Metadata = { title: 'Schedule a hearing' };

export default async function CaseSchedulePage({ params, searchParams }: { params: Promise<{ caseId: string }>; searchParams: Promise<{ reschedule?: string }> }) {
  const actor = await requireActor(['coordinator']);
  const { caseId } = await params;
  const { reschedule } = await searchParams;
  const t = await getTranslations('scheduling');
  return <CaseScheduling actor={actor} caseId={caseId} reschedule={reschedule} backHref={`/cases/${caseId}`} backLabel={t('backToCase')} runSheetBase="/hearings" />;
}
