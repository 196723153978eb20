import { TZDate } from '@date-fns/tz';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { getCaseContacts, setContactPreference } from '@/db/queries/contact-preferences';
import { cancelNotices, notifyParticipant } from '@/db/queries/outbox';
import { auditLog, cases, outbox, smsOptOuts } from '@/db/schema';
import { handleInboundSms, twilioSignature } from '@/lib/notify/inbound';
import { reminderSchedule } from '@/lib/notify/reminder-schedule';
import { registerResolver } from '@/lib/notify/resolvers';
import { processDueNotices } from '@/lib/notify/worker';
import { actorOf, makeUser } from '../helpers/factories';
import { hearingData, makeNoticeSetup, testTransports } from '../helpers/notify-factories';
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

const chicago = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(new TZDate(y, mo - 1, d, h, mi, 0, 0, 'America/Chicago').getTime());
const noonChicago = (days = 1) => {
  const d = new TZDate(Date.now(), 'America/Chicago');
  return new Date(new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + days, 12, 0, 0, 0, 'America/Chicago').getTime());
};
const pass = (now: Date) => processDueNotices({ db: t.db, transports: testTransports({ sms, smtp }), now: () => now });
const rowsOfCase = (caseId: string) => t.db.select().from(outbox).where(eq(outbox.caseId, caseId)).orderBy(outbox.createdAt, outbox.idempotencyKey);
const textsTo = (to: string) => sms.deliveries.filter((d) => d.to === to);

describe('quiet hours', () => {
  it('holds a text due at 10:30 pm until 8:00 the next morning (across the spring DST change), while email goes at once', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: '816-555-7001', email: 'quiet@example.test' });
    await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'case.completed', data: {}, key: `quiet:${c.id}` }));
    // Saturday 13 March 2027, 22:30 CST; clocks spring forward that night.
    const late = chicago(2027, 3, 13, 22, 30);
    expect(await pass(late)).toMatchObject({ claimed: 2, sent: 1, deferred: 1 });
    const held = (await rowsOfCase(c.id)).find((r) => r.channel === 'sms')!;
    expect(held).toMatchObject({ status: 'pending', attempts: 0, lastErrorCode: 'quiet_hours' });
    // 08:00 CDT = 13:00 UTC (a fixed -6 offset would have said 14:00).
    expect(held.sendAfter.toISOString()).toBe('2027-03-14T13:00:00.000Z');
    expect(textsTo('+18165557001')).toHaveLength(0);
    expect(smtp.deliveries.some((d) => d.envelopeTo.includes('quiet@example.test'))).toBe(true);

    expect((await pass(chicago(2027, 3, 14, 7, 59))).claimed).toBe(0);
    expect(await pass(chicago(2027, 3, 14, 8, 0))).toMatchObject({ sent: 1 });
    expect(textsTo('+18165557001')).toHaveLength(1);
  });

  it('a text due at 5 am goes at 8 am the same day; a jurisdiction can set its own window', async () => {
    const a = await makeNoticeSetup(t.db, { phone: '816-555-7002', email: null });
    const b = await makeNoticeSetup(t.db, { phone: '816-555-7003', email: null, quietHours: { start: '20:00', end: '09:30' } });
    for (const s of [a, b]) await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: s.j.id, caseId: s.c.id, participantId: s.p.id, template: 'case.returned', data: {}, key: `early:${s.c.id}` }));
    await pass(chicago(2027, 5, 4, 5, 0));
    expect((await rowsOfCase(a.c.id))[0].sendAfter.getTime()).toBe(chicago(2027, 5, 4, 8, 0).getTime());
    expect((await rowsOfCase(b.c.id))[0].sendAfter.getTime()).toBe(chicago(2027, 5, 4, 9, 30).getTime());
  });
});

