import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cancelHearingAction, recordDispositionAction, saveRunSheetAction } from '@/app/(staff)/hearings/[hearingId]/actions';
import { getDb } from '@/db/client';
import { getHearing } from '@/db/queries/hearings';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import type { Actor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/errors';
import { ActionForm } from './action-form';
import { HearingStatusBadge } from './hearing-status';

const input = 'mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2';

/** Who sits, the agenda, attendance and notes, and the outcome: one screen for the hearing. */
export async function RunSheet({ actor, hearingId, scheduleBase, backHref, backLabel }: { actor: Actor; hearingId: string; scheduleBase: string; backHref: string; backLabel: string }) {
  const db = await getDb();
  const h = await getHearing(db, actor, hearingId).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const j = await getMyJurisdiction(db, actor);
  const t = await getTranslations('scheduling');
  const format = await getFormatter();
  const tz = j.timeZone;
  const date = format.dateTime(h.startsAt, { dateStyle: 'full', timeZone: tz });
  const time = `${format.dateTime(h.startsAt, { timeStyle: 'short', timeZone: tz })}–${format.dateTime(h.endsAt, { timeStyle: 'short', timeZone: tz })}`;
  const scheduled = h.status === 'scheduled';
  const isCoordinator = actor.role === 'coordinator';
  return (
    <>
      <Link href={backHref} className="text-sm text-brand-700 underline">← {backLabel}</Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t('runSheetTitle', { kind: t(`kind.${h.kind}`), name: `${h.firstName} ${h.lastName}` })}</h1>
        <HearingStatusBadge status={h.status} label={t(`hearingStatus.${h.status}`)} />
      </div>
      <dl className="mt-4 grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2">
        <div><dt className="text-sm text-stone-600">{t('when')}</dt><dd className="font-medium">{date}<span className="block">{time}</span></dd></div>
        <div>
          <dt className="text-sm text-stone-600">{t('where')}</dt>
          <dd className="font-medium">
            {h.venueName}{h.venueRoom ? ` · ${h.venueRoom}` : ''}
            {h.venueKind === 'video' && h.meetingUrl ? <a className="block break-all text-brand-800 underline" href={h.meetingUrl}>{h.meetingUrl}</a> : <span className="block font-normal text-stone-700">{h.venueAddress}</span>}
          </dd>
        </div>
        <div><dt className="text-sm text-stone-600">{t('boardLabel')}</dt><dd className="font-medium">{h.boardName}</dd></div>
        <div><dt className="text-sm text-stone-600">{t('languageLabel')}</dt><dd className="font-medium">{h.preferredLanguage === 'es' ? 'Español' : 'English'}</dd></div>
        <div className="sm:col-span-2"><dt className="text-sm text-stone-600">{t('summaryLabel')}</dt><dd>{h.summary}</dd></div>
      </dl>
      <p className="mt-3 flex flex-wrap gap-4">
        <a href={`/api/calendar/hearings/${h.id}`} className="font-medium text-brand-800 underline" download>{t('downloadIcs')}</a>
        {scheduled && h.canRecord && <Link href={`${scheduleBase}/${h.caseId}/schedule?reschedule=${h.id}`} className="font-medium text-brand-800 underline">{t('reschedule')}</Link>}
      </p>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="sheet-h" className="rounded-lg border border-stone-200 bg-white p-4 lg:col-span-2">
          <h2 id="sheet-h" className="text-lg font-semibold">{t('panelAndNotes')}</h2>
          {h.canRecord ? (
            <ActionForm action={saveRunSheetAction} hidden={{ hearingId: h.id, version: h.version }} submit={t('saveRunSheet')} success={t('runSheetSaved')} className="mt-3">
              <fieldset>
                <legend className="font-medium">{t('attendance')}</legend>
                <ul className="mt-1 space-y-2">
                  {h.panel.map((s) => (
                    <li key={s.seatId} className="flex flex-wrap items-center gap-2">
                      <label htmlFor={`att-${s.seatId}`} className="min-w-48">{s.name} <span className="text-sm text-stone-600">({t(`role.${s.role}`)})</span></label>
                      <select id={`att-${s.seatId}`} name={`attendance_${s.seatId}`} defaultValue={s.attendance} className="rounded-md border border-stone-400 bg-white px-2 py-1.5">
                        {(['unknown', 'present', 'late', 'absent'] as const).map((a) => <option key={a} value={a}>{t(`attendanceValue.${a}`)}</option>)}
                      </select>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <div>
                <label htmlFor="agenda" className="block font-medium">{t('agenda')}</label>
                <textarea id="agenda" name="agenda" rows={3} maxLength={4000} defaultValue={h.agenda} className={input} />
              </div>
              <div>
                <label htmlFor="notes" className="block font-medium">{t('notes')}</label>
                <p id="notes-hint" className="text-sm text-stone-700">{t('notesHint')}</p>
                <textarea id="notes" name="notes" rows={4} maxLength={8000} defaultValue={h.notes} aria-describedby="notes-hint" className={input} />
              </div>
            </ActionForm>
          ) : (
            <>
              <ul className="mt-2 space-y-1">
                {h.panel.map((s) => <li key={s.seatId}>{s.name} <span className="text-sm text-stone-600">({t(`role.${s.role}`)})</span></li>)}
              </ul>
              <h3 className="mt-4 font-medium">{t('agenda')}</h3>
              <p className="whitespace-pre-line text-stone-800">{h.agenda || '—'}</p>
            </>
          )}
        </section>
        <aside className="space-y-6">
          {scheduled && h.canRecord && (
            <section aria-labelledby="outcome-h" className="rounded-lg border border-stone-200 bg-white p-4">
              <h2 id="outcome-h" className="text-lg font-semibold">{t('outcomeTitle')}</h2>
              <ActionForm action={recordDispositionAction} hidden={{ hearingId: h.id, version: h.version }} submit={t('outcomeSubmit')} success={t('outcomeSaved')} className="mt-3">
                <label htmlFor="disposition" className="block font-medium">{t('outcome')}</label>
                <select id="disposition" name="disposition" className={input}>
                  {(['held', 'no_show_participant', 'no_show_panel', 'postponed'] as const).map((d) => <option key={d} value={d}>{t(`hearingStatus.${d}`)}</option>)}
                </select>
                <label htmlFor="outcome-note" className="block font-medium">{t('outcomeNote')}</label>
                <textarea id="outcome-note" name="note" rows={2} maxLength={2000} className={input} />
              </ActionForm>
            </section>
          )}
          {scheduled && isCoordinator && (
            <section aria-labelledby="cancel-h" className="rounded-lg border border-stone-200 bg-white p-4">
              <h2 id="cancel-h" className="text-lg font-semibold">{t('cancelTitle')}</h2>
              <ActionForm action={cancelHearingAction} hidden={{ hearingId: h.id, version: h.version }} submit={t('cancelSubmit')} success={t('cancelled')} className="mt-3">
                <label htmlFor="cancel-reason" className="block font-medium">{t('cancelReason')}</label>
                <textarea id="cancel-reason" name="reason" rows={2} maxLength={1000} required className={input} />
              </ActionForm>
            </section>
          )}
          {!scheduled && h.statusReason && (
            <section className="rounded-lg border border-stone-200 bg-white p-4">
              <h2 className="text-lg font-semibold">{t('outcomeNote')}</h2>
              <p className="mt-1">{h.statusReason}</p>
            </section>
          )}
        </aside>
      </div>
    </>
  );
}
