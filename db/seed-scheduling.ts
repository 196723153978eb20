import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import {
  availabilityExceptions,
  boardMemberships,
  boards,
  caseAssignments,
  caseEvents,
  caseTasks,
  cases,
  hearingPanelists,
  hearings,
  jurisdictions,
  participantHearingPreferences,
  participants,
  users,
  venues,
  volunteerAvailability,
  volunteerProfiles,
  type WeeklyWindow,
} from './schema';
import type { CaseEventPayload } from '@/lib/domain/case-events';
import { localIsoDate } from '@/lib/domain/local-date';
import { dayNumber, isoDateOfDay, MINUTES_PER_DAY, weekdayOfDay, zoneClock } from '@/lib/domain/local-time';
import { defaultSchedulingRules, defaultVolunteerRules } from '@/lib/domain/scheduling-settings';
import type { Db } from './types';

const DAY = 86_400_000;
const H = (h: number, m = 0) => h * 60 + m;
const days = (ds: number[], start: number, end: number): WeeklyWindow[] => ds.map((weekday) => ({ weekday, start, end }));

/**
 * Demo data for scheduling: venues, volunteer readiness and availability, and real hearings for
 * the seeded cases (upcoming for hearing_scheduled, past and held for later statuses), placed so
 * the no-overlap constraints hold. Deterministic for a given `now`.
 */
