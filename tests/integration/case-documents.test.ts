import { and, eq } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { closeCase, recordFinalAction } from '@/db/queries/case-closures';
import { getCaseDocument } from '@/db/queries/case-documents';
import { auditLog, participants } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { renderCaseDocument, type Translate } from '@/lib/outcomes/case-document-pdf';
import en from '@/lib/i18n/messages/en.json';
import es from '@/lib/i18n/messages/es.json';
import { actorOf, makeCase, makeUser } from '../helpers/factories';
import { makeOutcomesWorld } from '../helpers/outcomes-factories';
import { pdfText } from '../helpers/pdf-text';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

const DAY = 86_400_000;
const translator = (locale: 'en' | 'es'): Translate => {
  const tr = createTranslator({ locale, messages: locale === 'en' ? en : es, namespace: 'caseDocuments' });
  return (key, values) => tr(key as never, values as never);
};
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** A world with a completed case and a withdrawn one, the first participant signed up as `me`. */
async function world() {
  const w = await makeOutcomesWorld(t.db);
  const done = await makeCase(t.db, { jurisdictionId: w.j.id, status: 'in_progress', boardId: w.boards.northeast.id });
  const left = await makeCase(t.db, { jurisdictionId: w.j.id, status: 'in_progress', boardId: w.boards.northeast.id });
  const open = await makeCase(t.db, { jurisdictionId: w.j.id, status: 'in_progress', boardId: w.boards.northeast.id });
  const me = actorOf(await makeUser(t.db, { jurisdictionId: w.j.id, role: 'participant' }));
  await t.db.update(participants).set({ userId: me.userId, firstName: 'Ángel', lastName: 'Muñoz', preferredLanguage: 'es' }).where(eq(participants.id, done.participantId));
  const closedAt = new Date('2026-09-01T16:00:00Z');
  await closeCase(t.db, w.coordinator, { caseId: done.id, version: done.version, outcome: 'completed' }, closedAt);
  await closeCase(t.db, w.coordinator, { caseId: left.id, version: left.version, outcome: 'withdrawn', summary: 'Moved out of state and asked to leave.' }, closedAt);
  return { w, done, left, open, me, closedAt };
}

