import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CaseScheduling } from '@/components/scheduling/case-scheduling';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Schedule a hearing' };

/** The board chair books and moves their board's hearings (the data layer checks the chair). */
export default async function ChairSchedulePage({ params, searchParams }: { params: Promise<{ caseId: string }>; searchParams: Promise<{ reschedule?: string }> }) {
  const actor = await requireActor(['volunteer']);
  const { caseId } = await params;
  const { reschedule } = await searchParams;
  const t = await getTranslations('scheduling');
  return <CaseScheduling actor={actor} caseId={caseId} reschedule={reschedule} backHref={`/board/cases/${caseId}`} backLabel={t('backToCase')} runSheetBase="/board/hearings" />;
}
