import { TZDate } from '@date-fns/tz';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { enqueueNotice, listCaseNotices, listFailingContacts, notifyParticipant, retryNotice } from '@/db/queries/outbox';
import { outbox, participants } from '@/db/schema';
import { processDueNotices } from '@/lib/notify/worker';
import { messageIdFor, type Transport } from '@/lib/notify/transports';
import { actorOf, makeUser } from '../helpers/factories';
import { hearingData, makeNoticeSetup, makeSupportContact, testTransports } from '../helpers/notify-factories';
import { startSmsProvider, startSmtpServer, type SmsProvider, type SmtpStandIn } from '../helpers/notify-providers';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
let sms: SmsProvider;
let smtp: SmtpStandIn;
beforeAll(async () => {
  [t, sms, smtp] = await Promise.all([createTestDb('empty'), startSmsProvider(), startSmtpServer()]);
});
afterAll(async () => {
  await Promise.all([t?.close(), sms?.close(), smtp?.close()]);
});

/** Noon in Kansas City, some days from now: daytime, so quiet hours never hold a text back. */
const noonChicago = (days = 1) => {
  const d = new TZDate(Date.now(), 'America/Chicago');
  return new Date(new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + days, 12, 0, 0, 0, 'America/Chicago').getTime());
};
const rowsOfCase = (caseId: string) => t.db.select().from(outbox).where(eq(outbox.caseId, caseId));

describe('email over a real SMTP server', () => {
  it('arrives in Spanish, with the time in the jurisdiction’s zone, the sender named and a calendar file that parses', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { lang: 'es', phone: null, email: 'jordan.es@example.test' });
    const startsAt = new Date('2027-01-12T00:30:00Z'); // 6:30 pm in Kansas City on Monday 11 January
    await t.db.transaction((tx) =>
      notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'hearing.confirmation', data: hearingData(startsAt, { hearingId: 'h-es', sequence: 2 }), key: 'hearing:h-es:v2:confirmation', subject: { type: 'hearing', id: 'h-es' } }),
    );
    const pass = await processDueNotices({ db: t.db, transports: testTransports({ smtp, sms }), now: () => noonChicago() });
    expect(pass).toMatchObject({ claimed: 1, sent: 1, failed: 0 });

    const [row] = await rowsOfCase(c.id);
    const mail = smtp.deliveries.find((d) => d.envelopeTo.includes('jordan.es@example.test'));
    expect(mail).toBeDefined();
    const m = mail!.parsed;
    expect(m.subject).toBe('Su reunión con el comité: lunes, 11 de enero de 2027, 6:30 p.m. CST · Common Ground');
    expect(m.from?.value[0]).toEqual({ name: 'Common Ground', address: 'notices@common-ground.test' });
    expect(m.text).toContain('Hola Jordan:');
    expect(m.text).toContain('Lugar: Northeast Branch Library, 6000 Wilson Rd');
    expect(m.text).toContain('llámenos antes de la reunión al (816) 555-0142');
    expect(m.messageId).toBe(messageIdFor(row.idempotencyKey));
    expect(m.headers.get('x-idempotency-key')).toBe(row.idempotencyKey);
    // What was stored is what arrived.
    expect(m.text?.trim()).toBe(row.renderedBody?.trim());
    expect(row).toMatchObject({ status: 'sent', transport: 'smtp', toAddress: 'jordan.es@example.test', renderedSubject: m.subject, attempts: 1 });
    expect(row.providerMessageId).toBe(m.messageId);

    expect(m.attachments).toHaveLength(1);
    const ics = m.attachments[0];
    expect(ics.filename).toBe('reunion.ics');
    expect(ics.contentType).toBe('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')));
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe('hearing-h-es@common-ground');
    expect(event.startDate.toJSDate().toISOString()).toBe(startsAt.toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-01-12T01:30:00.000Z');
    expect(event.sequence).toBe(2);
    expect(event.location).toBe('Northeast Branch Library, 6000 Wilson Rd, Kansas City, MO 64123');
    expect(event.summary).toBe('Reunión con el comité: Common Ground');
    expect(row.renderedAttachments?.[0].content).toBe(ics.content.toString('utf8'));
  });

  it('a cancellation carries a CANCEL calendar file with the same UID, so calendars remove the meeting', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: null, email: 'cancel@example.test' });
    await t.db.transaction((tx) =>
      notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'hearing.cancelled', data: hearingData(new Date('2027-02-02T00:00:00Z'), { hearingId: 'h-x', sequence: 3 }), key: 'hearing:h-x:cancelled' }),
    );
    await processDueNotices({ db: t.db, transports: testTransports({ smtp, sms }), now: () => noonChicago() });
    const m = smtp.deliveries.find((d) => d.envelopeTo.includes('cancel@example.test'))!.parsed;
    expect(m.subject).toBe('Your board meeting on Mon, Feb 1, 6:00 PM CST is cancelled · Common Ground');
    const cal = new ICAL.Component(ICAL.parse(m.attachments[0].content.toString('utf8')));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    const ev = cal.getFirstSubcomponent('vevent')!;
    expect(ev.getFirstPropertyValue('uid')).toBe('hearing-h-x@common-ground');
    expect(ev.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('a mailbox the server refuses (550) fails for good and shows up as a contact to fix', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: null, email: 'bounce@example.test' });
    const coord = await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' });
    await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'case.completed', data: {}, key: `case:${c.id}:completed` }));
    const pass = await processDueNotices({ db: t.db, transports: testTransports({ smtp, sms }), now: () => noonChicago() });
    expect(pass).toMatchObject({ failed: 1, retrying: 0 });
    const [row] = await rowsOfCase(c.id);
    expect(row).toMatchObject({ status: 'failed', lastErrorCode: 'smtp_550', toAddress: 'bounce@example.test' });
    const failing = await listFailingContacts(t.db, actorOf(coord));
    expect(failing.map((f) => [f.recipientName, f.channel, f.toAddress, f.lastErrorCode])).toEqual([['Jordan Rivera', 'email', 'bounce@example.test', 'smtp_550']]);
  });
});

