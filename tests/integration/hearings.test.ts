import { and, count, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { calendarFeedByToken, createCalendarFeed, hearingIcs, revokeCalendarFeed } from '@/db/queries/calendar';
import { bookHearing, cancelHearing, listMyHearings, recordDisposition, rescheduleHearing, SlotTakenWithOptions } from '@/db/queries/hearings';
import { encodeProposal, findProposals, planBoardWeek } from '@/db/queries/scheduling';
import { auditLog, caseTasks, cases, hearingPanelists, hearings, participants, users, venues, volunteerConflicts } from '@/db/schema';
import { errorResult } from '@/lib/actions';
import { NotFoundError, RuleError, sqlState } from '@/lib/errors';
import { actorOf, caseEventsOf, makeCase, makeUser } from '../helpers/factories';
import { makeAssignedCase, makeSchedulingWorld, makeVenue, makeVolunteer } from '../helpers/scheduling-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

const token = (start: Date, venueId: string, chair: string, members: string[], alt: string | null = null) =>
  encodeProposal({ start: Math.floor(start.getTime() / 60_000), venueId, panel: [{ id: chair, role: 'chair' }, ...members.map((id) => ({ id, role: 'member' as const }))], alternate: alt });

function parseIcs(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents('vevent').map((ev) => ({
    uid: String(ev.getFirstPropertyValue('uid')),
    sequence: Number(ev.getFirstPropertyValue('sequence')),
    status: String(ev.getFirstPropertyValue('status')),
    start: (ev.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate(),
    summary: String(ev.getFirstPropertyValue('summary')),
    description: String(ev.getFirstPropertyValue('description')),
    location: String(ev.getFirstPropertyValue('location')),
  }));
}

const calName = (text: string) => String(new ICAL.Component(ICAL.parse(text)).getFirstPropertyValue('x-wr-calname'));

const eventsOf = (caseId: string) => caseEventsOf(t.db, caseId);

describe('proposals and booking', () => {
  it('proposes panels of three with a chair and an alternate, and booking moves the case to hearing scheduled', async () => {
    const w = await makeSchedulingWorld(t.db);
    const c = await makeAssignedCase(t.db, w);
    const r = await findProposals(t.db, w.coord, { caseId: c.id });
    expect(r.proposals).toHaveLength(5);
    const p = r.proposals[0];
    expect(p.panel).toHaveLength(3);
    expect(p.panel[0]).toMatchObject({ userId: w.chair.id, role: 'chair', name: 'Chair Person' });
    expect(p.alternate).not.toBeNull();
    expect(p.startsAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const booked = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: p.token });
    const [row] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row.status).toBe('hearing_scheduled');
    const evs = await eventsOf(c.id);
    expect(evs.map((e) => e.type)).toEqual(['status_changed', 'hearing_booked']);
    expect(evs[1]).toMatchObject({ type: 'hearing_booked', hearingId: booked.hearingId, panelUserIds: p.panel.map((s) => s.userId), alternateUserId: p.alternate!.userId, sequence: 0 });
    const [{ n }] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'hearing.book'), eq(auditLog.entityId, booked.hearingId)));
    expect(n).toBe(1);
    const seats = await t.db.select().from(hearingPanelists).where(eq(hearingPanelists.hearingId, booked.hearingId));
    expect(seats).toHaveLength(4);
    expect(seats.every((s) => s.active)).toBe(true);

    // The volunteer sees it in "my hearings"; the next search no longer offers that panel at that time.
    const mine = await listMyHearings(t.db, actorOf(w.chair));
    expect(mine.map((h) => h.id)).toContain(booked.hearingId);
    const c2 = await makeAssignedCase(t.db, w);
    const again = await findProposals(t.db, w.coord, { caseId: c2.id });
    expect(again.proposals.map((x) => x.startsAt.getTime())).not.toContain(p.startsAt.getTime());
  });

  it('refuses a panelist who is not eligible or is conflicted, and a volunteer who is not the chair', async () => {
    const w = await makeSchedulingWorld(t.db);
    const lapsed = await makeVolunteer(t.db, { jurisdictionId: w.j.id, boardId: w.board.id, name: 'Lapsed Check', profile: { backgroundCheckExpires: '2026-01-01', backgroundCheckDate: '2024-01-01' } });
    const c = await makeAssignedCase(t.db, w);
    const start = new Date(Date.now() + 3 * 86_400_000);
    const bad = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: token(start, w.rooms[0].id, w.chair.id, [w.members[0].id, lapsed.id]) }).catch((e) => e);
    expect(bad).toBeInstanceOf(RuleError);
    expect(bad.message).toMatch(/Lapsed Check is not eligible/);
    const asMember = await bookHearing(t.db, actorOf(w.members[0]), { caseId: c.id, proposal: token(start, w.rooms[0].id, w.chair.id, [w.members[0].id, w.members[1].id]) }).catch((e) => e);
    expect(asMember.message).toMatch(/chair/);
    const asChair = await bookHearing(t.db, actorOf(w.chair), { caseId: c.id, proposal: token(start, w.rooms[0].id, w.chair.id, [w.members[0].id, w.members[1].id]) });
    expect(asChair.hearingId).toBeTruthy();
  });

  it('never proposes a conflicted volunteer; an auto-flag (same surname + ZIP) blocks until reviewed', async () => {
    const w = await makeSchedulingWorld(t.db, { members: 4 });
    const cousin = await makeVolunteer(t.db, { jurisdictionId: w.j.id, boardId: w.board.id, name: 'Sam Okafor', profile: { zip: '64124', lastName: 'Okafor' } });
    const c = await makeAssignedCase(t.db, w, { lastName: 'Okafor', zip: '64124' });
    await t.db.insert(volunteerConflicts).values({ jurisdictionId: w.j.id, userId: w.members[0].id, participantId: c.participantId, kind: 'knows', source: 'declared' });
    const r = await findProposals(t.db, w.coord, { caseId: c.id, count: 10 });
    const seated = r.proposals.flatMap((p) => [...p.panel.map((s) => s.userId), p.alternate?.userId]);
    expect(seated).not.toContain(w.members[0].id);
    expect(seated).not.toContain(cousin.id);
    expect(r.ctx.conflicts).toContainEqual(expect.objectContaining({ userId: cousin.id, kind: 'same_surname_zip', source: 'auto', status: 'unreviewed' }));
    const refused = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: token(new Date(Date.now() + 3 * 86_400_000), w.rooms[0].id, w.chair.id, [cousin.id, w.members[1].id]) }).catch((e) => e);
    expect(refused.message).toMatch(/possible conflict/);
    await t.db.insert(volunteerConflicts).values({ jurisdictionId: w.j.id, userId: cousin.id, participantId: c.participantId, kind: 'same_surname_zip', source: 'auto', status: 'dismissed' });
    const after = await findProposals(t.db, w.coord, { caseId: c.id, count: 10 });
    expect(after.ctx.search.volunteers.find((v) => v.id === cousin.id)!.conflicted).toBe(false);
    expect(after.ctx.conflicts).toContainEqual(expect.objectContaining({ userId: cousin.id, status: 'dismissed' }));
    expect(after.ctx.search.volunteers.find((v) => v.id === w.members[0].id)!.conflicted).toBe(true);
  });
});

