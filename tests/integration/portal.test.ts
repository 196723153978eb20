import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { getCase } from '@/db/queries/cases';
import { getParticipantPreferences } from '@/db/queries/participant-preferences';
import {
  confirmAttendance,
  fairnessSurveyByBoard,
  getMyPreferences,
  listMyNotices,
  listMyPortalHearings,
  PortalRuleError,
  requestHelp,
  requestReschedule,
  saveMyPreferences,
  setMyLanguage,
  submitFairnessSurvey,
} from '@/db/queries/portal';
import { findProposals } from '@/db/queries/scheduling';
import { auditLog, caseTasks, cases, fairnessSurveys, hearings, outbox, participants, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/errors';
import { actorOf, caseEventsOf, makeCase, makeParticipant, makeUser } from '../helpers/factories';
import { makeSchedulingWorld } from '../helpers/scheduling-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

const DAY = 86_400_000;
/** Every hearing in this file gets its own two hours, so the venue's no-overlap rule never trips. */
let slot = 0;

type World = Awaited<ReturnType<typeof makeSchedulingWorld>>;

/** A participant with an account, a case on the world's board, and hearings in the given states. */
async function participantWith(w: World, plan: { status: 'scheduled' | 'held'; inDays: number }[]) {
  const u = await makeUser(t.db, { jurisdictionId: w.j.id, role: 'participant' });
  const p = await makeParticipant(t.db, { jurisdictionId: w.j.id, userId: u.id, email: u.email, phone: '816-555-4000' });
  const c = await makeCase(t.db, { jurisdictionId: w.j.id, participantId: p.id, boardId: w.board.id, status: 'hearing_scheduled' });
  const hs = [];
  for (const [i, h] of plan.entries()) {
    const startsAt = new Date(Date.now() + h.inDays * DAY + (slot++ * 2 + i) * 3600_000 - (h.inDays < 0 ? 200 * 3600_000 : 0));
    const [row] = await t.db
      .insert(hearings)
      .values({ jurisdictionId: w.j.id, caseId: c.id, participantId: p.id, boardId: w.board.id, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), venueId: w.rooms[0].id, status: h.status })
      .returning();
    hs.push(row);
  }
  return { u, actor: actorOf(u), p, c, hearings: hs };
}

const eventsOf = (caseId: string) => caseEventsOf(t.db, caseId);

