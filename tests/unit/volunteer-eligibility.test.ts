import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultVolunteerRules } from '@/lib/domain/scheduling-settings';
import { volunteerEligibility, type ReadinessInput } from '@/lib/domain/volunteer-eligibility';

const ready: ReadinessInput = {
  active: true,
  role: 'member',
  termStart: '2026-01-01',
  termEnd: '2027-12-31',
  backgroundCheckDate: '2025-06-01',
  backgroundCheckExpires: '2027-06-01',
  trainingHours: 17,
  hearingsObserved: 2,
  confidentialitySignedAt: '2026-01-05',
};
const today = '2026-11-27';

describe('volunteerEligibility', () => {
  it('is eligible when every requirement holds, with the last eligible day', () => {
    const e = volunteerEligibility(ready, defaultVolunteerRules, today);
    expect(e).toMatchObject({ eligible: true, reasons: [], canChair: false, expiringSoon: [], eligibleUntil: '2027-05-31' });
  });

  it('lists every unmet requirement, not only the first', () => {
    const e = volunteerEligibility({ ...ready, backgroundCheckExpires: '2026-11-01', trainingHours: 12.5, hearingsObserved: 1, confidentialitySignedAt: null }, defaultVolunteerRules, today);
    expect(e.eligible).toBe(false);
    expect(e.reasons).toEqual([
      { code: 'background_check_expired', date: '2026-11-01' },
      { code: 'training_short', hours: 12.5, needed: 17 },
      { code: 'observation_short', observed: 1, needed: 2 },
      { code: 'confidentiality_unsigned' },
    ]);
    expect(volunteerEligibility({ ...ready, active: false, termEnd: '2026-10-31' }, defaultVolunteerRules, today).reasons.map((r) => r.code)).toEqual(['inactive', 'term_ended']);
    expect(volunteerEligibility({ ...ready, backgroundCheckDate: null }, defaultVolunteerRules, today).reasons).toEqual([{ code: 'background_check_missing' }]);
  });

  it('uses the jurisdiction’s thresholds', () => {
    expect(volunteerEligibility({ ...ready, trainingHours: 10 }, { ...defaultVolunteerRules, trainingHours: 8 }, today).eligible).toBe(true);
    expect(volunteerEligibility(ready, { ...defaultVolunteerRules, hearingsObserved: 3 }, today).eligible).toBe(false);
  });

  it('says what expires in the next 30 days', () => {
    const e = volunteerEligibility({ ...ready, backgroundCheckExpires: '2026-12-10', termEnd: '2026-12-31' }, defaultVolunteerRules, today);
    expect(e.eligible).toBe(true);
    expect(e.expiringSoon).toEqual([{ code: 'background_check', date: '2026-12-10', inDays: 13 }]);
    expect(e.eligibleUntil).toBe('2026-12-09');
  });

  it('lets a chair chair only with a term of at most a year', () => {
    expect(volunteerEligibility({ ...ready, role: 'chair', termEnd: '2026-12-31' }, defaultVolunteerRules, today).canChair).toBe(true);
    const long = volunteerEligibility({ ...ready, role: 'chair' }, defaultVolunteerRules, today);
    expect(long.eligible).toBe(true);
    expect(long.canChair).toBe(false);
    expect(long.chairIssues[0].code).toBe('chair_term_too_long');
  });

  it('property: eligible exactly when there is no reason, and never past eligibleUntil', () => {
    const d = fc.integer({ min: 0, max: 1500 }).map((x) => new Date(Date.UTC(2025, 0, 1) + x * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(d, d, d, d, fc.double({ min: 0, max: 40, noNaN: true }), fc.integer({ min: 0, max: 5 }), fc.boolean(), (a, b, c, t, hours, observed, signed) => {
        const [termStart, termEnd] = [a, b].sort();
        if (termStart === termEnd) return;
        const e = volunteerEligibility({ ...ready, termStart, termEnd, backgroundCheckExpires: c, trainingHours: hours, hearingsObserved: observed, confidentialitySignedAt: signed ? '2025-01-01' : null }, defaultVolunteerRules, t);
        expect(e.eligible).toBe(e.reasons.length === 0);
        if (e.eligible) {
          expect(e.eligibleUntil! >= t).toBe(true);
          expect(e.eligibleUntil! < c && e.eligibleUntil! <= termEnd).toBe(true);
        }
      }),
    );
  });
});
