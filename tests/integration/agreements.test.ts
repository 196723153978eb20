import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProofFile, listCaseProgress, listObligationAlerts, logProgress, resolveObligationNotice, reviewProgress } from '@/db/queries/agreement-progress';
import { addItem, amendAgreement, approveAgreement, createDraft, getCaseAgreements, removeItem, saveTemplate, signAgreement } from '@/db/queries/agreements';
import { agreements, auditLog, caseCharges, caseEvents, cases, outbox, participants, proofFiles } from '@/db/schema';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import { renderEmail, renderSms, type NoticeContext } from '@/lib/notify/templates';
import { LocalDiskStorage, setStorage } from '@/lib/storage';
import { actorOf, addMember, makeBoard, makeCase, makeParticipant, makeUser } from '../helpers/factories';
import { makeSchedulingWorld, makeVolunteer } from '../helpers/scheduling-factories';
import { createTestDb } from '../helpers/test-db';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
const NOW = new Date('2026-11-02T18:00:00Z');

let db: Db;
let close: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-proof-'));
  setStorage(new LocalDiskStorage(dir));
});
afterAll(async () => {
  await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A case whose hearing was held, on a board with a chair and a member; the participant has an account. */
async function world(severity = 'misdemeanor_a') {
  const w = await makeSchedulingWorld(db, { members: 1 });
  const pu = await makeUser(db, { jurisdictionId: w.j.id, role: 'participant' });
  const p = await makeParticipant(db, { jurisdictionId: w.j.id, userId: pu.id, preferredLanguage: 'es' });
  const c = await makeCase(db, { jurisdictionId: w.j.id, participantId: p.id, boardId: w.board.id, status: 'hearing_held' });
  await db.insert(caseCharges).values({ caseId: c.id, code: '579.074', description: 'Paraphernalia', severity });
  return { ...w, c, participant: actorOf(pu), chairA: actorOf(w.chair), member: actorOf(w.members[0]) };
}

const item = (agreementId: string, version: number, o: Record<string, unknown> = {}) => ({ agreementId, version, kind: 'community_service_hours' as const, title: 'Community service', targetQuantity: 10, dueOn: '2026-12-15', verification: 'Signed timesheet', ...o });

async function signBoth(w: Awaited<ReturnType<typeof world>>, agreementId: string, version: number) {
  await signAgreement(db, w.participant, { agreementId, version, signerRole: 'participant', typedName: 'Alex Doe', confirm: 'on' }, NOW);
  return signAgreement(db, w.chairA, { agreementId, version, signerRole: 'chair', typedName: 'Chair Person', confirm: 'on' }, NOW);
}

describe('drafting and guardrails', () => {
  it('drafts 90 days with the check-in and closing hearings, and a treatment item says a clinician decides', async () => {
    const w = await world();
    const a = await createDraft(db, w.member, { caseId: w.c.id }, NOW);
    expect(a.startsOn).toBe('2026-11-02');
    expect(a.endsOn).toBe('2027-01-31');
    expect(a.language).toBe('es');
    const r = await addItem(db, w.member, item(a.id, a.version, { kind: 'treatment_program', title: 'Inpatient 30 days', targetQuantity: 30 }));
    expect(r.item.details).toBe('Assessment, then as a clinician recommends');
    expect(r.item.targetQuantity).toBe(1);
    const view = await getCaseAgreements(db, w.member, w.c.id, NOW);
    expect(view.draft?.items.map((i) => i.kind)).toEqual(['check_in_hearing', 'check_in_hearing', 'treatment_program']);
    const ev = await db.select().from(caseEvents).where(eq(caseEvents.caseId, w.c.id));
    expect(ev.filter((e) => e.type === 'agreement_changed')).toHaveLength(2);
  });

  it('refuses a paid item without a no-cost alternative, and a due date outside the agreement', async () => {
    const w = await world();
    const a = await createDraft(db, w.coord, { caseId: w.c.id }, NOW);
    await expect(addItem(db, w.coord, item(a.id, a.version, { kind: 'restitution', title: 'Pay back', amount: '40', paymentPlan: '$10 a month' }))).rejects.toMatchObject({ fieldErrors: { noCostAlternative: [expect.stringContaining('no-cost')] } });
    await expect(addItem(db, w.coord, item(a.id, a.version, { dueOn: '2027-06-01' }))).rejects.toMatchObject({ fieldErrors: { dueOn: [expect.any(String)] } });
    const ok = await addItem(db, w.coord, item(a.id, a.version, { kind: 'restitution', title: 'Pay back', amount: '40', paymentPlan: '$10 a month', noCostAlternative: '8 extra service hours' }));
    expect(ok.item.amountCents).toBe(4000);
  });

  it('over the caps cannot be signed until a coordinator approves this exact version', async () => {
    const w = await world(); // misdemeanor: 20 hours
    const a = await createDraft(db, w.member, { caseId: w.c.id }, NOW);
    const { version } = await addItem(db, w.member, item(a.id, a.version, { targetQuantity: 30 }));
    const view = await getCaseAgreements(db, w.member, w.c.id, NOW);
    expect(view.draft?.approvalNeeded).toBe(true);
    expect(view.draft?.guardrails.warnings).toEqual([{ cap: 'hours', limit: 20, actual: 30 }]);
    await expect(signAgreement(db, w.participant, { agreementId: a.id, version, signerRole: 'participant', typedName: 'Alex Doe', confirm: 'on' }, NOW)).rejects.toThrow(/coordinator must approve/);
    await expect(signAgreement(db, w.chairA, { agreementId: a.id, version, signerRole: 'chair', typedName: 'Chair Person', confirm: 'on' }, NOW)).rejects.toThrow(/coordinator must approve/);
    // A volunteer cannot approve; a coordinator can.
    await expect(approveAgreement(db, w.member, { agreementId: a.id, version, note: 'Board asked for more hours' })).rejects.toThrow(/not found/);
    const approved = await approveAgreement(db, w.coord, { agreementId: a.id, version, note: 'Participant asked for more hours to finish early.' });
    // An edit after approval needs a new approval.
    const edited = await addItem(db, w.member, item(a.id, approved.version, { targetQuantity: 5, title: 'More service' }));
    await expect(signAgreement(db, w.participant, { agreementId: a.id, version: edited.version, signerRole: 'participant', typedName: 'Alex Doe', confirm: 'on' }, NOW)).rejects.toThrow(/coordinator must approve/);
    const again = await approveAgreement(db, w.coord, { agreementId: a.id, version: edited.version, note: 'Still proportionate, agreed at the hearing.' });
    const res = await signBoth(w, a.id, again.version);
    expect(res.status).toBe('signed');
    const [c] = await db.select().from(cases).where(eq(cases.id, w.c.id));
    expect(c.status).toBe('in_progress');
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, 'agreement.approve')));
    expect(audits).toHaveLength(2);
  });

  it('only the chair signs for the board; a participant signs only their own case; hearing device records the method', async () => {
    const w = await world();
    const a = await createDraft(db, w.member, { caseId: w.c.id }, NOW);
    const { version } = await addItem(db, w.member, item(a.id, a.version));
    await expect(signAgreement(db, w.member, { agreementId: a.id, version, signerRole: 'chair', typedName: 'Member A', confirm: 'on' }, NOW)).rejects.toThrow(/chair/);
    const other = await world();
    await expect(signAgreement(db, other.participant, { agreementId: a.id, version, signerRole: 'participant', typedName: 'Someone Else', confirm: 'on' }, NOW)).rejects.toThrow(/not found/);
    await signAgreement(db, w.chairA, { agreementId: a.id, version, signerRole: 'participant', typedName: 'Alex Doe', confirm: 'on' }, NOW);
    await signAgreement(db, w.chairA, { agreementId: a.id, version, signerRole: 'chair', typedName: 'Chair Person', confirm: 'on' }, NOW);
    const view = await getCaseAgreements(db, w.participant, w.c.id, NOW);
    expect(view.current?.signatures.find((s) => s.signerRole === 'participant')?.method).toBe('hearing_device');
    // Signing schedules due-soon / overdue notices and tasks to book the two hearings.
    const notes = await db.select().from(outbox).where(eq(outbox.caseId, w.c.id));
    expect(notes.map((n) => n.templateKey).sort()).toEqual(expect.arrayContaining(['agreement.signed', 'obligation.due_soon', 'obligation.overdue']));
  });
});

