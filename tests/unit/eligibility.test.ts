import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { criterionKinds, defaultCriteria, evaluateEligibility, POLICY_DIVERTS_NOTHING, withinYears, type Criterion, type Policy, type ScreeningFacts } from '@/lib/domain/eligibility';

const possessionOnly: ScreeningFacts = {
  incidentDate: '2026-10-02',
  charges: [{ code: '579.015', description: 'Possession of a controlled substance', violent: false, weapon: false }],
  weaponInvolved: 'no',
  violenceInvolved: 'no',
  drugQuantityGrams: 1.2,
  activeProtectionOrder: 'no',
  criminalHistoryChecked: true,
  violentHistory: [],
  failedDiversions: [],
};
const jackson: Policy = { version: 1, divertsCases: true, criteria: defaultCriteria() };

const tri = fc.constantFrom('yes' as const, 'no' as const, 'unknown' as const);
const isoDate = fc.date({ min: new Date('2010-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const charge = fc.record({ code: fc.constantFrom('579.015', '579.074', '571.070', '565.050', '579.020'), description: fc.constant('x'), violent: fc.boolean(), weapon: fc.boolean() });
const history = fc.array(fc.record({ date: isoDate, description: fc.constant('x'), source: fc.constantFrom('referral' as const, 'prior_case' as const) }), { maxLength: 3 });
const facts: fc.Arbitrary<ScreeningFacts> = fc.record({
  incidentDate: isoDate,
  charges: fc.array(charge, { minLength: 1, maxLength: 4 }),
  weaponInvolved: tri,
  violenceInvolved: tri,
  drugQuantityGrams: fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: null }),
  activeProtectionOrder: tri,
  criminalHistoryChecked: fc.boolean(),
  violentHistory: history,
  failedDiversions: history,
});
const criterion: fc.Arbitrary<Criterion> = fc.oneof(
  fc.record({ kind: fc.constant('weapon_involved' as const), enabled: fc.boolean() }),
  fc.record({ kind: fc.constant('violence_in_incident' as const), enabled: fc.boolean() }),
  fc.record({ kind: fc.constant('violent_history_within_years' as const), enabled: fc.boolean(), years: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('distribution_quantity' as const), enabled: fc.boolean(), maxGrams: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant('active_protection_order' as const), enabled: fc.boolean() }),
  fc.record({ kind: fc.constant('failed_diversion_within_years' as const), enabled: fc.boolean(), years: fc.integer({ min: 1, max: 10 }) }),
);
const policy: fc.Arbitrary<Policy> = fc.record({ version: fc.integer({ min: 1, max: 50 }), divertsCases: fc.boolean(), criteria: fc.uniqueArray(criterion, { selector: (c) => c.kind }) });

describe('eligibility engine', () => {
  it('screens a possession-only referral eligible, every criterion not met, with evidence', () => {
    const o = evaluateEligibility(jackson, possessionOnly);
    expect(o.decision).toBe('eligible');
    expect(o.results.map((r) => r.kind)).toEqual([...criterionKinds]);
    for (const r of o.results) {
      expect(r.result).toBe('not_met');
      expect(r.evidence.length).toBeGreaterThan(10);
    }
  });

  it('screens a firearm referral ineligible and says why', () => {
    const o = evaluateEligibility(jackson, { ...possessionOnly, charges: [...possessionOnly.charges, { code: '571.070', description: 'Unlawful possession of a firearm', violent: false, weapon: true }] });
    expect(o.decision).toBe('ineligible');
    expect(o.results.find((r) => r.kind === 'weapon_involved')).toMatchObject({ result: 'met', evidence: expect.stringContaining('571.070') });
    expect(o.reason).toMatch(/firearm or other weapon/);
  });

  it('sends unknown facts to review rather than passing them', () => {
    const o = evaluateEligibility(jackson, { ...possessionOnly, drugQuantityGrams: null, criminalHistoryChecked: false });
    expect(o.decision).toBe('needs_review');
    expect(o.results.filter((r) => r.result === 'unknown').map((r) => r.kind)).toEqual(['violent_history_within_years', 'distribution_quantity', 'failed_diversion_within_years']);
  });

  it('counts look-back windows from the incident date, inclusive', () => {
    expect(withinYears('2022-10-02', '2026-10-02', 4)).toBe(true);
    expect(withinYears('2022-10-01', '2026-10-02', 4)).toBe(false);
    const o = evaluateEligibility(jackson, { ...possessionOnly, violentHistory: [{ date: '2023-01-05', description: 'case JC-1', source: 'prior_case' }] });
    expect(o.decision).toBe('ineligible');
    expect(o.results.find((r) => r.kind === 'violent_history_within_years')?.evidence).toContain('2023-01-05');
  });

  it('an office that diverts nothing screens every referral ineligible with that reason', () => {
    const o = evaluateEligibility({ ...jackson, divertsCases: false }, possessionOnly);
    expect(o).toMatchObject({ decision: 'ineligible', reason: POLICY_DIVERTS_NOTHING });
  });

  it('property: deterministic, one result per enabled criterion, and the decision follows the results', () => {
    fc.assert(
      fc.property(policy, facts, (p, f) => {
        const a = evaluateEligibility(p, f);
        const b = evaluateEligibility(p, structuredClone(f));
        expect(b).toEqual(a);
        expect(a.policyVersion).toBe(p.version);
        expect(a.results.map((r) => r.kind)).toEqual(p.criteria.filter((c) => c.enabled).map((c) => c.kind));
        const met = a.results.some((r) => r.result === 'met');
        const unknown = a.results.some((r) => r.result === 'unknown');
        const expected = !p.divertsCases || met ? 'ineligible' : unknown ? 'needs_review' : 'eligible';
        expect(a.decision).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('property: unknown never passes — making any fact unknown never turns a decision into eligible', () => {
    fc.assert(
      fc.property(facts, fc.constantFrom('weaponInvolved', 'violenceInvolved', 'activeProtectionOrder', 'drugQuantityGrams', 'criminalHistoryChecked'), (f, field) => {
        const before = evaluateEligibility(jackson, f);
        const blurred: ScreeningFacts = { ...f, [field]: field === 'drugQuantityGrams' ? null : field === 'criminalHistoryChecked' ? false : 'unknown' };
        const after = evaluateEligibility(jackson, blurred);
        if (before.decision !== 'eligible') return after.decision !== 'eligible';
        return after.decision === 'needs_review' || after.decision === 'eligible';
      }),
      { numRuns: 500 },
    );
  });

  it('property: a weapon charge is always ineligible when the weapon criterion is on', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const withGun = { ...f, charges: [...f.charges, { code: '571.070', description: 'firearm', violent: false, weapon: true }] };
        return evaluateEligibility(jackson, withGun).decision === 'ineligible';
      }),
    );
  });

  it('property: turning a criterion off never makes a case less eligible', () => {
    const rank = { eligible: 0, needs_review: 1, ineligible: 2 } as const;
    fc.assert(
      fc.property(facts, fc.constantFrom(...criterionKinds), (f, off) => {
        const full = evaluateEligibility(jackson, f);
        const relaxed = evaluateEligibility({ ...jackson, criteria: jackson.criteria.map((c) => (c.kind === off ? { ...c, enabled: false } : c)) }, f);
        return rank[relaxed.decision] <= rank[full.decision];
      }),
      { numRuns: 300 },
    );
  });
});
