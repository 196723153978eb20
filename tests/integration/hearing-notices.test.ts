import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { resolveHearingReminder } from '@/db/queries/hearing-notices';
import { bookHearing, cancelHearing, rescheduleHearing } from '@/db/queries/hearings';
import { findProposals } from '@/db/queries/scheduling';
import { hearings, outbox, participants, venues } from '@/db/schema';
import { processDueNotices } from '@/lib/notify/worker';
import { testTransports } from '../helpers/notify-factories';
import { makeAssignedCase, makeSchedulingWorld } from '../helpers/scheduling-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

async function world() {
  const w = await makeSchedulingWorld(t.db, { members: 4 });
  const c = await makeAssignedCase(t.db, w);
  await t.db.update(participants).set({ phone: '+18165550111', email: 'p@example.test' }).where(eq(participants.id, c.participantId));
  const { proposals } = await findProposals(t.db, w.coord, { caseId: c.id });
  return { w, c, proposals };
}

const noticesOf = (hearingId: string) => t.db.select().from(outbox).where(and(eq(outbox.subjectType, 'hearing'), eq(outbox.subjectId, hearingId)));

describe('hearing notices', () => {
  it('booking queues a confirmation now and reminders before the hearing, to the participant and the panel', async () => {
    const { w, c, proposals } = await world();
    const booked = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: proposals[proposals.length - 1].token });
    const rows = await noticesOf(booked.hearingId);
    const participantRows = rows.filter((r) => r.recipientKind === 'participant');
    const confirmations = participantRows.filter((r) => r.templateKey === 'hearing.confirmation');
    expect(confirmations.map((r) => r.channel).sort()).toEqual(['email', 'sms']);
    const reminders = participantRows.filter((r) => r.templateKey === 'hearing.reminder');
    expect(reminders.length).toBeGreaterThan(0);
    for (const r of reminders) {
      expect(r.sendAfter.getTime()).toBeLessThan(booked.startsAt.getTime());
      expect(r.idempotencyKey).toContain(':v0:');
    }
    const panel = rows.filter((r) => r.recipientKind === 'user' && r.templateKey === 'hearing.confirmation');
    expect(panel.length).toBe(4); // chair, two members, alternate
    expect(panel.every((r) => r.channel === 'email')).toBe(true);
  });

  it('moving a hearing cancels its old reminders, sends a change notice and plans new reminders', async () => {
    const { w, c, proposals } = await world();
    const booked = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: proposals[0].token });
    const [h] = await t.db.select().from(hearings).where(eq(hearings.id, booked.hearingId));
    const { proposals: later } = await findProposals(t.db, w.coord, { caseId: c.id });
    await rescheduleHearing(t.db, w.coord, { hearingId: h.id, proposal: later[later.length - 1].token, reason: 'Participant works that evening', version: h.version });
    const rows = await noticesOf(h.id);
    const oldPending = rows.filter((r) => r.idempotencyKey.includes(':v0:') && r.templateKey === 'hearing.reminder' && r.status === 'pending');
    expect(oldPending).toEqual([]);
    expect(rows.filter((r) => r.idempotencyKey.includes(':v0:') && r.templateKey === 'hearing.reminder').every((r) => r.status === 'cancelled')).toBe(true);
    const changed = rows.filter((r) => r.templateKey === 'hearing.changed' && r.recipientKind === 'participant');
    expect(changed.length).toBe(2);
    expect((changed[0].data as { previousStartsAt: string }).previousStartsAt).toBe(h.startsAt.toISOString());
    expect(rows.some((r) => r.templateKey === 'hearing.reminder' && r.idempotencyKey.includes(':v1:') && r.status === 'pending')).toBe(true);
  });

  it('a stale reminder is skipped at send time and a current one is sent with fresh data', async () => {
    const { w, c, proposals } = await world();
    const booked = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: proposals[proposals.length - 1].token });
    const [h] = await t.db.select().from(hearings).where(eq(hearings.id, booked.hearingId));
    const current = await resolveHearingReminder(t.db, { subjectId: h.id, data: { sequence: 0, lead: '2d' } });
    expect(current).toMatchObject({ send: true, data: { hearingId: h.id, startsAt: h.startsAt.toISOString(), lead: '2d', sequence: 0 } });
    const { proposals: later } = await findProposals(t.db, w.coord, { caseId: c.id });
    await rescheduleHearing(t.db, w.coord, { hearingId: h.id, proposal: later[0].token, reason: 'Room closed for repairs', version: h.version });
    expect(await resolveHearingReminder(t.db, { subjectId: h.id, data: { sequence: 0, lead: '2d' } })).toMatchObject({ send: false, reason: /changed/ });
  });

  it('cancelling a hearing drops every pending notice and tells the participant and panel it is off', async () => {
    const { w, c, proposals } = await world();
    const booked = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: proposals[proposals.length - 1].token });
    const [h] = await t.db.select().from(hearings).where(eq(hearings.id, booked.hearingId));
    await cancelHearing(t.db, w.coord, { hearingId: h.id, reason: 'Board chair ill', version: h.version });
    const rows = await noticesOf(h.id);
    expect(rows.filter((r) => r.status === 'pending' && r.templateKey === 'hearing.reminder')).toEqual([]);
    expect(rows.filter((r) => r.templateKey === 'hearing.cancelled' && r.recipientKind === 'participant').length).toBe(2);
    expect(rows.filter((r) => r.templateKey === 'hearing.cancelled' && r.recipientKind === 'user').length).toBe(4);
    expect(await resolveHearingReminder(t.db, { subjectId: h.id, data: { sequence: 1, lead: '2d' } })).toMatchObject({ send: false, reason: /cancelled/ });
  });

  it('where a video or not-yet-known meeting is: a code in the outbox, worded in the recipient’s language when sent', async () => {
    const { w, c, proposals } = await world();
    await t.db.update(participants).set({ preferredLanguage: 'es' }).where(eq(participants.id, c.participantId));
    await t.db.update(venues).set({ kind: 'video', meetingUrl: 'https://video.example.org/room/42', addressLine: null, zip: null }).where(eq(venues.id, w.rooms[0].id));
    const booked = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: proposals[proposals.length - 1].token });
    const queued = (await noticesOf(booked.hearingId)).filter((r) => r.recipientKind === 'participant' && r.templateKey === 'hearing.confirmation');
    expect(queued.map((r) => [r.channel, r.locale])).toEqual(expect.arrayContaining([['email', 'es'], ['sms', 'es']]));
    for (const r of queued) expect(r.data).toMatchObject({ location: null, locationCode: 'video', videoUrl: 'https://video.example.org/room/42' });

    // Send them (noon in Kansas City, tomorrow: no quiet hours) and read what went out.
    const noon = new Date(Date.now() + 86_400_000);
    noon.setUTCHours(18, 0, 0, 0);
    await processDueNotices({ db: t.db, transports: testTransports({}), now: () => noon, batchSize: 1000, log: () => {} });
    const sent = (await noticesOf(booked.hearingId)).filter((r) => r.recipientKind === 'participant' && r.templateKey === 'hearing.confirmation');
    const email = sent.find((r) => r.channel === 'email')!;
    const sms = sent.find((r) => r.channel === 'sms')!;
    expect([email.status, sms.status]).toEqual(['sent', 'sent']);
    expect(email.renderedBody).toContain('Lugar: Videollamada');
    expect(email.renderedAttachments?.[0].content).toContain('LOCATION:Videollamada');
    expect(sms.renderedBody).toContain('en videollamada');
    for (const out of [email.renderedBody, sms.renderedBody, email.renderedAttachments?.[0].content]) expect(out).not.toMatch(/Video meeting|To be confirmed/);
    // The panel (English) keeps the English wording.
    const panel = (await noticesOf(booked.hearingId)).filter((r) => r.recipientKind === 'user' && r.templateKey === 'hearing.confirmation');
    expect(panel.length).toBeGreaterThan(0);
    for (const r of panel) expect([r.status, r.locale, r.renderedBody]).toEqual(['sent', 'en', expect.stringContaining('Where: Video meeting')]);

    // The reminder's send-time re-read carries the code too; a venue without a name is "to be confirmed".
    const [h] = await t.db.select().from(hearings).where(eq(hearings.id, booked.hearingId));
    expect(await resolveHearingReminder(t.db, { subjectId: h.id, data: { sequence: h.sequence, lead: '2d' } })).toMatchObject({ send: true, data: { location: null, locationCode: 'video' } });
    await t.db.update(venues).set({ kind: 'library', meetingUrl: null, addressLine: '1 Main St', name: '', room: '' }).where(eq(venues.id, w.rooms[0].id));
    expect(await resolveHearingReminder(t.db, { subjectId: h.id, data: { sequence: h.sequence, lead: '2d' } })).toMatchObject({ send: true, data: { location: null, locationCode: 'to_be_confirmed' } });
    await t.db.update(venues).set({ name: 'Library 1', room: 'Room B' }).where(eq(venues.id, w.rooms[0].id));
    expect(await resolveHearingReminder(t.db, { subjectId: h.id, data: { sequence: h.sequence, lead: '2d' } })).toMatchObject({ send: true, data: { location: 'Library 1, Room B', locationCode: null } });
  });
});
