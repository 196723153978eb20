import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItem, createDraft, getCaseAgreements, signAgreement } from '@/db/queries/agreements';
import { caseTasks } from '@/db/schema';
import type { Db } from '@/db/types';
import { agreementPdf } from '@/lib/agreements/pdf';
import { TREATMENT_TEXT } from '@/lib/domain/agreement-rules';
import { actorOf, makeCase, makeParticipant, makeUser } from '../helpers/factories';
import { pdfText } from '../helpers/pdf-text';
import { makeSchedulingWorld } from '../helpers/scheduling-factories';
import { createTestDb } from '../helpers/test-db';

/*
 * The signed agreement as the participant takes it home: in their language, including the items
 * the system wrote (standard hearings, treatment wording); what the panel typed is printed as typed,
 * and the staff's booking tasks stay in English.
 */

const NOW = new Date('2026-11-02T18:00:00Z');
let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await createTestDb());
});
afterAll(async () => close());

const flat = (s: string) => s.replace(/\s+/g, ' ');

async function signedAgreementPdf(language: 'en' | 'es') {
  const w = await makeSchedulingWorld(db, { members: 1 });
  const pu = await makeUser(db, { jurisdictionId: w.j.id, role: 'participant' });
  const p = await makeParticipant(db, { jurisdictionId: w.j.id, userId: pu.id, preferredLanguage: language, firstName: 'Ana', lastName: 'Ruiz' });
  const c = await makeCase(db, { jurisdictionId: w.j.id, participantId: p.id, boardId: w.board.id, status: 'hearing_held' });
  const member = actorOf(w.members[0]);
  const a = await createDraft(db, member, { caseId: c.id }, NOW);
  const r1 = await addItem(db, member, { agreementId: a.id, version: a.version, kind: 'treatment_assessment', title: '', targetQuantity: 1, dueOn: '2026-12-01', verification: 'Attestation from the provider' });
  const r2 = await addItem(db, member, { agreementId: a.id, version: r1.version, kind: 'apology_letter', title: 'Carta a la tienda', targetQuantity: 1, dueOn: '2026-12-10', verification: 'Read at the check-in' });
  await signAgreement(db, actorOf(pu), { agreementId: a.id, version: r2.version, signerRole: 'participant', typedName: 'Ana Ruiz', confirm: 'on' }, NOW);
  await signAgreement(db, actorOf(w.chair), { agreementId: a.id, version: r2.version, signerRole: 'chair', typedName: 'Chair Person', confirm: 'on' }, NOW);
  const view = await getCaseAgreements(db, actorOf(pu), c.id, NOW);
  const bytes = await agreementPdf(view.current!, { participantName: 'Ana Ruiz', boardName: 'Northeast', programName: 'Common Ground', timeZone: 'America/Chicago' });
  const tasks = await db.select({ title: caseTasks.title }).from(caseTasks).where(eq(caseTasks.caseId, c.id));
  return { text: flat(pdfText(bytes)), tasks: tasks.map((x) => x.title) };
}

describe('agreement PDF in the participant’s language', () => {
  it('prints the standard hearings and the treatment item in Spanish for a Spanish-speaking participant; staff tasks stay English', async () => {
    const { text, tasks } = await signedAgreementPdf('es');
    expect(text).toContain('Lo que me comprometo a hacer');
    expect(text).toContain('Reunión de seguimiento con la junta');
    expect(text).toContain('Reunión de cierre con la junta');
    expect(text).toContain('Asistencia registrada en la reunión');
    expect(text).toContain('Evaluación de tratamiento');
    expect(text).toContain(TREATMENT_TEXT.es);
    expect(text).toContain('Constancia del proveedor');
    // Typed by the panel: printed as typed.
    expect(text).toContain('Carta a la tienda');
    expect(text).toContain('Read at the check-in');
    for (const english of ['Mid-term check-in', 'Closing meeting', 'Attendance recorded', 'Treatment assessment', TREATMENT_TEXT.en, 'What I agree to do']) expect(text).not.toContain(english);
    expect(tasks.sort()).toEqual([expect.stringMatching(/^Book: Closing meeting with the board/), expect.stringMatching(/^Book: Mid-term check-in with the board/)]);
  });

  it('stays in English for an English-speaking participant', async () => {
    const { text } = await signedAgreementPdf('en');
    for (const english of ['What I agree to do', 'Mid-term check-in with the board', 'Treatment assessment', TREATMENT_TEXT.en, 'Attendance recorded at the hearing']) expect(text).toContain(english);
    expect(text).not.toContain('Reunión');
  });
});