describe('amendments', () => {
  it('a new version keeps the history: both versions viewable, progress carried over', async () => {
    const w = await world();
    const a = await createDraft(db, w.member, { caseId: w.c.id }, NOW);
    const { version, item: hours } = await addItem(db, w.member, item(a.id, a.version));
    await signBoth(w, a.id, version);
    const { entry } = await logProgress(db, w.participant, { itemId: hours.id, occurredOn: '2026-11-02', quantity: '4', place: 'Food bank', supervisorContact: 'Ms. Lee 816-555-0101' }, null, NOW);
    await reviewProgress(db, w.member, { entryId: entry.id, version: entry.version, decision: 'verified' }, NOW);

    await expect(amendAgreement(db, w.participant, { caseId: w.c.id, reason: 'More time' })).rejects.toThrow(/not found/);
    const b = await amendAgreement(db, w.member, { caseId: w.c.id, reason: 'Needs two more weeks for the hours', endsOn: '2027-02-14' });
    expect(b.number).toBe(2);
    let view = await getCaseAgreements(db, w.member, w.c.id, NOW);
    expect(view.current?.agreement.id).toBe(a.id); // still in force until the amendment is signed
    const carried = view.draft!.items.find((i) => i.kind === 'community_service_hours')!;
    expect(carried.done).toBe(4);
    const removed = await removeItem(db, w.member, { agreementId: b.id, version: b.version, itemId: view.draft!.items[0].id });
    await signBoth(w, b.id, removed.version);
    view = await getCaseAgreements(db, w.member, w.c.id, NOW);
    expect(view.history.map((h) => [h.agreement.number, h.agreement.status])).toEqual([
      [2, 'signed'],
      [1, 'superseded'],
    ]);
    expect(view.history[1].items).toHaveLength(3);
    expect(view.history[0].items).toHaveLength(2);
    expect(view.current?.items.find((i) => i.kind === 'community_service_hours')?.remaining).toBe(6);
    // Templates: the board saves the list and starts from it.
    const t = await saveTemplate(db, w.member, { agreementId: b.id, name: 'Standard misdemeanor' });
    expect(t.items).toHaveLength(1);
  });
});