describe('the database refuses double booking', () => {
  it('of a volunteer, a room and a participant — and cancelled hearings block nobody', async () => {
    const w = await makeSchedulingWorld(t.db, { members: 6, venues: 2 });
    const [m1, m2, m3, m4, m5, m6] = w.members;
    const start = new Date(Date.now() + 5 * 86_400_000);
    const c1 = await makeAssignedCase(t.db, w);
    const first = await bookHearing(t.db, w.coord, { caseId: c1.id, proposal: token(start, w.rooms[0].id, w.chair.id, [m1.id, m2.id]) });

    // Same volunteer (the chair), other room, 30 minutes later: overlaps.
    const c2 = await makeAssignedCase(t.db, w);
    const later = new Date(start.getTime() + 30 * 60_000);
    const vol = await bookHearing(t.db, w.coord, { caseId: c2.id, proposal: token(later, w.rooms[1].id, w.chair.id, [m3.id, m4.id]) }).catch((e) => e);
    expect(vol).toBeInstanceOf(SlotTakenWithOptions);
    expect(vol.message).toBe('That time was just taken — here are the next options.');
    expect(vol.proposals.length).toBeGreaterThan(0);

    // Same room, different panel: overlaps (needs a second chair).
    const chair2 = await makeVolunteer(t.db, { jurisdictionId: w.j.id, boardId: w.board.id, role: 'chair', name: 'Second Chair' });
    const room = await bookHearing(t.db, w.coord, { caseId: c2.id, proposal: token(later, w.rooms[0].id, chair2.id, [m3.id, m4.id]) }).catch((e) => e);
    expect(room).toBeInstanceOf(SlotTakenWithOptions);

    // Same participant on another case, other room and panel: overlaps.
    const [c1row] = await t.db.select().from(cases).where(eq(cases.id, c1.id));
    const sibling = await makeCase(t.db, { jurisdictionId: w.j.id, participantId: c1row.participantId, boardId: w.board.id, status: 'assigned' });
    const person = await bookHearing(t.db, w.coord, { caseId: sibling.id, proposal: token(later, w.rooms[1].id, chair2.id, [m5.id, m6.id]) }).catch((e) => e);
    expect(person).toBeInstanceOf(SlotTakenWithOptions);

    // The database itself refuses, whatever the code does.
    const raw = await t.db.insert(hearingPanelists).values({ hearingId: first.hearingId, userId: w.chair.id, role: 'member' }).catch((e) => e);
    expect(['23P01', '23505']).toContain(sqlState(raw));

    // Once cancelled, the time is free again for the same volunteer, room and participant.
    const [h] = await t.db.select().from(hearings).where(eq(hearings.id, first.hearingId));
    await cancelHearing(t.db, w.coord, { hearingId: h.id, reason: 'Participant asked to move it', version: h.version });
    const ok = await bookHearing(t.db, w.coord, { caseId: sibling.id, proposal: token(later, w.rooms[0].id, w.chair.id, [m1.id, m2.id]) });
    expect(ok.hearingId).toBeTruthy();
    // Lost races are a clear message, never a 500.
    expect(errorResult(vol)).toMatchObject({ ok: false, message: 'That time was just taken — here are the next options.' });
  });

  it('50 concurrent bookings of one slot: exactly one wins, the rest are told it was just taken', async () => {
    const w = await makeSchedulingWorld(t.db);
    const caseIds: string[] = [];
    for (let i = 0; i < 50; i++) caseIds.push((await makeAssignedCase(t.db, w)).id);
    const start = new Date(Date.now() + 6 * 86_400_000);
    const tok = token(start, w.rooms[0].id, w.chair.id, [w.members[0].id, w.members[1].id], w.members[2].id);
    const results = await Promise.allSettled(caseIds.map((caseId) => bookHearing(t.db, w.coord, { caseId, proposal: tok })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const l of lost) expect(l.reason).toBeInstanceOf(SlotTakenWithOptions);
    const [{ n }] = await t.db.select({ n: count() }).from(hearings).where(eq(hearings.venueId, w.rooms[0].id));
    expect(n).toBe(1);
    const scheduled = await t.db.select({ id: cases.id }).from(cases).where(and(eq(cases.status, 'hearing_scheduled'), eq(cases.jurisdictionId, w.j.id)));
    expect(scheduled).toHaveLength(1);
  });
});

describe('after booking', () => {
  it('reschedule keeps the calendar UID and raises SEQUENCE; cancel of the only hearing sends the case back', async () => {
    const w = await makeSchedulingWorld(t.db);
    const c = await makeAssignedCase(t.db, w);
    const r = await findProposals(t.db, w.coord, { caseId: c.id });
    const { hearingId } = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: r.proposals[0].token });
    const before = parseIcs(await hearingIcs(t.db, actorOf(w.chair), hearingId));
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ uid: `hearing-${hearingId}@common-ground`, sequence: 0, status: 'CONFIRMED' });
    expect(before[0].start.getTime()).toBe(r.proposals[0].startsAt.getTime());
    expect(before[0].summary).not.toContain('Doe');

    const next = await findProposals(t.db, w.coord, { caseId: c.id, ignoreHearingId: hearingId });
    const target = next.proposals.find((p) => p.startsAt.getTime() !== r.proposals[0].startsAt.getTime())!;
    const moved = await rescheduleHearing(t.db, w.coord, { hearingId, proposal: target.token, reason: 'Participant works that evening', version: 1 });
    expect(moved.sequence).toBe(1);
    const after = parseIcs(await hearingIcs(t.db, w.coord, hearingId));
    expect(after[0].uid).toBe(before[0].uid);
    expect(after[0].sequence).toBeGreaterThan(before[0].sequence);
    expect(after[0].start.getTime()).toBe(target.startsAt.getTime());
    expect((await eventsOf(c.id)).at(-1)).toMatchObject({ type: 'hearing_rescheduled', previousStartsAt: r.proposals[0].startsAt.toISOString(), sequence: 1 });

    await cancelHearing(t.db, w.coord, { hearingId, reason: 'Withdrawn by phone', version: moved.version });
    const cancelled = parseIcs(await hearingIcs(t.db, w.coord, hearingId));
    expect(cancelled[0]).toMatchObject({ uid: before[0].uid, sequence: 2, status: 'CANCELLED' });
    const [row] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row.status).toBe('assigned');
    expect((await eventsOf(c.id)).slice(-2).map((e) => e.type)).toEqual(['hearing_cancelled', 'status_changed']);
  });

  it('held initial hearing → hearing held with first_hearing_at; no-shows open tasks (one reschedule, then the coordinator decides)', async () => {
    const w = await makeSchedulingWorld(t.db);
    const c = await makeAssignedCase(t.db, w);
    const past = (days: number) => new Date(Math.floor((Date.now() - days * 86_400_000) / 60_000) * 60_000);
    const book = (start: Date) => bookHearing(t.db, w.coord, { caseId: c.id, proposal: token(start, w.rooms[0].id, w.chair.id, [w.members[0].id, w.members[1].id]) }, { now: new Date(start.getTime() - 86_400_000) });

    const h1 = await book(past(6));
    const early = await recordDisposition(t.db, w.coord, { hearingId: h1.hearingId, disposition: 'held', version: 1 }, { now: past(7) }).catch((e) => e);
    expect(early.message).toMatch(/only once it has started/);
    await recordDisposition(t.db, w.coord, { hearingId: h1.hearingId, disposition: 'no_show_participant', version: 1 });
    let tasks = await t.db.select().from(caseTasks).where(eq(caseTasks.caseId, c.id));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'no_show_outreach', status: 'open', assignedToUserId: w.coordinator.id, details: { hearingId: h1.hearingId, reschedulesLeft: 1 } });
    expect((await t.db.select().from(cases).where(eq(cases.id, c.id)))[0].status).toBe('hearing_scheduled');

    const h2 = await book(past(4));
    await recordDisposition(t.db, actorOf(w.chair), { hearingId: h2.hearingId, disposition: 'no_show_participant', version: 1 });
    tasks = await t.db.select().from(caseTasks).where(eq(caseTasks.caseId, c.id));
    expect(tasks.map((x) => x.kind).sort()).toEqual(['no_show_decide', 'no_show_outreach']);
    expect(tasks.find((x) => x.kind === 'no_show_decide')!.title).toMatch(/decide before any return/);

    const h3 = await book(past(2));
    await recordDisposition(t.db, w.coord, { hearingId: h3.hearingId, disposition: 'held', note: 'Agreement drafted', version: 1 });
    const [row] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row.status).toBe('hearing_held');
    expect(row.firstHearingAt?.getTime()).toBe(past(2).getTime());
    const last = (await eventsOf(c.id)).filter((e) => e.type === 'hearing_disposition');
    expect(last.map((e) => e.type === 'hearing_disposition' && e.disposition)).toEqual(['no_show_participant', 'no_show_participant', 'held']);
  });

  it('private calendar feeds parse, list the owner’s hearings, and stop working when revoked', async () => {
    const w = await makeSchedulingWorld(t.db);
    const c = await makeAssignedCase(t.db, w);
    const r = await findProposals(t.db, w.coord, { caseId: c.id });
    const { hearingId } = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: r.proposals[0].token });
    const member = actorOf(await makeVolunteer(t.db, { jurisdictionId: w.j.id, boardId: w.board.id, name: 'Never Free', windows: [] }));
    const empty = parseIcs(await calendarFeedByToken(t.db, (await createCalendarFeed(t.db, member)).token));
    expect(empty).toEqual([]);
    const { token: tk } = await createCalendarFeed(t.db, actorOf(w.chair));
    const feed = parseIcs(await calendarFeedByToken(t.db, tk));
    expect(feed.map((e) => e.uid)).toEqual([`hearing-${hearingId}@common-ground`]);
    await revokeCalendarFeed(t.db, actorOf(w.chair));
    await expect(calendarFeedByToken(t.db, tk)).rejects.toBeInstanceOf(NotFoundError);
    await expect(calendarFeedByToken(t.db, 'not-a-real-token-at-all-000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the participant’s calendar file and feed are in the participant’s language', async () => {
    const w = await makeSchedulingWorld(t.db);
    const booked = async (locale: 'en' | 'es') => {
      const c = await makeAssignedCase(t.db, w);
      const r = await findProposals(t.db, w.coord, { caseId: c.id });
      const { hearingId } = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: r.proposals[0].token });
      const me = actorOf(await makeUser(t.db, { jurisdictionId: w.j.id, role: 'participant', locale }));
      await t.db.update(participants).set({ userId: me.userId }).where(eq(participants.id, c.participantId));
      return { hearingId, me };
    };
    const es = await booked('es');
    const en = await booked('en');
    const english = /\b(Your|board|Details|Join|hearings?|meeting)\b/;

    const esFile = await hearingIcs(t.db, es.me, es.hearingId);
    const [esEv] = parseIcs(esFile);
    expect(esEv.summary).toBe(`Su reunión con el comité ${w.board.name}`);
    expect(esEv.description).toBe('Los detalles están en Common Ground.');
    expect(calName(esFile)).toBe('Reunión de Common Ground');
    expect(`${esEv.summary}\n${esEv.description}\n${calName(esFile)}`).not.toMatch(english);

    const enFile = await hearingIcs(t.db, en.me, en.hearingId);
    const [enEv] = parseIcs(enFile);
    expect(enEv.summary).toBe(`Your hearing with the ${w.board.name} board`);
    expect(enEv.description).toBe('Details are in Common Ground.');
    expect(calName(enFile)).toBe('Common Ground hearing');

    // By video, and through the private feed (no session: the feed owner's language decides).
    await t.db.update(venues).set({ kind: 'video', meetingUrl: 'https://meet.example.test/abc' }).where(eq(venues.id, w.rooms[0].id));
    const esFeed = await calendarFeedByToken(t.db, (await createCalendarFeed(t.db, es.me)).token);
    const [esVideo] = parseIcs(esFeed);
    expect(esVideo.summary).toBe(`Su reunión con el comité ${w.board.name}`);
    expect(esVideo.description).toBe('Entre a la reunión por video: https://meet.example.test/abc\nLos detalles están en Common Ground.');
    expect(esVideo.location).toBe(`${w.rooms[0].name} (por video)`);
    expect(calName(esFeed)).toBe('Mis reuniones de Common Ground');
    expect(`${esVideo.summary}\n${esVideo.description}\n${esVideo.location}\n${calName(esFeed)}`).not.toMatch(english);

    const enFeed = await calendarFeedByToken(t.db, (await createCalendarFeed(t.db, en.me)).token);
    const [enVideo] = parseIcs(enFeed);
    expect(enVideo.description).toBe('Join by video: https://meet.example.test/abc\nDetails are in Common Ground.');
    expect(enVideo.location).toBe(`${w.rooms[0].name} (video)`);
    expect(calName(enFeed)).toBe('My Common Ground hearings');

    // A Spanish-speaking volunteer's feed speaks Spanish too; the check-in kind is translated.
    await t.db.update(hearings).set({ kind: 'check_in' }).where(eq(hearings.id, es.hearingId));
    await t.db.update(users).set({ locale: 'es' }).where(eq(users.id, w.chair.id));
    const chairFeed = await calendarFeedByToken(t.db, (await createCalendarFeed(t.db, actorOf(w.chair))).token);
    const chairEvents = parseIcs(chairFeed);
    expect(chairEvents.map((e) => e.summary).sort()).toEqual([`Audiencia del comité ${w.board.name}`, `Reunión de seguimiento del comité ${w.board.name}`]);
    expect(calName(chairFeed)).toBe('Audiencias de Common Ground');
    const esCheckIn = parseIcs(await calendarFeedByToken(t.db, (await createCalendarFeed(t.db, es.me)).token));
    expect(esCheckIn[0].summary).toBe(`Su reunión de seguimiento con el comité ${w.board.name}`);
  });

  it('the participant cannot see another case’s hearing file; a volunteer off the panel and board cannot either', async () => {
    const w = await makeSchedulingWorld(t.db);
    const other = await makeSchedulingWorld(t.db);
    const c = await makeAssignedCase(t.db, w);
    const r = await findProposals(t.db, w.coord, { caseId: c.id });
    const { hearingId } = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: r.proposals[0].token });
    await expect(hearingIcs(t.db, actorOf(other.chair), hearingId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(hearingIcs(t.db, other.coord, hearingId)).rejects.toBeInstanceOf(NotFoundError);
    const venue = await makeVenue(t.db, { jurisdictionId: other.j.id });
    const cross = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: token(new Date(Date.now() + 9 * 86_400_000), venue.id, w.chair.id, [w.members[0].id, w.members[1].id]) }).catch((e) => e);
    expect(cross.message).toMatch(/venue is not available/);
    // Moving the booked hearing there is refused the same way, and so is an inactive venue of its own.
    const crossMove = await rescheduleHearing(t.db, w.coord, { hearingId, proposal: token(new Date(Date.now() + 9 * 86_400_000), venue.id, w.chair.id, [w.members[0].id, w.members[1].id]), reason: 'Edited token', version: 1 }).catch((e) => e);
    expect(crossMove).toBeInstanceOf(RuleError);
    expect(crossMove.message).toMatch(/venue is not available/);
    const closed = await makeVenue(t.db, { jurisdictionId: w.j.id });
    await t.db.update(venues).set({ active: false }).where(eq(venues.id, closed.id));
    const inactiveMove = await rescheduleHearing(t.db, w.coord, { hearingId, proposal: token(new Date(Date.now() + 9 * 86_400_000), closed.id, w.chair.id, [w.members[0].id, w.members[1].id]), reason: 'Edited token', version: 1 }).catch((e) => e);
    expect(inactiveMove.message).toMatch(/venue is not available/);
    const [still] = await t.db.select().from(hearings).where(eq(hearings.id, hearingId));
    expect(still).toMatchObject({ venueId: r.proposals[0].venue.id, version: 1 });
  });
});

