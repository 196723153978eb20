import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { bookHearingAction } from '@/app/(staff)/cases/[caseId]/schedule/actions';
import { ActionForm } from '@/components/scheduling/action-form';
import { HearingStatusBadge } from '@/components/scheduling/hearing-status';
import { describeMissing, presentProposals } from '@/components/scheduling/present';
import { ProposalPicker } from '@/components/scheduling/proposal-picker';
import { getDb } from '@/db/client';
import { listBoards } from '@/db/queries/boards';
import { listHearings, type HearingListItem } from '@/db/queries/hearings';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { planBoardWeek } from '@/db/queries/scheduling';
import { listOpenTasks } from '@/db/queries/tasks';
import { requireActor } from '@/lib/auth/session';
import { localIsoDate } from '@/lib/domain/local-date';
import { dayNumber, isoDateOfDay, MINUTES_PER_DAY, zoneClock } from '@/lib/domain/local-time';
import { scheduleWeekMonday } from '@/lib/domain/url-dates';
import { completeTaskAction } from './actions';

export const metadata: Metadata = { title: 'Hearing schedule' };

type Search = { board?: string; view?: string; week?: string; plan?: string };

export default async function SchedulePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor(['coordinator']);
  const sp = await searchParams;
  const db = await getDb();
  const [j, boards, tasks] = await Promise.all([getMyJurisdiction(db, actor), listBoards(db, actor), listOpenTasks(db, actor)]);
  const t = await getTranslations('scheduling');
  const format = await getFormatter();
  const tz = j.timeZone;
  const boardId = boards.some((b) => b.id === sp.board) ? sp.board : undefined;
  const view = sp.view === 'list' ? 'list' : 'week';

  // The local week (Monday first) that contains ?week=, or today's when ?week= is no date from
  // 1900 to November 9999 (beyond that the list's end would fall in year 10000).
  const today = dayNumber(localIsoDate(new Date(), tz));
  const monday = scheduleWeekMonday(sp.week, today);
  const spanDays = view === 'week' ? 7 : 28;
  const clock = zoneClock(tz, (monday - 1) * MINUTES_PER_DAY, (monday + spanDays + 1) * MINUTES_PER_DAY);
  const from = new Date(clock.toUtc(monday * MINUTES_PER_DAY) * 60_000);
  const to = new Date(clock.toUtc((monday + spanDays) * MINUTES_PER_DAY) * 60_000);
  const items = await listHearings(db, actor, { from, to, boardId });
  const plan = sp.plan && boardId ? await planBoardWeek(db, actor, boardId) : null;

  const q = (o: Partial<Search>) => {
    const p = new URLSearchParams();
    const merged = { board: boardId, view, week: isoDateOfDay(monday), ...o };
    for (const [k, v] of Object.entries(merged)) if (v) p.set(k, v);
    return `/schedule?${p.toString()}`;
  };
  const time = (h: HearingListItem) => `${format.dateTime(h.startsAt, { timeStyle: 'short', timeZone: tz })}–${format.dateTime(h.endsAt, { timeStyle: 'short', timeZone: tz })}`;
  const dayTitle = (d: number) => format.dateTime(new Date(`${isoDateOfDay(d)}T12:00:00Z`), { weekday: 'long', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const byDay = new Map<number, HearingListItem[]>();
  for (const h of items) {
    const d = dayNumber(localIsoDate(h.startsAt, tz));
    byDay.set(d, [...(byDay.get(d) ?? []), h]);
  }
  const tab = (active: boolean) => `rounded-md px-3 py-2 text-sm font-medium ${active ? 'bg-brand-700 text-white' : 'border border-stone-300 bg-white text-stone-800'}`;

  return (
    <>
      <h1 className="text-2xl font-semibold">{t('scheduleTitle')}</h1>
      <p className="mt-1 text-stone-700">{t('scheduleIntro', { zone: tz })}</p>

      {tasks.length > 0 && (
        <section aria-labelledby="tasks-h" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h2 id="tasks-h" className="text-lg font-semibold">{t('tasksTitle')}</h2>
          <ul className="mt-2 space-y-2">
            {tasks.map(({ task, firstName, lastName }) => (
              <li key={task.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Link href={`/cases/${task.caseId}/schedule`} className="font-medium text-brand-800 underline">{firstName} {lastName}</Link>
                <span className="text-sm">{t(`task.${task.kind}`)} — {t('due', { date: format.dateTime(task.dueAt, { dateStyle: 'medium', timeZone: tz }) })}</span>
                <ActionForm action={completeTaskAction} hidden={{ taskId: task.id, version: task.version }} submit={t('taskDone')} buttonClassName="!px-3 !py-1 text-sm" />
              </li>
            ))}
          </ul>
        </section>
      )}

      <form method="get" action="/schedule" className="mt-4 flex flex-wrap items-end gap-3">
        <input type="hidden" name="view" value={view} />
        <input type="hidden" name="week" value={isoDateOfDay(monday)} />
        <div>
          <label htmlFor="board" className="block text-sm font-medium">{t('boardLabel')}</label>
          <select id="board" name="board" defaultValue={boardId ?? ''} className="mt-1 rounded-md border border-stone-400 bg-white px-3 py-2">
            <option value="">{t('allBoards')}</option>
            {boards.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-stone-400 bg-white px-4 py-2 font-medium">{t('show')}</button>
      </form>
      <nav aria-label={t('viewNav')} className="mt-3 flex flex-wrap items-center gap-2">
        <Link href={q({ view: 'week' })} className={tab(view === 'week')} aria-current={view === 'week' ? 'page' : undefined}>{t('weekView')}</Link>
        <Link href={q({ view: 'list' })} className={tab(view === 'list')} aria-current={view === 'list' ? 'page' : undefined}>{t('listView')}</Link>
        <span className="mx-2 hidden h-6 w-px bg-stone-300 sm:inline-block" />
        <Link href={q({ week: isoDateOfDay(monday - 7) })} className="text-sm text-brand-800 underline">← {t('previous')}</Link>
        <span className="text-sm font-medium">{t('weekOf', { date: dayTitle(monday) })}</span>
        <Link href={q({ week: isoDateOfDay(monday + 7) })} className="text-sm text-brand-800 underline">{t('next')} →</Link>
        {boardId && <Link href={q({ plan: '1' })} className="ml-auto text-sm font-medium text-brand-800 underline">{t('planBoard')}</Link>}
      </nav>

      {plan && (
        <section aria-labelledby="plan-h" className="mt-4 rounded-lg border border-brand-100 bg-white p-4">
          <h2 id="plan-h" className="text-lg font-semibold">{t('planTitle')}</h2>
          <p className="text-sm text-stone-700">{t('planIntro')}</p>
          {plan.length === 0 ? (
            <p className="mt-2">{t('planEmpty')}</p>
          ) : (
            <ul className="mt-3 space-y-4">
              {await Promise.all(
                plan.map(async (p) => (
                  <li key={p.caseId} className="rounded-lg border border-stone-200 p-3">
                    <Link href={`/cases/${p.caseId}/schedule`} className="font-medium text-brand-800 underline">{p.participant.firstName} {p.participant.lastName}</Link>
                    {p.proposal ? (
                      <div className="mt-2">
                        <ProposalPicker action={bookHearingAction} hidden={{ caseId: p.caseId, kind: 'initial' }} proposals={await presentProposals([p.proposal], tz)} runSheetHref="/hearings/HEARING" labels={{ legend: t('pickTime'), panel: t('panel'), chair: t('role.chair'), alternate: t('role.alternate'), noAlternate: t('noAlternate'), video: t('video'), submit: t('bookSubmit'), booked: t('booked'), openRunSheet: t('openRunSheet') }} />
                      </div>
                    ) : (
                      <ul className="mt-1 list-inside list-disc text-sm">{(await describeMissing(p.missing, boards.find((b) => b.id === boardId)?.name ?? '')).map((m) => <li key={m}>{m}</li>)}</ul>
                    )}
                  </li>
                )),
              )}
            </ul>
          )}
        </section>
      )}

      {view === 'week' ? (
        <div className="mt-4 grid gap-3 md:grid-cols-7" data-testid="week-view">
          {Array.from({ length: 7 }, (_, i) => monday + i).map((d) => (
            <section key={d} aria-labelledby={`day-${d}`} className={`rounded-lg border p-2 ${d === today ? 'border-brand-700' : 'border-stone-200'} bg-white`}>
              <h2 id={`day-${d}`} className="text-sm font-semibold">{dayTitle(d)}</h2>
              {(byDay.get(d) ?? []).length === 0 ? (
                <p className="mt-1 text-xs text-stone-500">{t('nothing')}</p>
              ) : (
                <ul className="mt-1 space-y-2">
                  {(byDay.get(d) ?? []).map((h) => (
                    <li key={h.id} className={`rounded-md border border-stone-200 p-2 text-sm ${h.status === 'cancelled' || h.status === 'postponed' ? 'opacity-60' : ''}`}>
                      <Link href={`/hearings/${h.id}`} className="font-medium text-brand-800 underline-offset-2 hover:underline">{time(h)}</Link>
                      <span className="block">{h.firstName} {h.lastName}</span>
                      <span className="block text-xs text-stone-600">{h.boardName} · {h.venueName}</span>
                      {h.status !== 'scheduled' && <HearingStatusBadge status={h.status} label={t(`hearingStatus.${h.status}`)} />}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      ) : items.length === 0 ? (
        <p className="mt-4 text-stone-700">{t('nothing')}</p>
      ) : (
        <>
          <ul className="mt-4 space-y-2 md:hidden">
            {items.map((h) => (
              <li key={h.id} className="rounded-lg border border-stone-200 bg-white p-3">
                <Link href={`/hearings/${h.id}`} className="font-medium text-brand-800 underline">{dayTitle(dayNumber(localIsoDate(h.startsAt, tz)))} · {time(h)}</Link>
                <span className="block">{h.firstName} {h.lastName} · {t(`kind.${h.kind}`)}</span>
                <span className="block text-sm text-stone-600">{h.boardName} · {h.venueName}</span>
                <HearingStatusBadge status={h.status} label={t(`hearingStatus.${h.status}`)} />
              </li>
            ))}
          </ul>
          <table className="mt-4 hidden w-full border-collapse bg-white text-left md:table">
            <thead>
              <tr className="border-b border-stone-300 text-sm text-stone-600">
                <th scope="col" className="p-2">{t('colWhen')}</th>
                <th scope="col" className="p-2">{t('participantLabel')}</th>
                <th scope="col" className="p-2">{t('boardLabel')}</th>
                <th scope="col" className="p-2">{t('where')}</th>
                <th scope="col" className="p-2">{t('panel')}</th>
                <th scope="col" className="p-2">{t('colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((h) => (
                <tr key={h.id} className="border-b border-stone-200 align-top">
                  <td className="p-2"><Link href={`/hearings/${h.id}`} className="font-medium text-brand-800 underline">{dayTitle(dayNumber(localIsoDate(h.startsAt, tz)))}</Link><span className="block text-sm">{time(h)}</span></td>
                  <td className="p-2">{h.firstName} {h.lastName}<span className="block text-sm text-stone-600">{t(`kind.${h.kind}`)}</span></td>
                  <td className="p-2">{h.boardName}</td>
                  <td className="p-2">{h.venueName}</td>
                  <td className="p-2 text-sm">{h.panel.filter((s) => s.role !== 'alternate').map((s) => s.name).join(', ')}</td>
                  <td className="p-2"><HearingStatusBadge status={h.status} label={t(`hearingStatus.${h.status}`)} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