describe('progress and proof files', () => {
  async function signedWorld() {
    const w = await world();
    const a = await createDraft(db, w.member, { caseId: w.c.id }, NOW);
    const { version, item: hours } = await addItem(db, w.member, item(a.id, a.version));
    await signBoth(w, a.id, version);
    return { ...w, hours };
  }

  it('refuses empty, oversize and wrong-type files with a clear message, writing nothing', async () => {
    const w = await signedWorld();
    const base = { itemId: w.hours.id, occurredOn: '2026-11-01', quantity: '2', place: 'Library' };
    await expect(logProgress(db, w.participant, base, { name: 'x.png', bytes: new Uint8Array() }, NOW)).rejects.toMatchObject({ message: expect.stringMatching(/empty/), fieldErrors: { proof: [expect.any(String)] } });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    await expect(logProgress(db, w.participant, base, { name: 'big.png', bytes: big }, NOW)).rejects.toThrow(/too large.*10 MB/);
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    await expect(logProgress(db, w.participant, base, { name: 'photo.png', bytes: html }, NOW)).rejects.toThrow(/not a photo \(JPEG, PNG, WebP\) or a PDF/);
    expect(await db.select().from(proofFiles).where(eq(proofFiles.caseId, w.c.id))).toHaveLength(0);
    expect(await listCaseProgress(db, w.coord, w.c.id)).toHaveLength(0);
  });

  it('an accepted file is served only to people who may see the case', async () => {
    const w = await signedWorld();
    const { fileId, entry } = await logProgress(db, w.participant, { itemId: w.hours.id, occurredOn: '2026-11-01', quantity: '2', place: 'Library' }, { name: '../../etc/passwd photo.png', bytes: PNG }, NOW);
    expect(entry.onBehalf).toBe(false);
    const f = await getProofFile(db, w.participant, fileId!);
    expect(f.meta.contentType).toBe('image/png');
    expect(f.meta.originalName).toBe('etc-passwd-photo.png');
    expect(Buffer.from(f.bytes).equals(Buffer.from(PNG))).toBe(true);
    expect((await getProofFile(db, w.member, fileId!)).meta.id).toBe(fileId);
    expect((await getProofFile(db, w.coord, fileId!)).meta.id).toBe(fileId);

    const outsiders: Actor[] = [];
    const otherBoard = await makeBoard(db, { jurisdictionId: w.j.id });
    const stranger = await makeVolunteer(db, { jurisdictionId: w.j.id, boardId: otherBoard.id });
    outsiders.push(actorOf(stranger));
    outsiders.push(actorOf(await makeUser(db, { jurisdictionId: w.j.id, role: 'prosecutor' })));
    outsiders.push(actorOf(await makeUser(db, { jurisdictionId: w.j.id, role: 'provider' })));
    outsiders.push(actorOf(await makeUser(db, { jurisdictionId: w.j.id, role: 'admin' })));
    const other = await world();
    outsiders.push(other.participant, other.coord);
    for (const who of outsiders) await expect(getProofFile(db, who, fileId!), who.role).rejects.toThrow(/not found/);
    // A volunteer who leaves the board loses access.
    const leaver = await makeUser(db, { jurisdictionId: w.j.id, role: 'volunteer' });
    const m = await addMember(db, w.board.id, leaver.id);
    expect((await getProofFile(db, actorOf(leaver), fileId!)).meta.id).toBe(fileId);
    await db.update((await import('@/db/schema')).boardMemberships).set({ active: false }).where(eq((await import('@/db/schema')).boardMemberships.id, m.id));
    await expect(getProofFile(db, actorOf(leaver), fileId!)).rejects.toThrow(/not found/);
  });

  it('verify or reject with a reason; done / remaining; overdue shows on the board and the notice resolves', async () => {
    const w = await signedWorld();
    const log = (q: string, by: Actor = w.participant) => logProgress(db, by, { itemId: w.hours.id, occurredOn: '2026-11-01', quantity: q, place: 'Food bank' }, null, NOW);
    const e1 = (await log('6')).entry;
    const e2 = (await log('3')).entry;
    const e3 = (await log('4', w.member)).entry;
    expect(e3.onBehalf).toBe(true);
    await expect(reviewProgress(db, w.participant, { entryId: e1.id, version: 1, decision: 'verified' })).rejects.toThrow(/not found/);
    await expect(reviewProgress(db, w.member, { entryId: e3.id, version: 1, decision: 'verified' })).rejects.toThrow(/Someone else/);
    await expect(reviewProgress(db, w.member, { entryId: e2.id, version: 1, decision: 'rejected', reason: '' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['reason'] })] });
    await reviewProgress(db, w.member, { entryId: e1.id, version: 1, decision: 'verified' });
    await reviewProgress(db, w.coord, { entryId: e2.id, version: 1, decision: 'rejected', reason: 'Timesheet not signed' });
    await reviewProgress(db, w.coord, { entryId: e3.id, version: 1, decision: 'verified' });
    let view = await getCaseAgreements(db, w.participant, w.c.id, NOW);
    let ob = view.current!.items.find((i) => i.id === w.hours.id)!;
    expect([ob.done, ob.remaining, ob.state]).toEqual([10, 0, 'complete']);

    // Another obligation left undone past its due date.
    const late = new Date('2026-12-20T18:00:00Z');
    view = await getCaseAgreements(db, w.participant, w.c.id, late);
    ob = view.current!.items.find((i) => i.title === 'Mid-term check-in with the board')!;
    expect(ob.state).toBe('overdue');
    // Check-in hearings are followed by scheduling (attendance), so they stay off the overdue list…
    expect((await listObligationAlerts(db, w.member, late)).overdue).toEqual([]);
    // …while an item left undone past its due date is on it.
    const undone = await signedWorld();
    expect((await listObligationAlerts(db, undone.member, late)).overdue.map((o) => o.title)).toEqual(['Community service']);
    expect((await listObligationAlerts(db, actorOf(await makeUser(db, { jurisdictionId: w.j.id, role: 'volunteer' })), late)).overdue).toHaveLength(0);

    const [n] = await db.select().from(outbox).where(and(eq(outbox.caseId, w.c.id), eq(outbox.templateKey, 'obligation.due_soon')));
    expect(await resolveObligationNotice(db, n)).toEqual({ send: false, reason: 'The obligation is done' });
  });

  it('hours need a place; a future date is refused; payments are stored in cents', async () => {
    const w = await signedWorld();
    await expect(logProgress(db, w.participant, { itemId: w.hours.id, occurredOn: '2026-11-01', quantity: '2' }, null, NOW)).rejects.toMatchObject({ fieldErrors: { place: [expect.any(String)] } });
    await expect(logProgress(db, w.participant, { itemId: w.hours.id, occurredOn: '2026-12-01', quantity: '2', place: 'x' }, null, NOW)).rejects.toMatchObject({ fieldErrors: { occurredOn: [expect.any(String)] } });
    const [p] = await db.select().from(participants).where(eq(participants.id, w.c.participantId));
    expect(p.preferredLanguage).toBe('es');
    const [ag] = await db.select().from(agreements).where(eq(agreements.caseId, w.c.id));
    expect(ag.status).toBe('signed');
  });
});

