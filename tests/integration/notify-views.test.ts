import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { transitionCase } from '@/db/queries/cases';
import { closeCase } from '@/db/queries/case-closures';
import { addSupportContact, endSupportContact, getCaseContacts, updateParticipantContact } from '@/db/queries/contact-preferences';
import { listCaseNotices, listFailingContacts, listOutbox } from '@/db/queries/outbox';
import { auditLog, cases, jurisdictions, outbox } from '@/db/schema';
import { ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';
import { processDueNotices } from '@/lib/notify/worker';
import { DemoTransport, PortalTransport } from '@/lib/notify/transports';
import { actorOf, makeCase, makeParticipant, userByEmail } from '../helpers/factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('demo');
});
afterAll(async () => t?.close());

const demo = { email: new DemoTransport(), sms: new DemoTransport(), portal: new PortalTransport() };
const noon = () => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(18, 0, 0, 0); // noon or 1 pm in Kansas City
  return d;
};

describe('demo notices', () => {
  it('the admin Outbox shows seeded messages exactly as rendered, newest first, filterable', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    const page = await listOutbox(t.db, admin, { limit: 100 });
    expect(page.items.length).toBe(10);
    const spanishEmail = page.items.find((n) => n.channel === 'email' && n.locale === 'es')!;
    expect(spanishEmail.renderedSubject).toBe('Completó el programa · Common Ground');
    expect(spanishEmail.renderedBody).toContain('Felicidades: usted completó su acuerdo con el programa Common Ground.');
    const forDana = page.items.find((n) => n.channel === 'sms' && n.recipientName === 'Dana Ortiz')!;
    expect(forDana.renderedBody).toMatch(/^Common Ground \(for [A-Z][a-z]+ [A-Z]\.\): Congratulations!/);
    expect((await listOutbox(t.db, admin, { status: 'failed' })).items.map((n) => n.lastErrorCode)).toEqual(['invalid_address']);
    const firstPage = await listOutbox(t.db, admin, { limit: 4 });
    const second = await listOutbox(t.db, admin, { limit: 4, before: firstPage.next! });
    expect(second.items.map((n) => n.id)).toEqual(page.items.slice(4, 8).map((n) => n.id));
  });

  it('the coordinator sees who cannot be reached: an invalid number and a number that replied STOP', async () => {
    const coord = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const failing = await listFailingContacts(t.db, coord);
    expect(failing.map((f) => f.lastErrorCode).sort()).toEqual(['invalid_address', 'opted_out']);
    const stopCase = failing.find((f) => f.lastErrorCode === 'opted_out')!.caseId!;
    expect((await getCaseContacts(t.db, coord, stopCase)).participant.phone.stoppedAt).not.toBeNull();
  });

  it('only coordinators of the jurisdiction read notices; only admins read the Outbox', async () => {
    const [c] = await t.db.select({ id: cases.id }).from(outbox).innerJoin(cases, eq(cases.id, outbox.caseId)).limit(1);
    for (const email of ['prosecutor@demo.test', 'volunteer@demo.test', 'participant@demo.test', 'admin@demo.test']) {
      await expect(listCaseNotices(t.db, actorOf(await userByEmail(t.db, email)), c.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(listOutbox(t.db, actorOf(await userByEmail(t.db, 'coordinator@demo.test')))).rejects.toBeInstanceOf(ForbiddenError);
    const [platte] = await t.db.select().from(jurisdictions).where(eq(jurisdictions.slug, 'platte'));
    const other = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    await expect(listCaseNotices(t.db, { ...other, jurisdictionId: platte.id }, c.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await listOutbox(t.db, { ...actorOf(await userByEmail(t.db, 'admin@demo.test')), jurisdictionId: platte.id })).toMatchObject({ items: [] });
  });
});

describe('case status changes send their notices', () => {
  it('completing a case enqueues the outcome notice in the same transaction and cancels pending reminders', async () => {
    const coord = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const p = await makeParticipant(t.db, { jurisdictionId: coord.jurisdictionId, phone: '816-555-3131', email: 'done@example.test' });
    const c = await makeCase(t.db, { jurisdictionId: coord.jurisdictionId, participantId: p.id, status: 'in_progress' });
    await t.db.insert(outbox).values({ jurisdictionId: coord.jurisdictionId, caseId: c.id, recipientKind: 'participant', recipientId: p.id, channel: 'sms', templateKey: 'obligation.due_soon', data: { obligationId: 'o', title: 'Letter', dueOn: '2027-01-01' }, idempotencyKey: `pending:${c.id}`, sendAfter: new Date(Date.now() + 86_400_000) });
    await closeCase(t.db, coord, { caseId: c.id, version: 1, outcome: 'completed' });
    const rows = await t.db.select().from(outbox).where(eq(outbox.caseId, c.id)).orderBy(outbox.idempotencyKey);
    expect(rows.map((r) => [r.templateKey, r.channel, r.status])).toEqual([
      ['case.completed', 'email', 'pending'],
      ['case.completed', 'sms', 'pending'],
      ['obligation.due_soon', 'sms', 'cancelled'],
    ]);
    await processDueNotices({ db: t.db, transports: demo, now: noon });
    const notices = await listCaseNotices(t.db, coord, c.id);
    expect(notices.filter((n) => n.status === 'sent').map((n) => n.transport)).toEqual(['demo', 'demo']);
  });

  it('a return before any offer notifies nobody (the office contacts the person)', async () => {
    const coord = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const c = await makeCase(t.db, { jurisdictionId: coord.jurisdictionId, status: 'ineligible' });
    await transitionCase(t.db, coord, { caseId: c.id, to: 'returned', reason: 'ineligible', version: 1 });
    const [{ n }] = await t.db.select({ n: count() }).from(outbox).where(eq(outbox.caseId, c.id));
    expect(n).toBe(0);
  });
});

describe('fixing contact details', () => {
  it('checks numbers and addresses, keeps one way to reach the person, and audits each change', async () => {
    const coord = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const p = await makeParticipant(t.db, { jurisdictionId: coord.jurisdictionId, phone: '816-555-01', email: null });
    const c = await makeCase(t.db, { jurisdictionId: coord.jurisdictionId, participantId: p.id, status: 'in_progress' });
    expect((await getCaseContacts(t.db, coord, c.id)).participant.phone).toMatchObject({ raw: '816-555-01', valid: false });
    const bad = await updateParticipantContact(t.db, coord, { caseId: c.id, phone: '555-12', email: 'nope', version: 1 }).catch((e) => e);
    expect(bad.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['email', 'phone']);
    await expect(updateParticipantContact(t.db, coord, { caseId: c.id, phone: '', email: '', version: 1 })).rejects.toBeInstanceOf(RuleError);
    await updateParticipantContact(t.db, coord, { caseId: c.id, phone: '(816) 555-0101', email: '', version: 1 });
    expect((await getCaseContacts(t.db, coord, c.id)).participant.phone).toMatchObject({ e164: '+18165550101', valid: true });

    const sc = await addSupportContact(t.db, coord, { caseId: c.id, name: 'Ana Ruiz', relationship: 'Aunt', phone: '816 555 0123', locale: 'es' });
    expect((await getCaseContacts(t.db, coord, c.id)).supportContacts.map((s) => [s.name, s.locale, s.phone.e164])).toEqual([['Ana Ruiz', 'es', '+18165550123']]);
    await endSupportContact(t.db, coord, { caseId: c.id, supportContactId: sc.id, version: 1 });
    expect((await getCaseContacts(t.db, coord, c.id)).supportContacts).toEqual([]);
    const [{ n }] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.actorUserId, coord.userId), eq(auditLog.details, { caseId: c.id, participantId: p.id })));
    expect(n).toBe(1);
    const prosecutor = actorOf(await userByEmail(t.db, 'prosecutor@demo.test'));
    await expect(addSupportContact(t.db, prosecutor, { caseId: c.id, name: 'X Y', relationship: 'Friend', phone: '816 555 0123' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
