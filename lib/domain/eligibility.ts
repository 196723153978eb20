/**
 * Nexus-to-violence screening: the office's written diversion policy as data, evaluated the same
 * way every time. Pure and deterministic (no clock, no I/O): the caller passes the facts, the
 * policy and the reference date, so a decision can be re-derived and property-tested.
 *
 * Every criterion is an exclusion ("ineligible when …"). Each one comes out met / not met /
 * unknown with the evidence it rests on. Any met criterion makes the case ineligible; otherwise
 * any unknown sends it to the prosecutor (unknown never silently passes); otherwise eligible.
 */

export const criterionKinds = [
  'weapon_involved',
  'violence_in_incident',
  'violent_history_within_years',
  'distribution_quantity',
  'active_protection_order',
  'failed_diversion_within_years',
] as const;
export type CriterionKind = (typeof criterionKinds)[number];

export type Criterion =
  | { kind: 'weapon_involved'; enabled: boolean }
  | { kind: 'violence_in_incident'; enabled: boolean }
  | { kind: 'violent_history_within_years'; enabled: boolean; years: number }
  | { kind: 'distribution_quantity'; enabled: boolean; maxGrams: number }
  | { kind: 'active_protection_order'; enabled: boolean }
  | { kind: 'failed_diversion_within_years'; enabled: boolean; years: number };

export type Policy = {
  version: number;
  /** An office that diverts nothing (Platte, Clay): every referral is screened and returned. */
  divertsCases: boolean;
  criteria: Criterion[];
};

export type TriState = 'yes' | 'no' | 'unknown';

/** A charge on this referral, flags from the jurisdiction's charge table. */
export type ChargeFact = { code: string; description: string; violent: boolean; weapon: boolean };

/** An earlier event from the person's record: reported by the office or found in our own cases. */
export type HistoryFact = { date: string; description: string; source: 'referral' | 'prior_case' };

export type ScreeningFacts = {
  /** YYYY-MM-DD: look-back windows are counted back from the incident. */
  incidentDate: string;
  charges: ChargeFact[];
  weaponInvolved: TriState;
  violenceInvolved: TriState;
  /** Grams seized; null when not reported. */
  drugQuantityGrams: number | null;
  activeProtectionOrder: TriState;
  /** Whether the office checked the criminal history; if not, history criteria are unknown. */
  criminalHistoryChecked: boolean;
  violentHistory: HistoryFact[];
  failedDiversions: HistoryFact[];
};

export type CriterionOutcome = 'met' | 'not_met' | 'unknown';
export type CriterionResult = {
  kind: CriterionKind;
  result: CriterionOutcome;
  /** Plain-language evidence in English (stored with the decision; the UI may translate by kind). */
  evidence: string;
  /** The fields the result rests on, for the screen to point at. */
  fields: string[];
};

export type ScreeningDecision = 'eligible' | 'ineligible' | 'needs_review';
export type ScreeningOutcome = {
  decision: ScreeningDecision;
  policyVersion: number;
  results: CriterionResult[];
  /** One sentence saying why; the first met criterion, the unknowns, or "no exclusion applies". */
  reason: string;
};

export const criterionLabels: Record<CriterionKind, string> = {
  weapon_involved: 'A firearm or other weapon was involved',
  violence_in_incident: 'The incident involved violence or a threat',
  violent_history_within_years: 'A violent offense within the look-back window',
  distribution_quantity: 'Drug quantity above the distribution threshold',
  active_protection_order: 'An active protection order',
  failed_diversion_within_years: 'A failed diversion within the look-back window',
};

/** The default written policy (DOMAIN.md): every exclusion on, 4-year look-back. */
export function defaultCriteria(): Criterion[] {
  return [
    { kind: 'weapon_involved', enabled: true },
    { kind: 'violence_in_incident', enabled: true },
    { kind: 'violent_history_within_years', enabled: true, years: 4 },
    { kind: 'distribution_quantity', enabled: true, maxGrams: 10 },
    { kind: 'active_protection_order', enabled: true },
    { kind: 'failed_diversion_within_years', enabled: true, years: 3 },
  ];
}

/** Whole days between two YYYY-MM-DD dates, by calendar (no time zone involved). */
function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** True when `date` falls within `years` before (or on) `reference`. Future dates count too. */
export function withinYears(date: string, reference: string, years: number): boolean {
  const [y, m, d] = reference.split('-').map(Number);
  const start = new Date(Date.UTC(y - years, m - 1, d));
  return dayNumber(date) >= Math.floor(start.getTime() / 86_400_000);
}

const listCharges = (cs: ChargeFact[]) => cs.map((c) => `RSMo ${c.code} (${c.description})`).join('; ');