describe('obligation reminders', () => {
  it('a standard item title goes out in the notice’s language (Spanish here), what the panel typed as written', async () => {
    const w = await world(); // the participant reads Spanish
    const a = await createDraft(db, w.member, { caseId: w.c.id }, NOW);
    const added = await addItem(db, w.member, item(a.id, a.version, { kind: 'treatment_assessment', title: 'Get assessed', dueOn: '2027-01-20', verification: 'Attestation from the provider' }));
    const { version, item: hours } = await addItem(db, w.member, item(a.id, added.version));
    await signBoth(w, a.id, version);
    const notes = await db.select().from(outbox).where(and(eq(outbox.caseId, w.c.id), eq(outbox.templateKey, 'obligation.due_soon')));
    const treatment = notes.find((n) => n.subjectId === added.item.lineageId)!;
    const typed = notes.find((n) => n.subjectId === hours.lineageId)!;
    // Queued in the stored (staff) wording; the language is decided when the notice is sent.
    expect([treatment.locale, (treatment.data as { title: string }).title]).toEqual(['es', 'Treatment assessment']);

    const ctx = (locale: 'en' | 'es'): NoticeContext => ({ locale, timeZone: 'America/Chicago', programName: 'Common Ground', helpPhone: '(816) 555-0142', recipientName: 'Alex' });
    const es = await resolveObligationNotice(db, treatment);
    expect(es).toEqual({ send: true, data: { obligationId: added.item.lineageId, title: 'Evaluación de tratamiento', dueOn: '2027-01-20' } });
    const esData = (es as { data: unknown }).data;
    const esMail = renderEmail('obligation.due_soon', esData, ctx('es'));
    const esSms = renderSms('obligation.due_soon', esData, ctx('es'));
    expect(esMail.subject).toBe('Fecha próxima: Evaluación de tratamiento · Common Ground');
    expect(esSms).toContain(': Evaluación de tratamiento. ¿Necesita más tiempo?');
    for (const out of [esMail.subject, esMail.text, esSms]) expect(out).not.toContain('Treatment assessment');

    // English is unchanged, and a typed title is never translated.
    const en = await resolveObligationNotice(db, { ...treatment, locale: 'en' });
    expect(en).toMatchObject({ send: true, data: { title: 'Treatment assessment' } });
    expect(renderEmail('obligation.due_soon', (en as { data: unknown }).data, ctx('en')).subject).toBe('Due soon: Treatment assessment · Common Ground');
    expect(await resolveObligationNotice(db, typed)).toMatchObject({ send: true, data: { title: 'Community service' } });
  });
});