describe('certificate of completion and record letter', () => {
  it('the certificate says, in English and in Spanish, what was completed, the record status, the date and the contact', async () => {
    const { w, done, me } = await world();
    const now = new Date('2026-11-20T18:00:00Z');
    const data = await getCaseDocument(t.db, me, { caseId: done.id, kind: 'certificate', locale: 'es' }, now);
    expect(data).toMatchObject({ participantName: 'Ángel Muñoz', participantLanguage: 'es', outcome: 'completed', board: 'Northeast' });
    // 30 days after the completion (Missouri: no charge within 30 days) the record is closed.
    expect(data.record).toMatchObject({ status: 'closed', reason: 'not_charged', citation: 'RSMo 610.100' });

    const esPdf = await renderCaseDocument(data, translator('es'), 'es', now);
    expect(Buffer.from(esPdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const esText = flat(pdfText(esPdf));
    expect(esText).toContain('Certificado de finalización');
    expect(esText).toContain('Ángel Muñoz');
    expect(esText).toContain('terminó el programa Common Ground el 1 de septiembre de 2026');
    expect(esText).toContain('Cerrados desde el 1 de octubre de 2026 (RSMo 610.100)');
    expect(esText).toContain('¿Preguntas?');
    expect(esText).toContain('Fecha: 20 de noviembre de 2026');

    const enText = flat(pdfText(await renderCaseDocument(data, translator('en'), 'en', now)));
    expect(enText).toContain('Certificate of Completion');
    expect(enText).toContain('completed the Common Ground program on September 1, 2026');
    expect(enText).toContain('Board: Northeast.');
    expect(enText).toContain('Closed since October 1, 2026 (RSMo 610.100).');
    expect(enText).toContain(`Call Common Ground at ${w.j.settings.helpPhone}`);
  });

  it('the record letter of a returned case follows the prosecutor’s final action', async () => {
    const { w, left } = await world();
    const before = await getCaseDocument(t.db, w.coordinator, { caseId: left.id, kind: 'record-letter', locale: 'en' }, new Date('2026-09-02T12:00:00Z'));
    let text = flat(pdfText(await renderCaseDocument(before, translator('en'), 'en')));
    expect(text).toContain('You left the program, and the case went back to the prosecutor’s office.');
    expect(text).toContain('Open. The prosecutor’s office is deciding what happens next.');
    expect(text).toContain('An arrest record is closed when no charge is filed within 30 days (RSMo 610.100).');
    await recordFinalAction(t.db, w.prosecutor, { caseId: left.id, version: 1, finalAction: 'dismissed' }, new Date('2026-09-10T15:00:00Z'));
    const after = await getCaseDocument(t.db, w.prosecutor, { caseId: left.id, kind: 'record-letter', locale: 'es' }, new Date('2026-09-11T12:00:00Z'));
    text = flat(pdfText(await renderCaseDocument(after, translator('es'), 'es')));
    expect(text).toContain('Cerrados desde el 10 de septiembre de 2026 (RSMo 610.105).');
    expect(text).toContain('Un antecedente cerrado no es público.');
  });

  it('exists only for the right cases: no certificate unless completed, no letter while open', async () => {
    const { w, left, open } = await world();
    await expect(getCaseDocument(t.db, w.coordinator, { caseId: left.id, kind: 'certificate', locale: 'en' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseDocument(t.db, w.coordinator, { caseId: open.id, kind: 'record-letter', locale: 'en' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseDocument(t.db, w.coordinator, { caseId: open.id, kind: 'diploma', locale: 'en' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseDocument(t.db, w.coordinator, { caseId: 'not-a-uuid', kind: 'certificate', locale: 'en' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('scoping: the participant gets only their own; staff only their jurisdiction; others nothing. Downloads are audited', async () => {
    const { w, done, left, me } = await world();
    const other = await makeOutcomesWorld(t.db);
    const stranger = actorOf(await makeUser(t.db, { jurisdictionId: w.j.id, role: 'participant' }));
    const volunteer = actorOf(await makeUser(t.db, { jurisdictionId: w.j.id, role: 'volunteer' }));
    await expect(getCaseDocument(t.db, me, { caseId: left.id, kind: 'record-letter', locale: 'en' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseDocument(t.db, stranger, { caseId: done.id, kind: 'certificate', locale: 'en' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseDocument(t.db, other.coordinator, { caseId: done.id, kind: 'certificate', locale: 'en' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseDocument(t.db, other.prosecutor, { caseId: done.id, kind: 'record-letter', locale: 'en' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseDocument(t.db, volunteer, { caseId: done.id, kind: 'certificate', locale: 'en' })).rejects.toThrow();
    await getCaseDocument(t.db, me, { caseId: done.id, kind: 'certificate', locale: 'es' });
    await getCaseDocument(t.db, w.prosecutor, { caseId: done.id, kind: 'record-letter', locale: 'en' });
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, done.id), eq(auditLog.action, 'case.document')));
    expect(audits.map((a) => [a.actorUserId, a.details])).toEqual([
      [me.userId, { document: 'certificate', locale: 'es' }],
      [w.prosecutor.userId, { document: 'record-letter', locale: 'en' }],
    ]);
  });

  it('a name with characters outside WinAnsi still renders', async () => {
    const { done, me } = await world();
    await t.db.update(participants).set({ firstName: 'Nguyễn', lastName: 'Łukasz' }).where(eq(participants.userId, me.userId));
    const data = await getCaseDocument(t.db, me, { caseId: done.id, kind: 'certificate', locale: 'en' }, new Date(Date.now() + 40 * DAY));
    const text = flat(pdfText(await renderCaseDocument(data, translator('en'), 'en')));
    expect(text).toContain('Nguyen');
  });
});
