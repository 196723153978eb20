import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { bookHearingAction, rescheduleHearingAction, reviewConflictAction, savePreferencesAction } from '@/app/(staff)/cases/[caseId]/schedule/actions';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db/client';
import { listCaseHearings } from '@/db/queries/hearings';
import { getParticipantPreferences, preferencePresets, type PreferencePreset } from '@/db/queries/participant-preferences';
import { findProposals } from '@/db/queries/scheduling';
import { listOpenTasks } from '@/db/queries/tasks';
import type { Actor } from '@/lib/auth/actor';
import type { CaseStatus } from '@/lib/domain/case-lifecycle';
import { formatClock } from '@/lib/domain/local-time';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { ActionForm } from './action-form';
import { HearingStatusBadge } from './hearing-status';
import { PreferencesForm } from './preferences-form';
import { describeMissing, presentProposals, weekdayNames } from './present';
import { ProposalPicker } from './proposal-picker';

/** The case scheduling screen, shared by the coordinator and the board chair. */
export async function CaseScheduling({ actor, caseId, reschedule, backHref, backLabel, runSheetBase }: { actor: Actor; caseId: string; reschedule?: string; backHref: string; backLabel: string; runSheetBase: string }) {
  const db = await getDb();
  const outOfReach = (err: unknown): never => {
    if (err instanceof NotFoundError || err instanceof ForbiddenError) notFound();
    throw err;
  };
  const hearingsOfCase = await listCaseHearings(db, actor, caseId).catch(outOfReach);
  const moving = reschedule ? hearingsOfCase.find((h) => h.id === reschedule && h.status === 'scheduled') : undefined;
  const result = await findProposals(db, actor, { caseId, ignoreHearingId: moving?.id }).catch(outOfReach);
  const { ctx } = result;
  const isCoordinator = actor.role === 'coordinator';
  const [prefs, tasks] = await Promise.all([getParticipantPreferences(db, actor, caseId), isCoordinator ? listOpenTasks(db, actor, { caseId }) : Promise.resolve([])]);
  const t = await getTranslations('scheduling');
  const ts = await getTranslations('status');
  const format = await getFormatter();
  const tz = ctx.timeZone;
  const proposals = await presentProposals(result.proposals, tz);
  const missing = await describeMissing(result.missing, ctx.board.name);
  const days = await weekdayNames('short');
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
  const status = ctx.caseStatus as CaseStatus;
  const kinds = status === 'assigned' || status === 'hearing_scheduled' ? ['initial'] : status === 'hearing_held' || status === 'in_progress' ? ['check_in', 'closing'] : [];

  // Which presets the stored windows cover, and the rest as "d HH:MM-HH:MM" lines.
  const stored = prefs?.windows ?? [];
  const presetOn = (Object.keys(preferencePresets) as PreferencePreset[]).filter((p) => preferencePresets[p].every((w) => stored.some((s) => s.weekday === w.weekday && s.start === w.start && s.end === w.end)));
  const covered = (w: { weekday: number; start: number; end: number }) => presetOn.some((p) => preferencePresets[p].some((x) => x.weekday === w.weekday && x.start === w.start && x.end === w.end));
  const extra = stored.filter((w) => !covered(w)).map((w) => `${w.weekday} ${formatClock(w.start)}-${formatClock(w.end)}`).join('\n');
  const flagged = ctx.conflicts;

  return (
    <>
      <Link href={backHref} className="text-sm text-brand-700 underline">← {backLabel}</Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t('caseTitle', { name: `${ctx.participant.firstName} ${ctx.participant.lastName}` })}</h1>
        <StatusBadge status={status} label={ts(status)} />
      </div>
      <p className="mt-1 text-stone-700">{t('caseIntro', { board: ctx.board.name, language: ctx.participant.preferredLanguage === 'es' ? 'Español' : 'English' })}</p>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="proposals-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="proposals-h" className="text-lg font-semibold">{moving ? t('rescheduleTitle', { when: when(moving.startsAt) }) : t('proposalsTitle')}</h2>
            {kinds.length === 0 && !moving ? (
              <p className="mt-2 text-stone-700">{t('notBookable')}</p>
            ) : (
              <>
                {proposals.length === 0 && <p className="mt-2 font-medium">{t('noProposals')}</p>}
                {missing.length > 0 && (
                  <div className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="missing">
                    <h3 className="font-medium">{t('missingTitle')}</h3>
                    <ul className="mt-1 list-inside list-disc text-sm">
                      {missing.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  </div>
                )}
                <div className="mt-3">
                  <ProposalPicker
                    action={moving ? rescheduleHearingAction : bookHearingAction}
                    hidden={moving ? { hearingId: moving.id, version: moving.version, caseId } : { caseId, ...(kinds.length === 1 ? { kind: kinds[0] } : {}) }}
                    proposals={proposals}
                    runSheetHref={`${runSheetBase}/HEARING`}
                    labels={{
                      legend: t('pickTime'),
                      panel: t('panel'),
                      chair: t('role.chair'),
                      alternate: t('role.alternate'),
                      noAlternate: t('noAlternate'),
                      video: t('video'),
                      submit: moving ? t('rescheduleSubmit') : t('bookSubmit'),
                      booked: moving ? t('rescheduled') : t('booked'),
                      openRunSheet: t('openRunSheet'),
                      ...(moving ? { reason: t('rescheduleReason') } : {}),
                      ...(kinds.length > 1 ? { kind: t('kindLabel'), kinds: kinds.map((k) => ({ value: k, label: t(`kind.${k}`) })) } : {}),
                    }}
                  />
                </div>
              </>
            )}
          </section>
          <section aria-labelledby="hearings-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="hearings-h" className="text-lg font-semibold">{t('hearingsTitle')}</h2>
            {hearingsOfCase.length === 0 ? (
              <p className="mt-2 text-stone-700">{t('noHearings')}</p>
            ) : (
              <ul className="mt-2 divide-y divide-stone-200">
                {hearingsOfCase.map((h) => (
                  <li key={h.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                    <Link href={`${runSheetBase}/${h.id}`} className="font-medium text-brand-800 underline-offset-2 hover:underline">{when(h.startsAt)}</Link>
                    <span className="text-sm text-stone-700">{t(`kind.${h.kind}`)} · {h.venueName}</span>
                    <HearingStatusBadge status={h.status} label={t(`hearingStatus.${h.status}`)} />
                    {h.status === 'scheduled' && <Link href={`?reschedule=${h.id}`} className="text-sm text-brand-700 underline">{t('reschedule')}</Link>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <aside className="space-y-6">
          {isCoordinator && tasks.length > 0 && (
            <section aria-labelledby="tasks-h" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
              <h2 id="tasks-h" className="text-lg font-semibold">{t('tasksTitle')}</h2>
              <ul className="mt-2 space-y-1 text-sm">
                {tasks.map(({ task }) => (
                  <li key={task.id}>{t(`task.${task.kind}`)} — {t('due', { date: when(task.dueAt) })}</li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="conflicts-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="conflicts-h" className="text-lg font-semibold">{t('conflictsTitle')}</h2>
            {flagged.length === 0 ? (
              <p className="mt-2 text-sm text-stone-700">{t('noConflicts')}</p>
            ) : (
              <ul className="mt-2 space-y-3 text-sm">
                {flagged.map((f) => (
                  <li key={`${f.userId}-${f.kind}`}>
                    <span className="font-medium">{f.name}</span> — {t(`conflictKind.${f.kind}`)} · {t(`conflictStatus.${f.status}`)}
                    {isCoordinator && f.source === 'auto' && (
                      <div className="mt-1 flex flex-wrap gap-2">
                        {f.status !== 'dismissed' && (
                          <ActionForm action={reviewConflictAction} hidden={{ caseId, userId: f.userId, kind: f.kind, decision: 'dismissed' }} submit={t('dismissFlag')} buttonClassName="!px-3 !py-1.5 text-sm" />
                        )}
                        {f.status !== 'active' && (
                          <ActionForm action={reviewConflictAction} hidden={{ caseId, userId: f.userId, kind: f.kind, decision: 'active' }} submit={t('confirmFlag')} buttonClassName="!px-3 !py-1.5 text-sm" />
                        )}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="prefs-h" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="prefs-h" className="text-lg font-semibold">{t('prefsTitle')}</h2>
            {isCoordinator ? (
              <div className="mt-3">
                <PreferencesForm
                  action={savePreferencesAction}
                  caseId={caseId}
                  values={{ version: prefs?.version ?? 0, presets: presetOn, extra, videoOk: prefs?.videoOk ?? true, inPersonOk: prefs?.inPersonOk ?? true, needsAccessibleVenue: prefs?.needsAccessibleVenue ?? false, childcareNeeded: prefs?.childcareNeeded ?? false, transportNeeded: prefs?.transportNeeded ?? false, notes: prefs?.notes ?? '' }}
                  presets={(Object.keys(preferencePresets) as PreferencePreset[]).map((p) => ({ value: p, label: t(`preset.${p}`) }))}
                  labels={{ times: t('prefsTimes'), extra: t('prefsExtra'), extraHint: t('prefsExtraHint', { days: days.map((d, i) => `${i} = ${d}`).join(', ') }), how: t('prefsHow'), videoOk: t('prefsVideo'), inPersonOk: t('prefsInPerson'), needs: t('prefsNeeds'), accessible: t('prefsAccessible'), childcare: t('prefsChildcare'), transport: t('prefsTransport'), notes: t('prefsNotes'), submit: t('prefsSave'), saved: t('prefsSaved') }}
                />
              </div>
            ) : (
              <p className="mt-2 text-sm text-stone-700">{stored.length ? stored.map((w) => `${days[w.weekday]} ${formatClock(w.start)}–${formatClock(w.end)}`).join(' · ') : t('prefsAny')}</p>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}


