import { TZDate } from '@date-fns/tz';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OpenDb } from '@/db/open';
import { findProposals } from '@/db/queries/scheduling';
import { saveParticipantPreferences } from '@/db/queries/participant-preferences';
import { addAvailabilityException, declareConflict, getMyAvailability, importVolunteersCsv, listRoster, removeAvailabilityException, reviewConflict, saveVolunteerProfile, setMyWeeklyAvailability } from '@/db/queries/volunteers';
import { createVenue } from '@/db/queries/venues';
import { auditLog, availabilityExceptions, boardMemberships, users, volunteerConflicts, volunteerProfiles } from '@/db/schema';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { actorOf } from '../helpers/factories';
import { makeAssignedCase, makeSchedulingWorld } from '../helpers/scheduling-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

/** Local Kansas City clock of an instant (the test must not assume the UTC offset: DST). */
const kc = (d: Date) => new TZDate(d.getTime(), 'America/Chicago');
const localDate = (d: Date) => { const x = kc(d); return `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}-${String(x.getDate()).padStart(2, '0')}`; };

const header = 'email,name,board,role,term_start,term_end,background_check_date,background_check_expires,training_hours,hearings_observed,confidentiality_signed,languages,monthly_limit,zip,address';

describe('volunteer CSV import', () => {
  it('lists every bad row by row and column and writes nothing; a clean file imports all', async () => {
    const w = await makeSchedulingWorld(t.db);
    const bad = [
      header,
      `ana@example.test,Ana Ruiz,${w.board.name},member,2026-01-01,2027-12-31,2026-01-02,2028-01-02,18,2,2026-01-05,"en,es",4,64124,12 Elm St`,
      `not-an-email,Bo,${w.board.name},boss,2026-01-01,2025-12-31,,,x,2,,en,4,641,`,
      `ana@example.test,Ana Again,Nowhere,member,2026-01-01,2027-12-31,,,1,0,,en,4,,`,
    ].join('\n');
    const r = await importVolunteersCsv(t.db, w.coord, bad);
    expect(r.created + r.updated).toBe(0);
    const rows = r.errors.map((e) => `${e.row}:${e.field}`);
    expect(rows).toEqual(expect.arrayContaining(['3:email', '3:role', '3:training_hours', '3:zip', '4:board', '4:email']));
    expect(r.errors.find((e) => e.row === 4 && e.field === 'email')!.message).toMatch(/twice/);
    expect(await t.db.select().from(users).where(eq(users.email, 'ana@example.test'))).toHaveLength(0);

    const good = [header, `ana@example.test,Ana Ruiz,${w.board.name},member,2026-01-01,2027-12-31,2026-01-02,2028-01-02,18,2,2026-01-05,"en,es",4,64124,12 Elm St`, `${w.members[0].email},Member A,${w.board.name},member,2026-01-01,2028-06-30,2026-01-02,2028-01-02,20,3,2026-01-05,en,5,,`].join('\n');
    const check = await importVolunteersCsv(t.db, w.coord, good, { dryRun: true });
    expect(check).toMatchObject({ created: 1, updated: 1, errors: [], dryRun: true });
    expect(await t.db.select().from(users).where(eq(users.email, 'ana@example.test'))).toHaveLength(0);
    const done = await importVolunteersCsv(t.db, w.coord, good);
    expect(done).toMatchObject({ created: 1, updated: 1, errors: [] });
    const [ana] = await t.db.select().from(users).where(eq(users.email, 'ana@example.test'));
    const [profile] = await t.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, ana.id));
    expect(profile.languages).toEqual(['en', 'es']);
    const [m] = await t.db.select().from(boardMemberships).where(eq(boardMemberships.userId, w.members[0].id));
    expect(m.termEnd).toBe('2028-06-30');
    const roster = await listRoster(t.db, w.coord, { now: new Date('2026-11-27T12:00:00Z') });
    expect(roster.find((v) => v.userId === ana.id)!.eligible).toBe(true);
    await expect(importVolunteersCsv(t.db, actorOf(w.chair), good)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('the roster says who cannot sit and why, and what expires within 30 days', async () => {
    const w = await makeSchedulingWorld(t.db);
    const now = new Date('2026-11-27T12:00:00Z');
    const [p] = await t.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, w.members[1].id));
    await saveVolunteerProfile(t.db, w.coord, { userId: w.members[1].id, version: p.version, backgroundCheckDate: '2024-01-01', backgroundCheckExpires: '2026-12-15', trainingHours: '10', hearingsObserved: '1', confidentialitySignedAt: '', languages: 'en', monthlyHearingLimit: '4', needsAccessibleVenue: '', accessibilityNotes: '' });
    const stale = await saveVolunteerProfile(t.db, w.coord, { userId: w.members[1].id, version: p.version, backgroundCheckDate: '', backgroundCheckExpires: '', trainingHours: '20', hearingsObserved: '3', confidentialitySignedAt: '', languages: 'en', monthlyHearingLimit: '4', needsAccessibleVenue: '', accessibilityNotes: '' }).catch((e) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    const roster = await listRoster(t.db, w.coord, { now });
    const v = roster.find((r) => r.userId === w.members[1].id)!;
    expect(v.eligible).toBe(false);
    expect(v.memberships[0].eligibility.reasons.map((r) => r.code)).toEqual(['training_short', 'observation_short', 'confidentiality_unsigned']);
    expect(v.memberships[0].eligibility.expiringSoon).toEqual([{ code: 'background_check', date: '2026-12-15', inDays: 18 }]);
  });
});