describe('STOP, START and HELP replies', () => {
  const url = 'https://cg.example.org/api/sms/inbound';
  const reply = async (from: string, body: string, o: { sign?: boolean; json?: boolean } = {}) => {
    const params = { MessageSid: `SM${Math.random().toString(16).slice(2)}`, From: from, To: sms.from, Body: body };
    const req = new Request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': o.sign === false ? 'bm90IGEgc2lnbmF0dXJl' : twilioSignature(sms.authToken, url, params),
        ...(o.json ? { accept: 'application/json' } : {}),
      },
      body: new URLSearchParams(params),
    });
    return handleInboundSms(t.db, req, { authToken: sms.authToken, publicUrl: url });
  };

  it('STOP skips pending texts at once, later texts are skipped too, email still goes; START turns texts back on', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: '816-555-8001', email: 'stop@example.test' });
    const coord = await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' });
    const hearing = chicago(2027, 6, 20, 18);
    await t.db.transaction(async (tx) => {
      for (const s of reminderSchedule({ startsAt: hearing, bookedAt: chicago(2027, 6, 1, 12), timeZone: 'America/Chicago' }).filter((x) => x.kind !== 'confirmation')) {
        await notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'hearing.reminder', data: { ...hearingData(hearing), lead: s.kind as '7d' | '2d' | 'day_of' }, key: `stop:${c.id}:${s.kind}`, sendAfter: s.sendAt, channels: ['sms'] });
      }
    });
    expect((await rowsOfCase(c.id)).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);

    const bad = await reply('+18165558001', 'STOP', { sign: false });
    expect(bad.status).toBe(403);
    expect((await rowsOfCase(c.id)).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);

    const res = await reply('(816) 555-8001', '  stop please');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
    expect(await res.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Common Ground: You will get no more text messages from us. Reply START to get them again. Help: (816) 555-0142.</Message></Response>',
    );
    expect((await rowsOfCase(c.id)).map((r) => [r.status, r.lastErrorCode])).toEqual([
      ['skipped', 'opted_out'],
      ['skipped', 'opted_out'],
      ['skipped', 'opted_out'],
    ]);
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'sms.opt_out'), eq(auditLog.jurisdictionId, j.id)));
    expect(audit).toMatchObject({ entityId: '…8001', details: { keyword: 'STOP', pendingSkipped: 3 } });
    expect((await getCaseContacts(t.db, actorOf(coord), c.id)).participant.phone.stoppedAt).not.toBeNull();

    // A notice enqueued after STOP: the text is skipped at send time, the email is sent.
    await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'case.completed', data: {}, key: `stop:${c.id}:done` }));
    expect(await pass(noonChicago())).toMatchObject({ sent: 1, skipped: 1 });
    expect(textsTo('+18165558001')).toHaveLength(0);

    const start = await reply('+18165558001', 'START', { json: true });
    expect(await start.json()).toEqual({ keyword: 'start', pendingSkipped: 0, reply: 'Common Ground: Text messages are back on. Reply STOP to opt out. Help: (816) 555-0142.' });
    const [row] = await t.db.select().from(smsOptOuts).where(eq(smsOptOuts.phone, '+18165558001'));
    expect(row).toMatchObject({ optedOut: false, lastKeyword: 'START' });
    await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'case.completed', data: {}, key: `stop:${c.id}:again`, channels: ['sms'] }));
    await pass(noonChicago());
    expect(textsTo('+18165558001')).toHaveLength(1);
  });

  it('answers HELP with the program and its phone, in Spanish for a Spanish speaker, and understands PARAR', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: '816-555-8002', email: null, lang: 'es' });
    await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'case.returned', data: {}, key: `help:${c.id}` }));
    await pass(noonChicago());
    const help = await (await reply('+18165558002', 'Ayuda', { json: true })).json();
    expect(help).toMatchObject({ keyword: 'help', reply: 'Common Ground: recordatorios de sus reuniones y tareas del programa. Ayuda: (816) 555-0142. Responda STOP para no recibir más mensajes.' });
    const stop = await (await reply('+18165558002', 'PARAR', { json: true })).json();
    expect(stop.keyword).toBe('stop');
    expect(stop.reply).toContain('No le enviaremos más mensajes de texto');
    const other = await (await reply('+18165558002', 'who is this?', { json: true })).json();
    expect(other).toMatchObject({ keyword: null });
  });
});

