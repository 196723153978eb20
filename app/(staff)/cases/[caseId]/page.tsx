import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AgreementPanel } from '@/components/agreements/agreement-panel';
import { TransitionForm } from '@/components/cases/transition-form';
import { CaseClosurePanel } from '@/components/outcomes/case-closure-panel';
import { ParticipantDocuments } from '@/components/outcomes/participant-documents';
import { CaseIntakePanels } from '@/components/intake/case-intake-panels';
import { CaseNotices } from '@/components/notify/case-notices';
import { CaseTreatmentPanel } from '@/components/treatment/case-treatment-panel';
import { CaseHearingsCard } from '@/components/scheduling/case-hearings-card';
import { hearingEventDescriber } from '@/components/scheduling/event-text';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db/client';
import { getCase } from '@/db/queries/cases';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { requireActor } from '@/lib/auth/session';
import type { CaseEventPayload } from '@/lib/domain/case-events';
import { transitions } from '@/lib/domain/case-lifecycle';
import { NotFoundError } from '@/lib/errors';
import { genericReturnReasons, withoutIntakeMoves } from '@/lib/intake/moves';
import { transitionCaseAction } from './actions';

export const metadata: Metadata = { title: 'Case' };

export default async function CaseDetailPage({ params, searchParams }: { params: Promise<{ caseId: string }>; searchParams: Promise<{ referred?: string }> }) {
  const actor = await requireActor(['coordinator', 'prosecutor']);
  const { caseId } = await params;
  const db = await getDb();
  const c = await getCase(db, actor, caseId).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  if (c.view !== 'staff') notFound();
  const jurisdiction = await getMyJurisdiction(db, actor);
  const t = await getTranslations('cases');
  const ts = await getTranslations('status');
  const tr = await getTranslations('returnReason');
  const ti = await getTranslations('intake');
  const ta = await getTranslations('agreements');
  const { referred } = await searchParams;
  const format = await getFormatter();
  const tz = jurisdiction.timeZone;
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
  const describeScheduling = await hearingEventDescriber(tz);
  const describe = (p: CaseEventPayload) => {
    switch (p.type) {
      case 'referred':
        return t('event.referred', { via: p.via });
      case 'status_changed':
        return `${t('event.status_changed', { from: ts(p.from), to: ts(p.to) })}${p.reason ? ` — ${tr(p.reason)}` : ''}${p.note ? ` — “${p.note}”` : ''}`;
      case 'board_assigned':
        return t('event.board_assigned', { board: p.boardName });
      case 'screened':
      case 'offer_answered':
      case 'routing_unmatched':
        return ti(`event.${p.type}`, { decision: 'decision' in p ? ti(`screening.decision.${p.decision}`) : '', answer: 'answer' in p ? ti(`event.answer.${p.answer}`) : '', reason: 'reason' in p ? p.reason : '' });
      case 'agreement_changed':
        return ta(`event.${p.action.replaceAll('.', '_')}`);
      case 'progress_changed':
        // An empty title is a treatment item, or one withheld from this reader (lib/domain/treatment-privacy).
        return ta(`event.progress_${p.action}`, { item: p.itemTitle || ta('event.anItem') });
      default:
        return describeScheduling(p);
    }
  };
  const targets = withoutIntakeMoves(c.status, transitions[c.status]);
  return (
    <>
      <Link href="/cases" className="text-sm text-brand-700 underline">← {t('back')}</Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t('detailTitle', { number: c.externalCaseNumber })}</h1>
        <StatusBadge status={c.status} label={ts(c.status)} />
        {c.returnReason && <span className="text-stone-700">{tr(c.returnReason)}</span>}
        {actor.role === 'coordinator' && (
          <Link href={`/cases/${c.id}/portal-access`} className="text-sm text-brand-700 underline">{(await getTranslations('portalAccess'))('link')}</Link>
        )}
      </div>
      {referred && (
        <p role="status" className="mt-3 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-800">
          {ti('form.saved')}
        </p>
      )}
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <CaseIntakePanels actor={actor} caseId={c.id} timeZone={tz} currentBoardId={c.board?.id ?? null} />
          {actor.role === 'coordinator' && c.board && <AgreementPanel db={db} actor={actor} caseId={c.id} />}
          <section aria-labelledby="participant-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="participant-h" className="text-lg font-semibold">{t('participant')}</h2>
            <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
              <Item label={t('participant')}>{c.participant.firstName} {c.participant.lastName}</Item>
              <Item label={t('dateOfBirth')}>{format.dateTime(new Date(`${c.participant.dateOfBirth}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' })}</Item>
              <Item label={t('zip')}>{c.participant.zip}</Item>
              <Item label={t('phone')}>{c.participant.phone ?? '—'}</Item>
              <Item label={t('languagePref')}>{c.participant.preferredLanguage === 'es' ? 'Español' : 'English'}</Item>
              <Item label={t('demographics')}>{[c.participant.race, c.participant.ethnicity, c.participant.sex].map((v) => v.replaceAll('_', ' ')).join(' · ')}</Item>
            </dl>
          </section>
          <section aria-labelledby="referral-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="referral-h" className="text-lg font-semibold">{t('referral')}</h2>
            <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
              <Item label={t('agency')}>{c.referringAgency}</Item>
              <Item label={t('incidentDate')}>{c.incidentDate}</Item>
              <Item label={t('policeReport')}>{c.policeReportNumber ?? '—'}</Item>
              <Item label={t('board')}>{c.board?.name ?? '—'}</Item>
            </dl>
            <h3 className="mt-4 font-medium">{t('charges')}</h3>
            <ul className="mt-1 list-inside list-disc text-stone-800">
              {c.chargesDetail.map((ch) => (
                <li key={ch.id}>
                  RSMo {ch.code} — {ch.description}
                </li>
              ))}
            </ul>
            <h3 className="mt-4 font-medium">{t('summary')}</h3>
            <p className="mt-1 whitespace-pre-line text-stone-800">{c.summary}</p>
          </section>
          <section aria-labelledby="timeline-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="timeline-h" className="text-lg font-semibold">{t('timeline')}</h2>
            <ol className="mt-2 space-y-2">
              {c.events.map((e) => (
                <li key={e.id} className="text-sm">
                  <time dateTime={e.occurredAt.toISOString()} className="tabular-nums text-stone-600">{when(e.occurredAt)}</time>
                  <span className="ml-2">{describe(e.payload as CaseEventPayload)}</span>
                </li>
              ))}
            </ol>
          </section>
          <CaseNotices db={db} actor={actor} caseId={c.id} />
        </div>
        <aside className="space-y-6">
          {c.board && <CaseHearingsCard actor={actor} caseId={c.id} timeZone={tz} scheduleHref={`/cases/${c.id}/schedule`} runSheetBase="/hearings" canSchedule={actor.role === 'coordinator'} />}
          <CaseClosurePanel db={db} actor={actor} caseId={c.id} status={c.status} version={c.version} timeZone={tz} />
          <CaseTreatmentPanel db={db} actor={actor} caseId={c.id} channel="staff_case_page" timeZone={tz} />
          <ParticipantDocuments db={db} actor={actor} caseId={c.id} audience="staff" />
          <section aria-labelledby="move-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="move-h" className="text-lg font-semibold">{t('moveTitle')}</h2>
            {targets.length === 0 ? (
              <p className="mt-2 text-stone-700">{transitions[c.status].length === 0 ? t('noMoves') : ti('movesElsewhere')}</p>
            ) : (
              <div className="mt-3">
                <TransitionForm
                  action={transitionCaseAction}
                  caseId={c.id}
                  version={c.version}
                  targets={targets.map((s) => ({ value: s, label: ts(s) }))}
                  reasons={genericReturnReasons().map((r) => ({ value: r, label: tr(r) }))}
                  labels={{ moveTo: t('moveTo'), reason: t('reason'), note: t('note'), submit: t('moveSubmit'), saved: t('moved') }}
                />
              </div>
            )}
          </section>
          <section aria-labelledby="history-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="history-h" className="text-lg font-semibold">{t('boardHistory')}</h2>
            <ul className="mt-2 space-y-1 text-sm">
              {c.assignments.length === 0 && <li className="text-stone-600">—</li>}
              {c.assignments.map((a) => (
                <li key={a.id}>
                  <span className="font-medium">{a.boardName}</span> · {when(a.assignedAt)}
                  {a.endedAt ? ` – ${when(a.endedAt)}` : ''}
                  <span className="block text-stone-600">{a.reason}</span>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}