describe('weekly batch', () => {
  it('proposes a slot for every waiting case of a board without reusing a seat or a room at the same time', async () => {
    const w = await makeSchedulingWorld(t.db, { members: 5, venues: 2 });
    const waiting = [];
    for (let i = 0; i < 4; i++) waiting.push(await makeAssignedCase(t.db, w));
    const plan = await planBoardWeek(t.db, w.coord, w.board.id);
    expect(plan.map((p) => p.caseId).sort()).toEqual(waiting.map((c) => c.id).sort());
    const picks = plan.map((p) => p.proposal!);
    expect(picks.every(Boolean)).toBe(true);
    for (let i = 0; i < picks.length; i++)
      for (let j = i + 1; j < picks.length; j++) {
        const overlap = picks[i].startsAt < picks[j].endsAt && picks[j].startsAt < picks[i].endsAt;
        if (!overlap) continue;
        const seats = (p: (typeof picks)[number]) => [...p.panel.map((s) => s.userId), p.alternate?.userId].filter(Boolean);
        expect(seats(picks[i]).filter((x) => seats(picks[j]).includes(x))).toEqual([]);
        expect(picks[i].venue.id).not.toBe(picks[j].venue.id);
      }
    // Every pick can actually be booked, one after the other.
    for (const p of plan) await bookHearing(t.db, w.coord, { caseId: p.caseId, proposal: p.proposal!.token });
    await expect(planBoardWeek(t.db, actorOf(w.chair), w.board.id)).rejects.toThrow();
  });
});