export async function seedScheduling(tx: Db, ctx: { jurisdictionId: string; now: Date }) {
  const { jurisdictionId, now } = ctx;
  const [j] = await tx.select().from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  const tz = j.timeZone;
  await tx
    .update(jurisdictions)
    .set({ settings: { ...j.settings, volunteerRules: defaultVolunteerRules, scheduling: defaultSchedulingRules } })
    .where(eq(jurisdictions.id, jurisdictionId));
  const today = dayNumber(localIsoDate(now, tz));
  const dateAt = (offset: number) => isoDateOfDay(today + offset);

  // Terms relative to today so the demo never ages out: chairs serve one-year terms.
  const boardRows = await tx.select().from(boards).where(eq(boards.jurisdictionId, jurisdictionId)).orderBy(asc(boards.name));
  const boardIds = boardRows.map((b) => b.id);
  await tx.update(boardMemberships).set({ termStart: dateAt(-120), termEnd: dateAt(245) }).where(and(inArray(boardMemberships.boardId, boardIds), eq(boardMemberships.role, 'chair')));
  await tx.update(boardMemberships).set({ termStart: dateAt(-300), termEnd: dateAt(800) }).where(and(inArray(boardMemberships.boardId, boardIds), eq(boardMemberships.role, 'member')));

  // Venues.
  const weekdayEvenings = days([1, 2, 3, 4], H(9), H(21));
  const venueRows = await tx
    .insert(venues)
    .values([
      { jurisdictionId, name: 'Lucile H. Bluford Branch Library', kind: 'library' as const, room: 'Community room', addressLine: '3050 Prospect Ave', zip: '64128', capacity: 20, accessible: true, accessibilityNotes: 'Step-free entrance on Prospect; accessible restroom.', hours: [...weekdayEvenings, ...days([5, 6], H(9), H(17))] },
      { jurisdictionId, name: 'Northeast Community Center', kind: 'community_center' as const, room: 'Room 2', addressLine: '3700 Independence Ave', zip: '64124', capacity: 15, accessible: true, hours: [...days([1, 2, 3, 4, 5], H(9), H(21)), ...days([6], H(9), H(14))] },
      { jurisdictionId, name: 'Grace Community Church Hall', kind: 'church' as const, room: 'Fellowship hall', addressLine: '2800 Troost Ave', zip: '64109', capacity: 30, accessible: false, accessibilityNotes: 'Hall is down a flight of stairs; no elevator.', hours: [...days([2, 4], H(17), H(21)), ...days([6], H(9), H(13))] },
      { jurisdictionId, name: 'Westside Community Action Center', kind: 'community_center' as const, room: 'Sala B', addressLine: '919 W 24th St', zip: '64108', capacity: 12, accessible: true, hours: [...days([1, 2, 3, 4], H(10), H(21)), ...days([6], H(10), H(14))] },
      { jurisdictionId, name: 'Video room 1', kind: 'video' as const, meetingUrl: 'https://meet.example.org/cg-jackson-1', capacity: 12, accessible: true, hours: [] },
      { jurisdictionId, name: 'Video room 2', kind: 'video' as const, meetingUrl: 'https://meet.example.org/cg-jackson-2', capacity: 12, accessible: true, hours: [] },
    ])
    .returning();
  const venueByName = new Map(venueRows.map((v) => [v.name, v]));

  // Volunteer readiness. Everyone is ready except three, chosen on boards that keep a quorum
  // without them, so the roster has something to show.
  const vols = await tx.select().from(users).where(and(eq(users.jurisdictionId, jurisdictionId), eq(users.role, 'volunteer'))).orderBy(asc(users.email));
  const ordered = [...vols].sort((a, b) => emailIndex(a.email) - emailIndex(b.email));
  // Twenty volunteers for eight boards is thin: volunteers also serve a second board so every
  // board has five people to draw panels from (members only; each board keeps its one chair).
  let memberships = await tx.select().from(boardMemberships).where(inArray(boardMemberships.boardId, boardIds));
  const byEmail = [...vols].sort((a, b) => emailIndex(a.email) - emailIndex(b.email));
  const extra: (typeof boardMemberships.$inferInsert)[] = [];
  for (const b of boardRows) {
    const have = new Set(memberships.filter((m) => m.boardId === b.id).map((m) => m.userId));
    const pool = byEmail
      .map((v, i) => ({ v, i }))
      .filter(({ v, i }) => !have.has(v.id) && (b.language === 'es' ? i % 7 === 3 || v.locale === 'es' : v.locale !== 'es'))
      .sort((x, y) => memberships.filter((m) => m.userId === x.v.id).length + extra.filter((m) => m.userId === x.v.id).length - (memberships.filter((m) => m.userId === y.v.id).length + extra.filter((m) => m.userId === y.v.id).length) || x.i - y.i);
    for (const { v } of pool.slice(0, Math.max(0, 5 - have.size))) extra.push({ boardId: b.id, userId: v.id, role: 'member', termStart: dateAt(-300), termEnd: dateAt(800) });
  }
  if (extra.length) await tx.insert(boardMemberships).values(extra);
  memberships = await tx.select().from(boardMemberships).where(inArray(boardMemberships.boardId, boardIds));
  const membersOf = (boardId: string) => memberships.filter((m) => m.boardId === boardId);
  const boardsOf = (userId: string) => memberships.filter((m) => m.userId === userId);
  const notReady = new Map<string, 'expired' | 'training' | 'expiring'>();
  const expiring = [...ordered].reverse().find((v) => boardsOf(v.id).every((m) => m.role !== 'chair'));
  if (expiring) notReady.set(expiring.id, 'expiring');
  const blocking = (userId: string) => notReady.get(userId) === 'expired' || notReady.get(userId) === 'training';
  for (const v of ordered) {
    if (notReady.size >= 3) break;
    const ms = boardsOf(v.id);
    if (notReady.has(v.id) || ms.some((m) => m.role === 'chair' || membersOf(m.boardId).filter((x) => !blocking(x.userId)).length < 4)) continue;
    notReady.set(v.id, notReady.size === 1 ? 'expired' : 'training');
  }
  const zips = ['64124', '64127', '64128', '64130', '64109', '64110', '64111', '64108', '64132', '64134'];
  await tx.insert(volunteerProfiles).values(
    ordered.map((v, i) => {
      const state = notReady.get(v.id);
      const lastName = v.name.split(' ').at(-1)!;
      return {
        userId: v.id,
        jurisdictionId,
        backgroundCheckDate: dateAt(state === 'expired' ? -800 : -200 - i),
        backgroundCheckExpires: dateAt(state === 'expired' ? -70 : state === 'expiring' ? 20 : 530 - i),
        trainingHours: state === 'training' ? 12 : 17 + (i % 6),
        hearingsObserved: 2 + (i % 3),
        confidentialitySignedAt: dateAt(-190 - i),
        languages: v.locale === 'es' ? ['es', 'en'] : i % 7 === 3 ? ['en', 'es'] : ['en'],
        needsAccessibleVenue: i === 11,
        monthlyHearingLimit: boardsOf(v.id).some((m) => m.role === 'chair') ? CHAIR_LIMIT : limitOfIndex(i),
        lastName,
        // Kenneth Brooks lives in the same ZIP as the demo participant Taylor Brooks: an auto-flag to review.
        addressLine: `${1200 + i * 37} ${['Benton Blvd', 'Wabash Ave', 'Park Ave', 'Bellefontaine Ave', 'Garfield Ave'][i % 5]}`,
        zip: lastName === 'Brooks' ? '64111' : zips[i % zips.length],
      };
    }),
  );

  // Availability: mostly weekday evenings and Saturday mornings.
  const windowsOf = (i: number): WeeklyWindow[] => [
    ...days([2, 4], H(17, 30), H(21)),
    ...(i % 2 === 1 ? days([1, 3], H(18), H(21)) : days([3], H(17), H(20))),
    ...(i % 2 === 0 || i % 5 === 0 ? days([6], H(9), H(13)) : []),
  ];
  await tx.insert(volunteerAvailability).values(ordered.flatMap((v, i) => windowsOf(i).map((w) => ({ userId: v.id, jurisdictionId, weekday: w.weekday, startMinute: w.start, endMinute: w.end }))));
  await tx.insert(availabilityExceptions).values([
    { userId: ordered[2].id, jurisdictionId, date: dateAt(9), kind: 'unavailable' as const, note: 'Out of town' },
    { userId: ordered[4].id, jurisdictionId, date: dateAt(12), kind: 'available' as const, startMinute: H(10), endMinute: H(12), note: 'Extra morning' },
  ]);
  const availableAt = (userIndex: number, weekday: number, start: number, end: number) => windowsOf(userIndex).some((w) => w.weekday === weekday && w.start <= start && end <= w.end);

  // Hearings. Every seeded hearing gets its own time slot, so no volunteer, room or participant
  // can overlap whatever the panels are.
  const clock = zoneClock(tz, now.getTime() / 60_000 - 200 * MINUTES_PER_DAY, now.getTime() / 60_000 + 60 * MINUTES_PER_DAY);
  const usedSlots = new Set<string>();
  const slotTimes = (weekday: number) => (weekday === 6 ? [H(9, 30), H(11)] : weekday === 0 ? [] : [H(18), H(19, 30)]);
  const userIndex = new Map(ordered.map((v, i) => [v.id, i]));
  const isReady = (userId: string) => notReady.get(userId) !== 'expired' && notReady.get(userId) !== 'training';

  type Plan = { caseId: string; participantId: string; boardId: string; kind: 'initial' | 'check_in'; status: 'scheduled' | 'held' | 'no_show_participant'; day: number; minute: number; panel: { userId: string; role: 'chair' | 'member' | 'alternate' }[] };
  const plans: Plan[] = [];
  // Fair panels: fewest seats so far first, and nobody over their monthly limit.
  const seatCount = new Map<string, number>();
  const monthSeats = new Map<string, number>();
  const limitOf = (userId: string) => (boardsOf(userId).some((m) => m.role === 'chair') ? CHAIR_LIMIT : limitOfIndex(userIndex.get(userId)!));
  const monthKey = (userId: string, day: number) => `${userId}:${isoDateOfDay(day).slice(0, 7)}`;
  const panelFor = (boardId: string, day: number, minute: number, checkAvailability: boolean, withAlternate = false) => {
    const weekday = weekdayOfDay(day);
    const ms = membersOf(boardId)
      .filter((m) => isReady(m.userId) && (!checkAvailability || availableAt(userIndex.get(m.userId)!, weekday, minute, minute + 60)) && (monthSeats.get(monthKey(m.userId, day)) ?? 0) < limitOf(m.userId))
      .sort((a, b) => (seatCount.get(a.userId) ?? 0) - (seatCount.get(b.userId) ?? 0) || userIndex.get(a.userId)! - userIndex.get(b.userId)!);
    const chair = ms.find((m) => m.role === 'chair');
    const others = ms.filter((m) => m.role !== 'chair');
    if (!chair || others.length < 2) return null;
    const panel = [{ userId: chair.userId, role: 'chair' as const }, ...others.slice(0, 2).map((m) => ({ userId: m.userId, role: 'member' as const })), ...(withAlternate && others[2] ? [{ userId: others[2].userId, role: 'alternate' as const }] : [])];
    // Alternates are on call: they hold the time but do not count toward the monthly limit.
    for (const seat of panel.filter((x) => x.role !== 'alternate')) {
      seatCount.set(seat.userId, (seatCount.get(seat.userId) ?? 0) + 1);
      monthSeats.set(monthKey(seat.userId, day), (monthSeats.get(monthKey(seat.userId, day)) ?? 0) + 1);
    }
    return panel;
  };
  /** The first free slot from `fromDay` going forward (upcoming) or backward (past). */
  const place = (boardId: string, fromDay: number, step: 1 | -1, checkAvailability: boolean, weekdaysOnly = false, withAlternate = false) => {
    for (let d = fromDay, n = 0; n < 60; d += step, n++) {
      const wd = weekdayOfDay(d);
      if (weekdaysOnly && (wd === 0 || wd === 6)) continue;
      for (const minute of slotTimes(wd)) {
        const key = `${d}:${minute}`;
        if (usedSlots.has(key)) continue;
        const panel = panelFor(boardId, d, minute, checkAvailability, withAlternate);
        if (!panel) continue;
        usedSlots.add(key);
        return { day: d, minute, panel };
      }
    }
    return null;
  };

  const caseRows = await tx
    .select({ id: cases.id, status: cases.status, participantId: cases.participantId, firstHearingAt: cases.firstHearingAt, referredAt: cases.referredAt, boardId: caseAssignments.boardId, email: participants.email })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .innerJoin(caseAssignments, and(eq(caseAssignments.caseId, cases.id), isNull(caseAssignments.endedAt)))
    .where(and(eq(cases.jurisdictionId, jurisdictionId), inArray(cases.status, ['hearing_scheduled', 'hearing_held', 'in_progress', 'completed'])))
    .orderBy(asc(cases.referredAt));
  // The demo participant's hearing takes the first evening so the demo always shows it.
  caseRows.sort((a, b) => Number(b.email === 'participant@demo.test') - Number(a.email === 'participant@demo.test'));
  const northeast = boardRows.find((b) => b.name === 'Northeast')!;
  let noShowDone = false;
  let checkInsOnNortheast = 0;
  for (const c of caseRows) {
    if (c.status === 'hearing_scheduled') {
      // One case shows the no-show path: a missed hearing last week, and its one reschedule.
      if (!noShowDone && c.email === null && c.boardId !== northeast.id) {
        const missed = place(c.boardId, today - 5, -1, false);
        if (missed) {
          plans.push({ caseId: c.id, participantId: c.participantId, boardId: c.boardId, kind: 'initial', status: 'no_show_participant', ...missed });
          noShowDone = true;
        }
      }
      const slot = place(c.boardId, today + 2, 1, true, c.email === 'participant@demo.test', true);
      if (slot) plans.push({ caseId: c.id, participantId: c.participantId, boardId: c.boardId, kind: 'initial', status: 'scheduled', ...slot });
    } else if (c.firstHearingAt) {
      const held = place(c.boardId, Math.min(today - 1, dayNumber(localIsoDate(c.firstHearingAt, tz))), -1, false);
      if (held) plans.push({ caseId: c.id, participantId: c.participantId, boardId: c.boardId, kind: 'initial', status: 'held', ...held });
      // Mid-term check-ins for some cases in progress (always for Northeast, the demo volunteer's board).
      // The second demo participant also has one, so the portal demo shows a meeting to confirm.
      if (c.status === 'in_progress' && ((c.boardId === northeast.id && checkInsOnNortheast++ < 2) || c.email === 'participant2@demo.test')) {
        const next = place(c.boardId, today + 3, 1, true);
        if (next) plans.push({ caseId: c.id, participantId: c.participantId, boardId: c.boardId, kind: 'check_in', status: 'scheduled', ...next });
      }
    }
  }

  const venueFor = (boardId: string, k: number) => {
    const b = boardRows.find((x) => x.id === boardId)!;
    if (b.id === northeast.id) return venueByName.get('Northeast Community Center')!;
    if (b.language === 'es') return venueByName.get(k % 2 ? 'Video room 1' : 'Westside Community Action Center')!;
    return venueRows[(k + b.name.length) % venueRows.length];
  };
  const coordinator = (await tx.select().from(users).where(and(eq(users.jurisdictionId, jurisdictionId), eq(users.role, 'coordinator'))).limit(1))[0];
  const eventRows: (typeof caseEvents.$inferInsert)[] = [];
  for (const [k, p] of plans.entries()) {
    const startMin = clock.toUtc(p.day * MINUTES_PER_DAY + p.minute);
    const startsAt = new Date(startMin * 60_000);
    const endsAt = new Date(startsAt.getTime() + 60 * 60_000);
    let venue = venueFor(p.boardId, k);
    if (!venue.accessible && p.panel.some((s) => userIndex.get(s.userId) === 11)) venue = venueByName.get('Video room 2')!;
    const [h] = await tx
      .insert(hearings)
      .values({ jurisdictionId, caseId: p.caseId, participantId: p.participantId, boardId: p.boardId, kind: p.kind, startsAt, endsAt, venueId: venue.id, status: p.status, bookedByUserId: coordinator.id, agenda: p.kind === 'initial' ? 'Welcome and introductions; what happened; who was affected; agreement ideas.' : 'Progress on the agreement; anything in the way; next steps.', createdAt: new Date(Math.min(now.getTime(), startsAt.getTime()) - 7 * DAY) })
      .returning();
    await tx.insert(hearingPanelists).values(p.panel.map((s) => ({ hearingId: h.id, userId: s.userId, role: s.role, attendance: p.status === 'held' ? ('present' as const) : ('unknown' as const) })));
    const ref = { hearingId: h.id, kind: p.kind, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), venueId: venue.id, venueName: venue.name, panelUserIds: p.panel.filter((s) => s.role !== 'alternate').map((s) => s.userId), alternateUserId: p.panel.find((s) => s.role === 'alternate')?.userId ?? null, sequence: 0 };
    const push = (payload: CaseEventPayload, at: Date) => eventRows.push({ caseId: p.caseId, jurisdictionId, type: payload.type, payload, occurredAt: at, actorUserId: coordinator.id, actorRole: 'coordinator' });
    push({ type: 'hearing_booked', ...ref }, h.createdAt);
    if (p.status !== 'scheduled') push({ type: 'hearing_disposition', disposition: p.status, note: null, ...ref }, endsAt);
    if (p.status === 'held' && p.kind === 'initial') await tx.update(cases).set({ firstHearingAt: startsAt }).where(eq(cases.id, p.caseId));
    if (p.status === 'no_show_participant') {
      const [task] = await tx
        .insert(caseTasks)
        .values({ jurisdictionId, caseId: p.caseId, kind: 'no_show_outreach', title: 'Reach out after the missed hearing and offer one reschedule', details: { hearingId: h.id, reschedulesLeft: 1 }, dueAt: new Date(endsAt.getTime() + 2 * DAY), assignedToUserId: coordinator.id })
        .returning();
      push({ type: 'task_opened', taskId: task.id, kind: task.kind, title: task.title }, endsAt);
    }
  }
  if (eventRows.length) await tx.insert(caseEvents).values(eventRows);

  // What the demo participant told the coordinator about when they can come.
  const [demo] = await tx.select({ id: participants.id }).from(participants).where(eq(participants.email, 'participant@demo.test'));
  if (demo) await tx.insert(participantHearingPreferences).values({ participantId: demo.id, jurisdictionId, windows: days([1, 2, 3, 4, 5], H(17), H(21)), videoOk: true, inPersonOk: true, transportNeeded: true, notes: 'Works days; the bus is easiest after 5 pm.', updatedByUserId: coordinator.id });
}

/** Monthly hearing limits. A board's chair sits on most of its hearings, so chairs take more. */
const CHAIR_LIMIT = 14;
const limitOfIndex = (i: number) => 6 + (i % 3);

function emailIndex(email: string): number {
  const m = /^volunteer(\d*)@/.exec(email);
  return m ? (m[1] ? Number(m[1]) - 1 : 0) : 999;
}