function evaluateCriterion(c: Criterion, f: ScreeningFacts): CriterionResult {
  switch (c.kind) {
    case 'weapon_involved': {
      const charges = f.charges.filter((x) => x.weapon);
      if (charges.length) return { kind: c.kind, result: 'met', evidence: `Weapon charge: ${listCharges(charges)}.`, fields: ['charges'] };
      if (f.weaponInvolved === 'yes') return { kind: c.kind, result: 'met', evidence: 'The referral reports a firearm or weapon in the incident.', fields: ['facts.weaponInvolved'] };
      if (f.weaponInvolved === 'unknown') return { kind: c.kind, result: 'unknown', evidence: 'The referral does not say whether a weapon was involved.', fields: ['facts.weaponInvolved'] };
      return { kind: c.kind, result: 'not_met', evidence: 'The referral reports no weapon, and no charge is a weapon offense.', fields: ['facts.weaponInvolved', 'charges'] };
    }
    case 'violence_in_incident': {
      const charges = f.charges.filter((x) => x.violent);
      if (charges.length) return { kind: c.kind, result: 'met', evidence: `Violent charge: ${listCharges(charges)}.`, fields: ['charges'] };
      if (f.violenceInvolved === 'yes') return { kind: c.kind, result: 'met', evidence: 'The referral reports violence or a threat in the incident.', fields: ['facts.violenceInvolved'] };
      if (f.violenceInvolved === 'unknown') return { kind: c.kind, result: 'unknown', evidence: 'The referral does not say whether the incident involved violence or a threat.', fields: ['facts.violenceInvolved'] };
      return { kind: c.kind, result: 'not_met', evidence: 'The referral reports no violence or threat, and no charge is a violent offense.', fields: ['facts.violenceInvolved', 'charges'] };
    }
    case 'violent_history_within_years': {
      const hits = f.violentHistory.filter((h) => withinYears(h.date, f.incidentDate, c.years)).sort((a, b) => b.date.localeCompare(a.date));
      if (hits.length) return { kind: c.kind, result: 'met', evidence: `Violent offense on ${hits[0].date} (${hits[0].description}), within ${c.years} years of the incident.`, fields: ['facts.lastViolentOffenseDate'] };
      if (!f.criminalHistoryChecked) return { kind: c.kind, result: 'unknown', evidence: 'The criminal history has not been checked.', fields: ['facts.criminalHistoryChecked'] };
      return { kind: c.kind, result: 'not_met', evidence: `No violent offense within ${c.years} years of the incident.`, fields: ['facts.criminalHistoryChecked'] };
    }
    case 'distribution_quantity': {
      if (f.drugQuantityGrams === null) return { kind: c.kind, result: 'unknown', evidence: 'The referral does not give the quantity seized.', fields: ['facts.drugQuantityGrams'] };
      if (f.drugQuantityGrams > c.maxGrams) return { kind: c.kind, result: 'met', evidence: `${f.drugQuantityGrams} g seized, above the ${c.maxGrams} g distribution threshold.`, fields: ['facts.drugQuantityGrams'] };
      return { kind: c.kind, result: 'not_met', evidence: `${f.drugQuantityGrams} g seized, at or below the ${c.maxGrams} g threshold.`, fields: ['facts.drugQuantityGrams'] };
    }
    case 'active_protection_order':
      if (f.activeProtectionOrder === 'yes') return { kind: c.kind, result: 'met', evidence: 'The referral reports an active protection order.', fields: ['facts.activeProtectionOrder'] };
      if (f.activeProtectionOrder === 'unknown') return { kind: c.kind, result: 'unknown', evidence: 'The referral does not say whether a protection order is active.', fields: ['facts.activeProtectionOrder'] };
      return { kind: c.kind, result: 'not_met', evidence: 'The referral reports no active protection order.', fields: ['facts.activeProtectionOrder'] };
    case 'failed_diversion_within_years': {
      const hits = f.failedDiversions.filter((h) => withinYears(h.date, f.incidentDate, c.years)).sort((a, b) => b.date.localeCompare(a.date));
      if (hits.length) return { kind: c.kind, result: 'met', evidence: `Diversion failed on ${hits[0].date} (${hits[0].description}), within ${c.years} years of the incident.`, fields: ['facts.lastFailedDiversionDate'] };
      if (!f.criminalHistoryChecked) return { kind: c.kind, result: 'unknown', evidence: 'The criminal history has not been checked.', fields: ['facts.criminalHistoryChecked'] };
      return { kind: c.kind, result: 'not_met', evidence: `No failed diversion within ${c.years} years of the incident.`, fields: ['facts.criminalHistoryChecked'] };
    }
  }
}

export const POLICY_DIVERTS_NOTHING = 'This office’s policy diverts no cases: the referral stays with the prosecutor.';

/** Screen one referral against one policy version. Same inputs, same outcome, always. */
export function evaluateEligibility(policy: Policy, facts: ScreeningFacts): ScreeningOutcome {
  const results = policy.criteria.filter((c) => c.enabled).map((c) => evaluateCriterion(c, facts));
  const met = results.filter((r) => r.result === 'met');
  const unknown = results.filter((r) => r.result === 'unknown');
  if (!policy.divertsCases) return { decision: 'ineligible', policyVersion: policy.version, results, reason: POLICY_DIVERTS_NOTHING };
  if (met.length) {
    return { decision: 'ineligible', policyVersion: policy.version, results, reason: `Not eligible: ${met.map((m) => criterionLabels[m.kind].toLowerCase()).join('; ')}. ${met[0].evidence}` };
  }
  if (unknown.length) {
    return { decision: 'needs_review', policyVersion: policy.version, results, reason: `Needs the prosecutor’s review: ${unknown.map((u) => u.evidence.replace(/\.$/, '').toLowerCase()).join('; ')}.` };
  }
  return { decision: 'eligible', policyVersion: policy.version, results, reason: 'Eligible: no exclusion in the policy applies.' };
}