describe('a participant reaches only their own case', () => {
  it('every portal action on another person’s hearing or case is "not found", and changes nothing', async () => {
    const w = await makeSchedulingWorld(t.db);
    const me = await participantWith(w, [{ status: 'scheduled', inDays: 3 }]);
    const other = await participantWith(w, [{ status: 'scheduled', inDays: 4 }, { status: 'held', inDays: -2 }]);
    const theirs = other.hearings[0].id;
    const theirHeld = other.hearings[1].id;
    await expect(confirmAttendance(t.db, me.actor, { hearingId: theirs })).rejects.toBeInstanceOf(NotFoundError);
    await expect(requestReschedule(t.db, me.actor, { hearingId: theirs, reasons: ['work'], message: '' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(submitFairnessSurvey(t.db, me.actor, { hearingId: theirHeld, respect: 5, neutrality: 5, voice: 5, understanding: 5, trust: 5 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCase(t.db, me.actor, other.c.id)).rejects.toBeInstanceOf(NotFoundError);
    // What the portal lists is only their own.
    const mine = await listMyPortalHearings(t.db, me.actor);
    expect(mine.upcoming.map((h) => h.id)).toEqual([me.hearings[0].id]);
    expect(mine.surveyDue).toEqual([]);
    await requestHelp(t.db, other.actor, { message: 'Need a ride' });
    expect(await listMyNotices(t.db, me.actor)).toEqual([]);
    expect(await t.db.$count(caseTasks, eq(caseTasks.caseId, other.c.id))).toBe(1);
    expect(await t.db.$count(fairnessSurveys, eq(fairnessSurveys.hearingId, theirHeld))).toBe(0);
    // Staff roles cannot use the participant's functions.
    await expect(confirmAttendance(t.db, w.coord, { hearingId: me.hearings[0].id })).rejects.toThrow(/permission/);
  });
});

describe('meetings', () => {
  it('confirming attendance is recorded once per hearing time, with a case event and an audit row', async () => {
    const w = await makeSchedulingWorld(t.db);
    const me = await participantWith(w, [{ status: 'scheduled', inDays: 2 }]);
    const h = me.hearings[0];
    expect(await confirmAttendance(t.db, me.actor, { hearingId: h.id })).toEqual({ confirmed: true, already: false });
    expect(await confirmAttendance(t.db, me.actor, { hearingId: h.id })).toEqual({ confirmed: true, already: true });
    expect((await listMyPortalHearings(t.db, me.actor)).upcoming[0].confirmedAt).not.toBeNull();
    expect((await eventsOf(me.c.id)).filter((e) => e.type === 'hearing_confirmed')).toHaveLength(1);
    expect(await t.db.$count(auditLog, and(eq(auditLog.action, 'hearing.confirm'), eq(auditLog.entityId, h.id)))).toBe(1);
    // A moved hearing (new sequence) asks again.
    await t.db.update(hearings).set({ sequence: 1 }).where(eq(hearings.id, h.id));
    expect((await listMyPortalHearings(t.db, me.actor)).upcoming[0].confirmedAt).toBeNull();
  });

  it('a held or past meeting cannot be confirmed or moved', async () => {
    const w = await makeSchedulingWorld(t.db);
    const me = await participantWith(w, [{ status: 'held', inDays: -1 }]);
    await expect(confirmAttendance(t.db, me.actor, { hearingId: me.hearings[0].id })).rejects.toBeInstanceOf(PortalRuleError);
    await expect(requestReschedule(t.db, me.actor, { hearingId: me.hearings[0].id, reasons: ['work'] })).rejects.toBeInstanceOf(PortalRuleError);
  });

  it('asking to move a meeting opens one task with the reasons and emails every coordinator', async () => {
    const w = await makeSchedulingWorld(t.db);
    const second = await makeUser(t.db, { jurisdictionId: w.j.id, role: 'coordinator' });
    const me = await participantWith(w, [{ status: 'scheduled', inDays: 5 }]);
    const h = me.hearings[0];
    await expect(requestReschedule(t.db, me.actor, { hearingId: h.id, reasons: [], message: '' })).rejects.toThrow();
    expect(await requestReschedule(t.db, me.actor, { hearingId: h.id, reasons: ['childcare', 'transport'], message: 'Evenings after 6 work' })).toEqual({ already: false });
    expect(await requestReschedule(t.db, me.actor, { hearingId: h.id, reasons: ['work'] })).toEqual({ already: true });
    const tasks = await t.db.select().from(caseTasks).where(eq(caseTasks.caseId, me.c.id));
    expect(tasks).toHaveLength(1);
    expect(tasks[0].details).toMatchObject({ request: 'reschedule', hearingId: h.id, reasons: ['childcare', 'transport'], message: 'Evenings after 6 work' });
    const mail = await t.db.select().from(outbox).where(and(eq(outbox.caseId, me.c.id), eq(outbox.templateKey, 'portal.request')));
    expect(mail.map((m) => m.recipientId).sort()).toEqual([w.coordinator.id, second.id].sort());
    expect((await eventsOf(me.c.id)).map((e) => e.type)).toEqual(['task_opened', 'participant_request']);
    // The hearing itself stays as it was until a coordinator moves it.
    const [still] = await t.db.select().from(hearings).where(eq(hearings.id, h.id));
    expect(still.status).toBe('scheduled');
  });

  it('"I need help" reaches the coordinators with the message', async () => {
    const w = await makeSchedulingWorld(t.db);
    const me = await participantWith(w, []);
    await expect(requestHelp(t.db, me.actor, { message: '   ' })).rejects.toThrow();
    await requestHelp(t.db, me.actor, { message: 'I lost my job and cannot pay for the bus.' });
    const [mail] = await t.db.select().from(outbox).where(and(eq(outbox.caseId, me.c.id), eq(outbox.templateKey, 'portal.request')));
    expect(mail.data).toMatchObject({ kind: 'help', message: 'I lost my job and cannot pay for the bus.' });
    expect(mail.recipientKind).toBe('user');
    const [task] = await t.db.select().from(caseTasks).where(eq(caseTasks.caseId, me.c.id));
    expect(task.title).toMatch(/help/);
  });
});

describe('availability the participant states', () => {
  it('is the row the coordinator sees and the slot finder uses', async () => {
    const w = await makeSchedulingWorld(t.db);
    const me = await participantWith(w, []);
    await t.db.update(cases).set({ status: 'assigned' }).where(eq(cases.id, me.c.id));
    expect(await getMyPreferences(t.db, me.actor)).toBeNull();
    await saveMyPreferences(t.db, me.actor, { version: 0, presets: ['saturdays'], inPersonOk: true, videoOk: false, childcareNeeded: true, transportNeeded: false, needsAccessibleVenue: false, notes: 'Only Saturdays' });
    const seen = await getParticipantPreferences(t.db, w.coord, me.c.id);
    expect(seen).toMatchObject({ childcareNeeded: true, videoOk: false, windows: [{ weekday: 6, start: 540, end: 1020 }] });
    await expect(saveMyPreferences(t.db, me.actor, { version: 0, presets: [], inPersonOk: true })).rejects.toBeInstanceOf(PortalRuleError);
    await expect(saveMyPreferences(t.db, me.actor, { version: 1, presets: [], inPersonOk: false, videoOk: false })).rejects.toThrow();
    const { proposals } = await findProposals(t.db, w.coord, { caseId: me.c.id, count: 3 });
    expect(proposals.length).toBeGreaterThan(0);
    for (const p of proposals) {
      expect(new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'America/Chicago' }).format(p.startsAt)).toBe('Saturday');
    }
  });

  it('the language choice is kept on the account and the participant record', async () => {
    const w = await makeSchedulingWorld(t.db);
    const me = await participantWith(w, []);
    await setMyLanguage(t.db, me.actor, { locale: 'es' });
    const [u] = await t.db.select().from(users).where(eq(users.id, me.u.id));
    const [p] = await t.db.select().from(participants).where(eq(participants.id, me.p.id));
    expect([u.locale, p.preferredLanguage]).toEqual(['es', 'es']);
  });
});

describe('fairness survey', () => {
  it('one response per held meeting, none before it is held, and the row names no person', async () => {
    const w = await makeSchedulingWorld(t.db);
    const me = await participantWith(w, [{ status: 'held', inDays: -1 }, { status: 'scheduled', inDays: 3 }]);
    const [held, upcoming] = me.hearings;
    expect((await listMyPortalHearings(t.db, me.actor)).surveyDue.map((h) => h.id)).toEqual([held.id]);
    const answers = { respect: 5, neutrality: 4, voice: 3, understanding: 4, trust: 5, comment: 'They listened.' };
    await expect(submitFairnessSurvey(t.db, me.actor, { hearingId: upcoming.id, ...answers })).rejects.toMatchObject({ code: 'surveyNotOpen' });
    await expect(submitFairnessSurvey(t.db, me.actor, { hearingId: held.id, ...answers, voice: 6 })).rejects.toThrow();
    await submitFairnessSurvey(t.db, me.actor, { hearingId: held.id, ...answers });
    await expect(submitFairnessSurvey(t.db, me.actor, { hearingId: held.id, ...answers })).rejects.toMatchObject({ code: 'surveyDone' });
    expect(await t.db.$count(fairnessSurveys, eq(fairnessSurveys.hearingId, held.id))).toBe(1);
    expect((await listMyPortalHearings(t.db, me.actor)).surveyDue).toEqual([]);
    const [row] = await t.db.select().from(fairnessSurveys).where(eq(fairnessSurveys.hearingId, held.id));
    expect(Object.keys(row)).not.toContain('participantId');
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'survey.submit'));
    expect(JSON.stringify(audit.details)).not.toMatch(/respect|They listened/);
  });

  it('the database itself refuses a second response and an answer outside 1–5', async () => {
    const w = await makeSchedulingWorld(t.db);
    const me = await participantWith(w, [{ status: 'held', inDays: -1 }]);
    const row = { jurisdictionId: w.j.id, boardId: w.board.id, hearingId: me.hearings[0].id, respect: 3, neutrality: 3, voice: 3, understanding: 3, trust: 3 };
    await t.db.insert(fairnessSurveys).values(row);
    await expect(t.db.insert(fairnessSurveys).values(row)).rejects.toThrow();
    const other = await participantWith(w, [{ status: 'held', inDays: -1 }]);
    await expect(t.db.insert(fairnessSurveys).values({ ...row, hearingId: other.hearings[0].id, trust: 0 })).rejects.toThrow();
  });

  it('board averages appear only from 11 responses; 10 show nothing', async () => {
    const w = await makeSchedulingWorld(t.db);
    const prosecutor: Actor = actorOf(await makeUser(t.db, { jurisdictionId: w.j.id, role: 'prosecutor' }));
    const respond = async (n: number, score: number) => {
      for (let i = 0; i < n; i++) {
        const p = await participantWith(w, [{ status: 'held', inDays: -1 - i }]);
        await submitFairnessSurvey(t.db, p.actor, { hearingId: p.hearings[0].id, respect: score, neutrality: score, voice: score, understanding: score, trust: 4 });
      }
    };
    await respond(10, 5);
    let [row] = (await fairnessSurveyByBoard(t.db, prosecutor)).filter((r) => r.boardId === w.board.id);
    expect(row).toEqual({ boardId: w.board.id, boardName: w.board.name, n: null, averages: null });
    await respond(1, 2);
    [row] = (await fairnessSurveyByBoard(t.db, prosecutor)).filter((r) => r.boardId === w.board.id);
    expect(row.n).toBe(11);
    expect(row.averages).toEqual({ respect: 4.7, neutrality: 4.7, voice: 4.7, understanding: 4.7, trust: 4 });
    // Volunteers (the board) and participants never get the table.
    await expect(fairnessSurveyByBoard(t.db, actorOf(w.chair))).rejects.toThrow(/permission/);
  });
});
