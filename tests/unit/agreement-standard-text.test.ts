import { describe, expect, it } from 'vitest';
import { normalizeItem, TREATMENT_TEXT } from '@/lib/domain/agreement-rules';
import { localizeItemText, STANDARD_TEXT } from '@/lib/domain/agreement-standard-text';
import en from '@/lib/i18n/messages/en.json';
import es from '@/lib/i18n/messages/es.json';

const period = { startsOn: '2026-11-02', endsOn: '2027-01-31' };
const draft = { title: '', details: '', targetQuantity: 3, amountCents: null, paymentPlan: null, costCents: 0, noCostAlternative: null, dueOn: '2026-12-01', verification: 'Attestation from the provider' };

describe('standard item wording', () => {
  it('the English messages are exactly the stored strings, and Spanish has a translation for each', () => {
    expect(en.agreements.standardText).toEqual(STANDARD_TEXT);
    expect(Object.keys(es.agreements.standardText).sort()).toEqual(Object.keys(STANDARD_TEXT).sort());
    for (const v of Object.values(es.agreements.standardText)) expect(v).not.toMatch(/board|hearing|Treatment/);
  });

  it('treatment items are stored with the standard titles, so documents can translate them', () => {
    expect(normalizeItem({ ...draft, kind: 'treatment_assessment' }, period).item.title).toBe(STANDARD_TEXT.treatmentAssessment);
    expect(normalizeItem({ ...draft, kind: 'treatment_program' }, period).item.title).toBe(STANDARD_TEXT.treatmentProgram);
  });

  it('translates system wording and leaves what the panel typed alone', () => {
    const es1 = localizeItemText({ title: STANDARD_TEXT.midTermCheckIn, details: TREATMENT_TEXT.en, verification: 'Signed timesheet' }, 'es', es.agreements.standardText);
    expect(es1).toEqual({ title: 'Reunión de seguimiento con la junta', details: TREATMENT_TEXT.es, verification: 'Signed timesheet' });
    const typed = { title: 'Mid-term check-in with the board, and bring the letter', details: '', verification: 'Attendance recorded at the hearing' };
    expect(localizeItemText(typed, 'es', es.agreements.standardText)).toEqual({ ...typed, verification: 'Asistencia registrada en la reunión' });
    expect(localizeItemText(typed, 'en', en.agreements.standardText)).toEqual(typed);
  });
});