describe('SMS over a Twilio-compatible HTTP API', () => {
  it('arrives short, in the recipient’s language and the jurisdiction’s zone (summer time), naming the sender and ending with STOP', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { timeZone: 'America/Los_Angeles', email: null, phone: '(816) 555-2001' });
    await t.db.transaction((tx) =>
      notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'hearing.reminder', data: { ...hearingData(new Date('2027-07-14T01:00:00Z')), lead: '2d' }, key: 'hearing:h-1:v0:reminder-2d' }),
    );
    const pass = await processDueNotices({ db: t.db, transports: testTransports({ smtp, sms }), now: () => noonChicago() });
    expect(pass.sent).toBe(1);
    const [row] = await rowsOfCase(c.id);
    const d = sms.deliveries.find((x) => x.key === row.idempotencyKey)!;
    expect(d.to).toBe('+18165552001');
    expect(d.from).toBe(sms.from);
    expect(d.body).toBe(
      'Common Ground: Reminder: your board meeting is in two days, Tue, Jul 13, 6:00 PM PDT, at Northeast Branch Library. Help: (816) 555-0142. Reply STOP to opt out.',
    );
    expect(d.body.length).toBeLessThanOrEqual(320);
    expect(row).toMatchObject({ status: 'sent', transport: 'sms-http', providerMessageId: d.sid, renderedBody: d.body, toAddress: '+18165552001' });
  });

  it('goes out in the language the participant has when it is sent, not when it was queued', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { email: null, phone: '(816) 555-2002' });
    expect(p.preferredLanguage).toBe('en');
    await t.db.transaction((tx) =>
      notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'hearing.reminder', data: { ...hearingData(new Date('2027-07-14T01:00:00Z')), lead: '2d' }, key: 'hearing:h-2:v0:reminder-2d' }),
    );
    const [queued] = await rowsOfCase(c.id);
    expect(queued.locale).toBe('en');
    // Queued weeks ahead; meanwhile the participant switches to Spanish.
    await t.db.update(participants).set({ preferredLanguage: 'es' }).where(eq(participants.id, p.id));
    const pass = await processDueNotices({ db: t.db, transports: testTransports({ smtp, sms }), now: () => noonChicago() });
    expect(pass.sent).toBe(1);
    const [row] = await rowsOfCase(c.id);
    const d = sms.deliveries.find((x) => x.key === row.idempotencyKey)!;
    expect(d.body).toContain('en dos días');
    expect(d.body).not.toContain('Reminder');
    expect(row).toMatchObject({ status: 'sent', locale: 'es', renderedBody: d.body });
  });

  it('a participant without a phone gets notices through their support contact, who is told whom it is for', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: null, email: null, lang: 'es' });
    const sc = await makeSupportContact(t.db, { jurisdictionId: j.id, participantId: p.id, phone: '816 555 3003', email: null, locale: 'es', name: 'María López' });
    await t.db.transaction((tx) =>
      notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'obligation.due_soon', data: { obligationId: 'o1', title: 'Servicio comunitario: 10 horas', dueOn: '2027-03-05' }, key: 'obligation:o1:due-soon' }),
    );
    const rows = await rowsOfCase(c.id);
    expect(rows.map((r) => [r.recipientKind, r.recipientId, r.channel])).toEqual([['support_contact', sc.id, 'sms']]);
    await processDueNotices({ db: t.db, transports: testTransports({ smtp, sms }), now: () => noonChicago() });
    const d = sms.deliveries.find((x) => x.to === '+18165553003')!;
    expect(d.body).toBe(
      'Common Ground (para Jordan R.): Vence el vie, 5 de mar: Servicio comunitario: 10 horas. ¿Necesita más tiempo? Llámenos. Ayuda: (816) 555-0142. Responda STOP para no recibir más mensajes.',
    );
  });

  it('nobody to reach: one skipped row tells the coordinator, on the case and in the failing list', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: null, email: null });
    const coord = await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' });
    await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'case.returned', data: {}, key: `case:${c.id}:returned` }));
    const notices = await listCaseNotices(t.db, actorOf(coord), c.id);
    expect(notices.map((n) => [n.status, n.lastErrorCode, n.recipientName])).toEqual([['skipped', 'unreachable', 'Jordan Rivera']]);
    expect((await listFailingContacts(t.db, actorOf(coord))).map((f) => f.lastErrorCode)).toEqual(['unreachable']);
  });

  it('a number the provider refuses fails at once; after the coordinator fixes it, resending delivers to the new number', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: '913-555-0101', email: null });
    const coord = await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' });
    await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'agreement.signed', data: { agreementId: 'a1', endsOn: '2027-04-01', itemCount: 3 }, key: 'agreement:a1:signed' }));
    const first = await processDueNotices({ db: t.db, transports: testTransports({ smtp, sms }), now: () => noonChicago() });
    expect(first).toMatchObject({ failed: 1, retrying: 0 });
    const [failed] = await rowsOfCase(c.id);
    expect(failed).toMatchObject({ status: 'failed', lastErrorCode: 'sms_21211', attempts: 1 });
    expect(failed.lastError).toContain('not a valid phone number');
    expect((await listFailingContacts(t.db, actorOf(coord))).map((f) => f.toAddress)).toEqual(['+19135550101']);

    await t.db.update(participants).set({ phone: '816-555-4004' }).where(eq(participants.id, p.id));
    await retryNotice(t.db, actorOf(coord), { caseId: c.id, noticeId: failed.id });
    const second = await processDueNotices({ db: t.db, transports: testTransports({ smtp, sms }), now: () => noonChicago() });
    expect(second.sent).toBe(1);
    const [row] = await rowsOfCase(c.id);
    expect(row).toMatchObject({ status: 'sent', toAddress: '+18165554004' });
    expect(sms.deliveries.filter((d) => d.key === row.idempotencyKey).map((d) => d.to)).toEqual(['+18165554004']);
    expect(await listFailingContacts(t.db, actorOf(coord))).toEqual([]);
  });

  it('a provider outage is retried with backoff, and the retry keeps the same idempotency key', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: '816-555-5005', email: null });
    sms.failNext('+18165555005', 1, 503);
    await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'case.completed', data: {}, key: `case:${c.id}:completed` }));
    const now = noonChicago();
    const first = await processDueNotices({ db: t.db, transports: testTransports({ smtp, sms }), now: () => now, backoffMs: (n) => n * 60_000 });
    expect(first.retrying).toBe(1);
    const [waiting] = await rowsOfCase(c.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastErrorCode: 'transient' });
    expect(waiting.sendAfter.getTime()).toBe(now.getTime() + 60_000);
    // Not due yet: nothing happens before the backoff ends.
    expect((await processDueNotices({ db: t.db, transports: testTransports({ smtp, sms }), now: () => new Date(now.getTime() + 30_000) })).claimed).toBe(0);
    const second = await processDueNotices({ db: t.db, transports: testTransports({ smtp, sms }), now: () => new Date(now.getTime() + 61_000) });
    expect(second.sent).toBe(1);
    const [row] = await rowsOfCase(c.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(sms.requestsByKey.get(row.idempotencyKey)).toBe(2);
    expect(sms.deliveries.filter((d) => d.key === row.idempotencyKey)).toHaveLength(1);
  });

  it('a worker that dies after the provider accepted: the row is reclaimed after its lease, resent with the same key, and delivered once', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: '816-555-6006', email: null });
    await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'case.completed', data: {}, key: `case:${c.id}:completed` }));
    const real = testTransports({ smtp, sms });
    let accepted!: () => void;
    const providerAccepted = new Promise<void>((r) => (accepted = r));
    let release!: (e: Error) => void;
    // Hands the message to the provider, then "dies": never returns, so nothing is recorded.
    const dying: Transport = {
      name: 'sms-http',
      send: async (m) => {
        await real.sms.send(m);
        accepted();
        return new Promise((_, reject) => (release = reject));
      },
    };
    const now = noonChicago();
    const crashed = processDueNotices({ db: t.db, transports: { ...real, sms: dying }, now: () => now, leaseMs: 5_000, workerId: 'doomed', log: () => {} });
    await providerAccepted;
    const [inFlight] = await rowsOfCase(c.id);
    expect(inFlight).toMatchObject({ status: 'sending', leaseOwner: 'doomed', attempts: 1 });
    // Before the lease ends nobody else may take it.
    expect((await processDueNotices({ db: t.db, transports: real, now: () => new Date(now.getTime() + 4_000) })).claimed).toBe(0);
    const rescue = await processDueNotices({ db: t.db, transports: real, now: () => new Date(now.getTime() + 6_000), workerId: 'rescuer' });
    expect(rescue).toMatchObject({ claimed: 1, sent: 1 });
    // The dead worker "wakes up": its late outcome is refused by the lease guard.
    release(new Error('connection reset'));
    expect((await crashed).lost).toBe(1);
    const [row] = await rowsOfCase(c.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sms.requestsByKey.get(row.idempotencyKey)).toBe(2);
    const delivered = sms.deliveries.filter((d) => d.key === row.idempotencyKey);
    expect(delivered).toHaveLength(1);
    expect(row.providerMessageId).toBe(delivered[0].sid);
  });
});

