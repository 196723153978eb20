import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementRulesFor, canSign, checkGuardrails, defaultAgreementRules, defaultPeriod, itemKinds, normalizeItem, obligationProgress, offenseLevelOf, TREATMENT_TEXT, type ItemDraft } from '@/lib/domain/agreement-rules';
import { checkProofFile, safeFileName, sniffProofType } from '@/lib/domain/proof-files';

const caps = { maxHours: 20, maxMoneyCents: 10_000, maxItems: 4 };
const itemArb = fc.record({
  kind: fc.constantFrom(...itemKinds),
  targetQuantity: fc.integer({ min: 1, max: 100 }),
  amountCents: fc.option(fc.integer({ min: 1, max: 50_000 }), { nil: null }),
  costCents: fc.integer({ min: 0, max: 5_000 }),
});

describe('guardrails', () => {
  it('over = some total above its cap, and every warning names a real excess', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 10 }), (items) => {
        const g = checkGuardrails(items, caps);
        const hours = items.filter((i) => i.kind === 'community_service_hours').reduce((s, i) => s + i.targetQuantity, 0);
        expect(g.over).toBe(hours > caps.maxHours || g.totals.moneyCents > caps.maxMoneyCents || g.totals.items > caps.maxItems);
        for (const w of g.warnings) expect(w.actual).toBeGreaterThan(w.limit);
      }),
    );
  });

  it('adding an item never turns an over-the-caps list back under', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 8 }), itemArb, (items, extra) => {
        if (checkGuardrails(items, caps).over) expect(checkGuardrails([...items, extra], caps).over).toBe(true);
      }),
    );
  });

  it('over the caps can be signed only when this exact version was approved', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }), fc.boolean(), (version, approvedVersion, over) => {
        const r = canSign({ status: 'draft', version, approvedVersion, over, itemCount: 2 });
        expect(r.ok).toBe(!over || approvedVersion === version);
      }),
    );
    expect(canSign({ status: 'signed', version: 1, approvedVersion: null, over: false, itemCount: 1 }).ok).toBe(false);
    expect(canSign({ status: 'draft', version: 1, approvedVersion: null, over: false, itemCount: 0 }).ok).toBe(false);
  });

  it('offense level: the most serious charge decides; unknown severities never get the loosest caps', () => {
    expect(offenseLevelOf(['misdemeanor_a'])).toBe('misdemeanor');
    expect(offenseLevelOf(['misdemeanor_a', 'felony_d'])).toBe('felony_low');
    expect(offenseLevelOf(['felony_c', 'misdemeanor_a'])).toBe('felony_high');
    expect(offenseLevelOf(['something'])).toBe('felony_low');
    expect(offenseLevelOf([])).toBe('misdemeanor');
  });

  it('jurisdiction settings override the defaults', () => {
    const r = agreementRulesFor({ agreementLengthDays: 60, agreementRules: { caps: { ...defaultAgreementRules.caps, misdemeanor: { maxHours: 8, maxMoneyCents: 0, maxItems: 2 } } } });
    expect(r.lengthDays).toBe(60);
    expect(r.caps.misdemeanor.maxHours).toBe(8);
    expect(r.caps.felony_high).toEqual(defaultAgreementRules.caps.felony_high);
  });
});

describe('items', () => {
  const period = { startsOn: '2026-11-01', endsOn: '2027-01-30' };
  const base: ItemDraft = { kind: 'custom', title: 'x', details: '', targetQuantity: 1, amountCents: null, paymentPlan: null, costCents: 0, noCostAlternative: null, dueOn: '2026-12-01', verification: 'Shown to the chair' };
  it('every paid item needs a no-cost alternative', () => {
    fc.assert(
      fc.property(fc.constantFrom(...itemKinds), fc.integer({ min: 0, max: 10_000 }), fc.option(fc.string({ maxLength: 20 }), { nil: null }), (kind, cost, alt) => {
        const { errors } = normalizeItem({ ...base, kind, costCents: cost, amountCents: kind === 'restitution' ? 1000 : null, paymentPlan: 'monthly', noCostAlternative: alt }, period);
        const paid = kind === 'restitution' || cost > 0;
        expect(Boolean(errors.noCostAlternative)).toBe(paid && (alt ?? '').trim().length < 3);
      }),
    );
  });
  it('treatment items always read "assessment, then as a clinician recommends", whatever was typed', () => {
    fc.assert(
      fc.property(fc.constantFrom('treatment_assessment' as const, 'treatment_program' as const), fc.string(), fc.integer({ min: 1, max: 365 }), (kind, typed, qty) => {
        const { item } = normalizeItem({ ...base, kind, title: typed || 'x', details: typed, targetQuantity: qty }, period);
        expect(item.details).toBe(TREATMENT_TEXT.en);
        expect(item.targetQuantity).toBe(1);
      }),
    );
  });
  it('default period: mid-term check-in halfway, closing at the end', () => {
    expect(defaultPeriod('2026-11-02', 90)).toEqual({ startsOn: '2026-11-02', checkInOn: '2026-12-17', endsOn: '2027-01-31' });
  });
  it('progress: done + remaining = target (while not over), complete at target, overdue after the date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 150 }), (target, done) => {
        const p = obligationProgress(target, done, '2026-12-01', '2026-11-15');
        expect(p.remaining).toBe(Math.max(0, target - done));
        expect(p.state === 'complete').toBe(done >= target);
      }),
    );
    expect(obligationProgress(10, 3, '2026-12-01', '2026-12-02').state).toBe('overdue');
    expect(obligationProgress(10, 3, '2026-12-01', '2026-11-28').state).toBe('due_soon');
  });
});

describe('proof files', () => {
  it('type comes from the bytes, not the name', () => {
    expect(sniffProofType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffProofType(new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffProofType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffProofType(new TextEncoder().encode('<svg onload=alert(1)>'))).toBeNull();
    expect(checkProofFile(new Uint8Array(0))).toMatchObject({ ok: false, code: 'empty' });
    expect(checkProofFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]), 8)).toMatchObject({ ok: false, code: 'too_large' });
  });
  it('download names are safe for any input', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(safeFileName(name, 'image/png')).toMatch(/^[A-Za-z0-9_-]+\.png$/);
      }),
    );
  });
});
