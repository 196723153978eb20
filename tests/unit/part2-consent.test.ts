import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consentElements, consentInForce, noticeText, part2Notice, validateConsent, type ConsentDraft, type ConsentElement } from '@/lib/domain/part2-consent';

const nonBlank = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0);
const date = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Any complete consent: every §2.31 element present, signature = patient name (any spacing/case). */
const completeConsent: fc.Arbitrary<ConsentDraft> = fc
  .record({
    patientName: nonBlank,
    discloser: nonBlank,
    information: nonBlank,
    recipients: fc.uniqueArray(fc.constantFrom('prosecutor_office', 'program', 'board') as fc.Arbitrary<'prosecutor_office' | 'program' | 'board'>, { minLength: 1, maxLength: 3 }).chain((kinds) => fc.tuple(...kinds.map((k) => nonBlank.map((name) => ({ kind: k, name }))))),
    purpose: nonBlank,
    revocation: nonBlank,
    signedOn: date,
    expiry: fc.oneof(fc.constant({ expiresOn: null, expiryEvent: 'final_disposition' as const }), fc.integer({ min: 1, max: 2000 }).map((days) => ({ expiresOn: days, expiryEvent: null }))),
    upper: fc.boolean(),
  })
  .map((r) => {
    const expiresOn = r.expiry.expiresOn === null ? null : new Date(Date.parse(`${r.signedOn}T00:00:00Z`) + r.expiry.expiresOn * 86_400_000).toISOString().slice(0, 10);
    return {
      patientName: r.patientName,
      discloser: r.discloser,
      information: r.information,
      recipients: r.recipients,
      purpose: r.purpose,
      revocation: r.revocation,
      expiresOn,
      expiryEvent: r.expiry.expiryEvent,
      signature: `  ${r.upper ? r.patientName.toUpperCase() : r.patientName}  `,
      signedOn: r.signedOn,
    };
  })
  // toUpperCase can change a string's identity under locale lower-casing (e.g. 'ß'); keep names where it round-trips.
  .filter((d) => d.signature.trim().toLocaleLowerCase('en') === d.patientName.trim().toLocaleLowerCase('en'));

const blankOut = fc.constantFrom('', '   ', '\t');

/** Remove one element from a complete consent. */
function without(d: ConsentDraft, el: ConsentElement, blank: string): ConsentDraft {
  switch (el) {
    case 'recipients':
      return { ...d, recipients: [] };
    case 'expiry':
      return { ...d, expiresOn: null, expiryEvent: null };
    case 'signedOn':
      return { ...d, signedOn: blank || null };
    default:
      return { ...d, [el]: blank };
  }
}

describe('§2.31 consent validation', () => {
  it('accepts every complete consent', () => {
    fc.assert(
      fc.property(completeConsent, (d) => {
        expect(validateConsent(d)).toEqual({});
      }),
    );
  });

  it('refuses a consent missing any one element, naming that element', () => {
    fc.assert(
      fc.property(completeConsent, fc.constantFrom(...consentElements), blankOut, (d, el, blank) => {
        const problems = validateConsent(without(d, el, blank));
        expect(Object.keys(problems).length).toBeGreaterThan(0);
        // Blanking the patient name also leaves nothing for the signature to match; the element itself is always named.
        expect(problems[el]).toBe('missing');
      }),
    );
  });

  it('refuses a consent missing several elements, naming each', () => {
    fc.assert(
      fc.property(completeConsent, fc.uniqueArray(fc.constantFrom(...consentElements), { minLength: 1 }), (d, els) => {
        const problems = validateConsent(els.reduce((acc, el) => without(acc, el, ''), d));
        for (const el of els) expect(problems[el]).toBe('missing');
      }),
    );
  });

  it('refuses a signature that is not the patient’s name, a recipient named twice or blank, and an expiry not after signing', () => {
    fc.assert(
      fc.property(completeConsent, nonBlank, (d, other) => {
        fc.pre(other.trim().toLocaleLowerCase('en') !== d.patientName.trim().toLocaleLowerCase('en'));
        expect(validateConsent({ ...d, signature: other }).signature).toBe('signatureMismatch');
      }),
    );
    fc.assert(
      fc.property(completeConsent, (d) => {
        expect(validateConsent({ ...d, recipients: [...d.recipients, d.recipients[0]] }).recipients).toBe('recipientsNotAllowed');
        expect(validateConsent({ ...d, recipients: [{ ...d.recipients[0], name: ' ' }] }).recipients).toBe('missing');
        expect(validateConsent({ ...d, expiryEvent: null, expiresOn: d.signedOn }).expiry).toBe('expiryBeforeSigning');
      }),
    );
    expect(validateConsent({ ...fc.sample(completeConsent, 1)[0], signedOn: '2026-02-30' }).signedOn).toBe('badDate');
  });

  it('is in force until revoked, past its date, or past its expiry event', () => {
    const c = { revokedAt: null, expiresOn: '2027-01-31', expiryEvent: null };
    expect(consentInForce(c, '2027-01-31', false)).toBe(true);
    expect(consentInForce(c, '2027-02-01', false)).toBe(false);
    expect(consentInForce({ ...c, revokedAt: new Date() }, '2026-12-01', false)).toBe(false);
    expect(consentInForce({ revokedAt: null, expiresOn: null, expiryEvent: 'final_disposition' }, '2030-01-01', false)).toBe(true);
    expect(consentInForce({ revokedAt: null, expiresOn: null, expiryEvent: 'final_disposition' }, '2030-01-01', true)).toBe(false);
  });

  it('carries the §2.32 Statement 1 notice in English and Spanish', () => {
    expect(part2Notice.en.lead.startsWith('This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2).')).toBe(true);
    expect(noticeText('en')).toContain('(iii) You have received the record from a covered entity or business associate as permitted by 45 CFR part 164, subparts A and E.');
    expect(noticeText('en')).toMatch(/NOT sufficient .* \(see 42 CFR 2\.31\)\.$/);
    expect(noticeText('es')).toContain('42 CFR parte 2');
    expect(part2Notice.es.conditions).toHaveLength(3);
  });
});