describe('demo seed', () => {
  it('participant2 has a signed agreement with progress; participant3 waits for one after a held hearing; the chair sees overdue items', async () => {
    const t = await createTestDb('demo');
    try {
      const { userByEmail } = await import('../helpers/factories');
      const p2 = actorOf(await userByEmail(t.db, 'participant2@demo.test'));
      const { listCases } = await import('@/db/queries/cases');
      const c2 = (await listCases(t.db, p2, { limit: 1 })).items[0];
      const view = await getCaseAgreements(t.db, p2, c2.id);
      expect(view.current?.signatures).toHaveLength(2);
      expect(view.current?.items.length).toBeGreaterThanOrEqual(4);
      const progress = await listCaseProgress(t.db, p2, c2.id);
      expect(progress.map((e) => e.status).sort()).toEqual(expect.arrayContaining(['pending', 'rejected', 'verified']));
      expect(progress.some((e) => e.files.length === 1)).toBe(true);

      const p3 = actorOf(await userByEmail(t.db, 'participant3@demo.test'));
      const c3 = (await listCases(t.db, p3, { limit: 1 })).items[0];
      expect(c3.status).toBe('hearing_held');
      const v3 = await getCaseAgreements(t.db, actorOf(await userByEmail(t.db, 'volunteer@demo.test')), c3.id);
      expect(v3.history).toHaveLength(0);
      expect(v3.viewer.isChair).toBe(true);
      const coord = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
      expect((await listObligationAlerts(t.db, coord)).overdue.length).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
