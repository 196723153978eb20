import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AgreementPanel } from '@/components/agreements/agreement-panel';
import { VolunteerCasePanel } from '@/components/scheduling/volunteer-case-panel';
import { CaseTreatmentPanel } from '@/components/treatment/case-treatment-panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db/client';
import { getCase } from '@/db/queries/cases';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { requireActor } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Case' };

/** The volunteer's view: only what a panel needs for the hearing (no DOB, address, history). */
export default async function VolunteerCasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const actor = await requireActor(['volunteer']);
  const { caseId } = await params;
  const db = await getDb();
  const c = await getCase(db, actor, caseId).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const t = await getTranslations('cases');
  const tb = await getTranslations('board');
  const ts = await getTranslations('status');
  return (
    <>
      <Link href="/board" className="text-sm text-brand-700 underline">← {tb('title')}</Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          {c.participant.firstName} {c.participant.lastName}
        </h1>
        <StatusBadge status={c.status} label={ts(c.status)} />
      </div>
      <dl className="mt-4 grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-stone-600">{t('board')}</dt>
          <dd className="font-medium">{c.board?.name ?? '—'}</dd>
        </div>
        <div>
          <dt className="text-sm text-stone-600">{t('languagePref')}</dt>
          <dd className="font-medium">{c.participant.preferredLanguage === 'es' ? 'Español' : 'English'}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-sm text-stone-600">{t('summary')}</dt>
          <dd>{c.summary}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-sm text-stone-600">{t('charges')}</dt>
          <dd>{c.charges.map((ch) => ch.description).join('; ')}</dd>
        </div>
      </dl>
      <VolunteerCasePanel actor={actor} caseId={c.id} boardId={c.board?.id ?? null} />
      <div className="mt-6">
        <CaseTreatmentPanel db={db} actor={actor} caseId={c.id} channel="board_case_page" timeZone={(await getMyJurisdiction(db, actor)).timeZone} />
        <AgreementPanel db={db} actor={actor} caseId={c.id} />
      </div>
    </>
  );
}