describe('a reminder is computed from the current state at send time', () => {
  it('a moved hearing gets its reminder at the new time; a cancelled one gets none (test resolver on the case’s first-hearing time)', async () => {
    // Stands in for the scheduling resolver: re-reads the hearing time, here cases.firstHearingAt.
    const unregister = registerResolver('hearing.reminder', async (db, n) => {
      const [row] = await db.select({ at: cases.firstHearingAt }).from(cases).where(eq(cases.id, n.caseId!));
      if (!row?.at) return { send: false, reason: 'The hearing was cancelled' };
      return { send: true, data: { ...n.data, startsAt: row.at.toISOString(), endsAt: new Date(row.at.getTime() + 3_600_000).toISOString() } };
    });
    try {
      const moved = await makeNoticeSetup(t.db, { phone: '816-555-9001', email: null });
      const cancelled = await makeNoticeSetup(t.db, { phone: '816-555-9002', email: null });
      const original = chicago(2027, 1, 20, 18);
      for (const s of [moved, cancelled]) {
        await t.db.update(cases).set({ firstHearingAt: original }).where(eq(cases.id, s.c.id));
        await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: s.j.id, caseId: s.c.id, participantId: s.p.id, template: 'hearing.reminder', data: { ...hearingData(original), lead: '2d' }, key: `resolver:${s.c.id}` }));
      }
      await t.db.update(cases).set({ firstHearingAt: chicago(2027, 1, 21, 19) }).where(eq(cases.id, moved.c.id));
      await t.db.update(cases).set({ firstHearingAt: null }).where(eq(cases.id, cancelled.c.id));

      expect(await pass(noonChicago())).toMatchObject({ sent: 1, skipped: 1 });
      expect(textsTo('+18165559001').map((d) => d.body)).toEqual([
        'Common Ground: Reminder: your board meeting is in two days, Thu, Jan 21, 7:00 PM CST, at Northeast Branch Library. Help: (816) 555-0142. Reply STOP to opt out.',
      ]);
      expect(textsTo('+18165559002')).toEqual([]);
      expect((await rowsOfCase(cancelled.c.id))[0]).toMatchObject({ status: 'skipped', lastErrorCode: 'not_due', lastError: 'The hearing was cancelled' });
    } finally {
      unregister();
    }
  });

  it('rescheduling cancels the pending reminders of the old time and only the new ones are sent', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: '816-555-9003', email: null });
    const bookedAt = noonChicago(0);
    const enqueueFor = (startsAt: Date, version: number) =>
      t.db.transaction(async (tx) => {
        for (const s of reminderSchedule({ startsAt, bookedAt, timeZone: 'America/Chicago' }).filter((x) => x.kind !== 'confirmation')) {
          await notifyParticipant(tx, {
            jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'hearing.reminder',
            data: { ...hearingData(startsAt, { hearingId: 'h-9', sequence: version }), lead: s.kind as '7d' | '2d' | 'day_of' },
            key: `hearing:h-9:v${version}:${s.kind}`, sendAfter: s.sendAt, subject: { type: 'hearing', id: 'h-9' }, channels: ['sms'],
          });
        }
      });
    const first = new Date(bookedAt.getTime() + 10 * 86_400_000);
    const second = new Date(bookedAt.getTime() + 12 * 86_400_000);
    await enqueueFor(first, 0);
    expect(await rowsOfCase(c.id)).toHaveLength(3);
    // The hearing moves: in the same transaction, cancel what was pending and enqueue the new plan.
    await t.db.transaction(async (tx) => {
      expect(await cancelNotices(tx, { subjectType: 'hearing', subjectId: 'h-9', templates: ['hearing.reminder'], reason: 'Hearing moved' })).toBe(3);
    });
    await enqueueFor(second, 1);
    for (let d = 1; d <= 13; d++) await pass(noonChicago(d));
    const rows = await rowsOfCase(c.id);
    expect(rows.filter((r) => r.idempotencyKey.includes(':v0:')).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(rows.filter((r) => r.idempotencyKey.includes(':v1:')).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    const bodies = textsTo('+18165559003').map((d) => d.body);
    expect(bodies).toHaveLength(3);
    const newDay = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'America/Chicago' }).format(second);
    for (const b of bodies.slice(0, 2)) expect(b).toContain(newDay);
    expect(bodies[2]).toMatch(/^Common Ground: Today: your board meeting at \d{1,2}:\d\d [AP]M C[SD]T, Northeast Branch Library\./);
  });

  it('reminders about a closed case are skipped; the outcome notice still goes', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: '816-555-9004', email: null });
    await t.db.transaction(async (tx) => {
      await notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'obligation.due_soon', data: { obligationId: 'o', title: 'Apology letter', dueOn: '2027-02-01' }, key: `closed:${c.id}:due` });
      await tx.update(cases).set({ status: 'completed', closedAt: new Date() }).where(eq(cases.id, c.id));
      await notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'case.completed', data: {}, key: `closed:${c.id}:completed` });
    });
    expect(await pass(noonChicago())).toMatchObject({ sent: 1, skipped: 1 });
    expect((await rowsOfCase(c.id)).map((r) => [r.templateKey, r.status, r.lastErrorCode])).toEqual(
      expect.arrayContaining([
        ['obligation.due_soon', 'skipped', 'case_closed'],
        ['case.completed', 'sent', null],
      ]),
    );
  });
});

describe('channel choices', () => {
  it('texts turned off by the coordinator: new notices go by email only, and a text already queued is skipped', async () => {
    const { j, p, c } = await makeNoticeSetup(t.db, { phone: '816-555-9101', email: 'prefs@example.test' });
    const coord = await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' });
    await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'case.returned', data: {}, key: `prefs:${c.id}:1`, channels: ['sms'] }));
    await setContactPreference(t.db, actorOf(coord), { caseId: c.id, personKind: 'participant', personId: p.id, emailEnabled: 'on', smsEnabled: '', version: 0 });
    await t.db.transaction((tx) => notifyParticipant(tx, { jurisdictionId: j.id, caseId: c.id, participantId: p.id, template: 'case.returned', data: {}, key: `prefs:${c.id}:2` }));
    const rows = await rowsOfCase(c.id);
    expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'sms']);
    expect(await pass(noonChicago())).toMatchObject({ sent: 1, skipped: 1 });
    expect((await rowsOfCase(c.id)).find((r) => r.channel === 'sms')).toMatchObject({ status: 'skipped', lastErrorCode: 'channel_off' });
    const contacts = await getCaseContacts(t.db, actorOf(coord), c.id);
    expect(contacts.participant.preferences).toEqual({ emailEnabled: true, smsEnabled: false, version: 1 });
  });
});