describe('enqueueing', () => {
  it('is idempotent: the same key twice makes one notice', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db);
    const input = { jurisdictionId: j.id, caseId: c.id, recipient: { kind: 'participant' as const, id: p.id }, channel: 'sms' as const, template: 'case.completed' as const, data: {}, idempotencyKey: `dup:${c.id}` };
    const a = await enqueueNotice(t.db, input);
    const b = await enqueueNotice(t.db, input);
    expect([a.created, b.created]).toEqual([true, false]);
    expect(await rowsOfCase(c.id)).toHaveLength(1);
  });

  it('refuses data the template cannot render, and a recipient from another jurisdiction', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db);
    const other = await makeNoticeSetup(t.db);
    const base = { jurisdictionId: j.id, caseId: c.id, channel: 'sms' as const, idempotencyKey: `bad:${c.id}` };
    await expect(
      enqueueNotice(t.db, { ...base, recipient: { kind: 'participant', id: p.id }, template: 'obligation.overdue', data: { obligationId: 'o', title: '', dueOn: 'soon' } }),
    ).rejects.toThrow();
    await expect(enqueueNotice(t.db, { ...base, recipient: { kind: 'participant', id: other.p.id }, template: 'case.completed', data: {} })).rejects.toThrow(/another jurisdiction/);
    expect(await rowsOfCase(c.id)).toHaveLength(0);
  });

  it('rolls back with the transaction that enqueued it', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db);
    await t.db
      .transaction(async (tx) => {
        await notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'case.completed', data: {}, key: 'rolled-back' });
        throw new Error('the change failed');
      })
      .catch(() => {});
    expect(await rowsOfCase(c.id)).toHaveLength(0);
  });
});