describe('availability, preferences, venues and declared conflicts feed the slot finder', () => {
  it('a volunteer sets their week and a day off; the participant’s stated times and a declared conflict narrow the proposals', async () => {
    const w = await makeSchedulingWorld(t.db, { members: 4 });
    const c = await makeAssignedCase(t.db, w);
    const chair = actorOf(w.chair);
    await setMyWeeklyAvailability(t.db, chair, { windows: [{ weekday: 2, start: 18 * 60, end: 21 * 60 }, { weekday: 2, start: 20 * 60, end: 22 * 60 }, { weekday: 4, start: 18 * 60, end: 21 * 60 }] });
    const mine = await getMyAvailability(t.db, chair);
    expect(mine.weekly.map((x) => [x.weekday, x.startMinute, x.endMinute])).toEqual([[2, 1080, 1320], [4, 1080, 1260]]);
    const r = await findProposals(t.db, w.coord, { caseId: c.id, count: 4 });
    for (const p of r.proposals) expect([2, 4]).toContain(kc(p.startsAt).getDay());

    const firstDate = localDate(r.proposals[0].startsAt);
    await addAvailabilityException(t.db, chair, { date: firstDate, kind: 'unavailable', allDay: 'on' });
    const after = await findProposals(t.db, w.coord, { caseId: c.id, count: 4 });
    expect(after.proposals.map((p) => p.startsAt.toISOString())).not.toContain(r.proposals[0].startsAt.toISOString());

    await saveParticipantPreferences(t.db, w.coord, { caseId: c.id, version: 0, presets: [], extra: '4 19:00-21:00', videoOk: 'on', inPersonOk: 'on' });
    const thursdays = await findProposals(t.db, w.coord, { caseId: c.id, count: 3 });
    for (const p of thursdays.proposals) {
      expect(kc(p.startsAt).getDay()).toBe(4);
      expect(kc(p.startsAt).getHours()).toBeGreaterThanOrEqual(19);
    }
    const badPrefs = await saveParticipantPreferences(t.db, w.coord, { caseId: c.id, version: 1, presets: [], extra: 'tuesdays', videoOk: '', inPersonOk: '' }).catch((e) => e);
    expect(badPrefs.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['extra', 'inPersonOk']);

    await declareConflict(t.db, actorOf(w.members[0]), { caseId: c.id, kind: 'neighbor', note: 'Lives next door' });
    const withoutNeighbor = await findProposals(t.db, w.coord, { caseId: c.id, count: 3 });
    for (const p of withoutNeighbor.proposals) expect([...p.panel.map((s) => s.userId), p.alternate?.userId]).not.toContain(w.members[0].id);
  });

  it('a day-off exception with a time no clock has is refused with a message that says so, and nothing is saved', async () => {
    const w = await makeSchedulingWorld(t.db);
    const chair = actorOf(w.chair);
    const before = await getMyAvailability(t.db, chair);
    for (const [start, end] of [['09:00', '25:00'], ['99:99', '10:00'], ['09:00', '24:30']]) {
      const err = await addAvailabilityException(t.db, chair, { date: '2027-03-02', kind: 'unavailable', start, end }).catch((e) => e);
      expect(err, `${start}-${end}`).toBeInstanceOf(z.ZodError);
      expect(err.issues.map((i: { message: string }) => i.message)).toContain('Enter a time between 00:00 and 24:00.');
    }
    const missing = await addAvailabilityException(t.db, chair, { date: '2027-03-02', kind: 'unavailable', start: '', end: '10:00' }).catch((e) => e);
    expect(missing.issues.map((i: { message: string }) => i.message)).toEqual(['Enter a start time.']);
    expect(await getMyAvailability(t.db, chair)).toEqual(before);
    await addAvailabilityException(t.db, chair, { date: '2027-03-02', kind: 'unavailable', start: '09:00', end: '24:00' });
    expect((await getMyAvailability(t.db, chair)).exceptions.map((x) => [x.startMinute, x.endMinute])).toEqual([[540, 1440]]);
  });

  it('removing an exception is audited like adding one; someone else\'s exception is not found and stays', async () => {
    const w = await makeSchedulingWorld(t.db);
    const chair = actorOf(w.chair);
    const member = actorOf(w.members[0]);
    const mine = await addAvailabilityException(t.db, chair, { date: '2027-04-06', kind: 'unavailable', allDay: 'on' });
    const theirs = await addAvailabilityException(t.db, member, { date: '2027-04-06', kind: 'available', start: '10:00', end: '12:00' });
    const audited = (userId: string) => t.db.select().from(auditLog).where(and(eq(auditLog.action, 'availability.exception_remove'), eq(auditLog.entityId, userId)));

    expect(await removeAvailabilityException(t.db, chair, theirs.id).catch((e) => e)).toBeInstanceOf(NotFoundError);
    expect(await t.db.$count(availabilityExceptions, eq(availabilityExceptions.id, theirs.id))).toBe(1);
    expect(await audited(w.chair.id)).toEqual([]);

    await removeAvailabilityException(t.db, chair, mine.id);
    expect(await t.db.$count(availabilityExceptions, eq(availabilityExceptions.id, mine.id))).toBe(0);
    const rows = await audited(w.chair.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: w.chair.id, jurisdictionId: w.j.id, entityType: 'user', outcome: 'success', details: { exceptionId: mine.id, date: '2027-04-06', kind: 'unavailable' } });

    expect(await removeAvailabilityException(t.db, chair, mine.id).catch((e) => e)).toBeInstanceOf(NotFoundError);
    expect(await audited(w.chair.id)).toHaveLength(1);
    expect(await audited(w.members[0].id)).toEqual([]);
  });

  it('a coordinator records or reviews a conflict only for a volunteer of their own jurisdiction', async () => {
    const w = await makeSchedulingWorld(t.db);
    const other = await makeSchedulingWorld(t.db);
    const c = await makeAssignedCase(t.db, w);
    const foreign = other.members[0].id;
    await expect(declareConflict(t.db, w.coord, { caseId: c.id, kind: 'knows', userId: foreign })).rejects.toBeInstanceOf(NotFoundError);
    await expect(reviewConflict(t.db, w.coord, { caseId: c.id, userId: foreign, kind: 'same_address', decision: 'dismissed' })).rejects.toBeInstanceOf(NotFoundError);
    // Not a volunteer either: the coordinator's own account.
    await expect(declareConflict(t.db, w.coord, { caseId: c.id, kind: 'knows', userId: w.coordinator.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.db.select().from(volunteerConflicts).where(eq(volunteerConflicts.userId, foreign))).toEqual([]);
    await declareConflict(t.db, w.coord, { caseId: c.id, kind: 'knows', userId: w.members[0].id });
    expect(await t.db.select({ kind: volunteerConflicts.kind }).from(volunteerConflicts).where(eq(volunteerConflicts.userId, w.members[0].id))).toEqual([{ kind: 'knows' }]);
  });

  it('venues: video rooms need a link, rooms need an address and hours', async () => {
    const w = await makeSchedulingWorld(t.db);
    const err = await createVenue(t.db, w.coord, { name: 'Zoom A', kind: 'video' }).catch((e) => e);
    expect(err.issues.map((i: { path: string[] }) => i.path[0])).toEqual(['meetingUrl']);
    const err2 = await createVenue(t.db, w.coord, { name: 'Hall', kind: 'church' }).catch((e) => e);
    expect(err2.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['addressLine', 'days']);
    const ok = await createVenue(t.db, w.coord, { name: 'Zoom A', kind: 'video', meetingUrl: 'https://meet.example.org/a' });
    expect(ok.id).toBeTruthy();
  });
});
