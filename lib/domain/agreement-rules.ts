/**
 * Agreement rules, pure: proportionality guardrails per offense level (jurisdiction data with
 * defaults here), item checks (every paid item has a no-cost alternative; volunteers never prescribe
 * a level of care), default dates (90 days, mid-term check-in, closing), and the progress of an
 * obligation (done / remaining / due / overdue). No database, no clock: callers pass `today`.
 */

export type OffenseLevel = 'misdemeanor' | 'felony_low' | 'felony_high';
export const offenseLevels: readonly OffenseLevel[] = ['misdemeanor', 'felony_low', 'felony_high'];

export type Caps = { maxHours: number; maxMoneyCents: number; maxItems: number };
export type AgreementRules = {
  lengthDays: number;
  caps: Record<OffenseLevel, Caps>;
};

/** DOMAIN.md defaults; a jurisdiction overrides any of them in settings.agreementRules. */
export const defaultAgreementRules: AgreementRules = {
  lengthDays: 90,
  caps: {
    misdemeanor: { maxHours: 20, maxMoneyCents: 10_000, maxItems: 4 },
    felony_low: { maxHours: 40, maxMoneyCents: 25_000, maxItems: 5 },
    felony_high: { maxHours: 60, maxMoneyCents: 50_000, maxItems: 6 },
  },
};

export function agreementRulesFor(settings: { agreementLengthDays?: number; agreementRules?: Partial<AgreementRules> } | null | undefined): AgreementRules {
  const o = settings?.agreementRules ?? {};
  return {
    lengthDays: o.lengthDays ?? settings?.agreementLengthDays ?? defaultAgreementRules.lengthDays,
    caps: { ...defaultAgreementRules.caps, ...(o.caps ?? {}) },
  };
}

/**
 * The offense level from the case's charge severities (Missouri classes: felony_a … felony_e,
 * misdemeanor_a … d). The most serious charge decides; an unknown severity counts as felony_low
 * (never the loosest caps by accident).
 */
export function offenseLevelOf(severities: readonly string[]): OffenseLevel {
  let level: OffenseLevel = 'misdemeanor';
  const rank = (l: OffenseLevel) => offenseLevels.indexOf(l);
  for (const s of severities) {
    const v = s.toLowerCase();
    const l: OffenseLevel = /^felony_[abc]$/.test(v) ? 'felony_high' : /^misdemeanor/.test(v) || v === 'infraction' ? 'misdemeanor' : 'felony_low';
    if (rank(l) > rank(level)) level = l;
  }
  return level;
}

export const itemKinds = [
  'community_service_hours',
  'treatment_assessment',
  'treatment_program',
  'support_meetings',
  'education_class',
  'restitution',
  'apology_letter',
  'reflection_letter',
  'check_in_hearing',
  'custom',
] as const;
export type ItemKind = (typeof itemKinds)[number];
export type Unit = 'hours' | 'cents' | 'meetings' | 'sessions' | 'letters' | 'hearings' | 'items';

/** The unit each kind is counted in. */
export const unitOf: Record<ItemKind, Unit> = {
  community_service_hours: 'hours',
  treatment_assessment: 'items',
  treatment_program: 'items',
  support_meetings: 'meetings',
  education_class: 'sessions',
  restitution: 'cents',
  apology_letter: 'letters',
  reflection_letter: 'letters',
  check_in_hearing: 'hearings',
  custom: 'items',
};

/** Treatment is a referral: a clinician decides the level of care, never the panel. */
export const TREATMENT_TEXT = {
  en: 'Assessment, then as a clinician recommends',
  es: 'Evaluación y después lo que recomiende un profesional clínico',
} as const;
export const isTreatment = (k: ItemKind) => k === 'treatment_assessment' || k === 'treatment_program';

export type ItemDraft = {
  kind: ItemKind;
  title: string;
  details: string;
  targetQuantity: number;
  amountCents: number | null;
  paymentPlan: string | null;
  costCents: number;
  noCostAlternative: string | null;
  dueOn: string;
  verification: string;
};

/**
 * Normalize one item as the rules want it, and list what is wrong with it (by field). Treatment
 * items get the fixed "assessment, then as a clinician recommends" wording and a target of 1,
 * whatever was typed; restitution counts in cents.
 */
export function normalizeItem(d: ItemDraft, period: { startsOn: string; endsOn: string }): { item: ItemDraft & { unit: Unit }; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const add = (k: string, m: string) => (errors[k] ??= []).push(m);
  const item: ItemDraft & { unit: Unit } = { ...d, title: d.title.trim(), details: d.details.trim(), verification: d.verification.trim(), unit: unitOf[d.kind] };
  if (isTreatment(d.kind)) {
    item.title = d.kind === 'treatment_assessment' ? 'Treatment assessment' : 'Treatment program';
    item.details = TREATMENT_TEXT.en;
    item.targetQuantity = 1;
  }
  if (d.kind === 'restitution') {
    if (!d.amountCents || d.amountCents <= 0) add('amountCents', 'Enter the amount owed.');
    else item.targetQuantity = d.amountCents;
    if (!d.paymentPlan?.trim()) add('paymentPlan', 'Say how it will be paid (for example, $25 a month).');
  } else {
    item.amountCents = null;
    item.paymentPlan = null;
  }
  if (!item.title) add('title', 'Give the item a short title.');
  if (!(item.targetQuantity > 0)) add('targetQuantity', 'The target must be more than zero.');
  if (d.kind === 'community_service_hours' && item.targetQuantity > 500) add('targetQuantity', 'That is more hours than any agreement allows.');
  if (d.costCents < 0) add('costCents', 'A cost cannot be negative.');
  const paid = d.kind === 'restitution' || d.costCents > 0;
  if (paid && (d.noCostAlternative ?? '').trim().length < 3) add('noCostAlternative', 'Every paid item needs a no-cost alternative (for example, community service hours instead).');
  if (!paid) item.noCostAlternative = d.noCostAlternative?.trim() || null;
  if (item.verification.length < 3) add('verification', 'Say how completion is verified.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.dueOn)) add('dueOn', 'Choose a due date.');
  else if (d.dueOn < period.startsOn || d.dueOn > period.endsOn) add('dueOn', `The due date must fall within the agreement (${period.startsOn} – ${period.endsOn}).`);
  return { item, errors };
}

export type GuardrailWarning = { cap: 'hours' | 'money' | 'items'; limit: number; actual: number };

/**
 * Totals against the caps of the offense level. Check-in hearings are part of the program, not a
 * burden the panel adds, so they do not count toward the number of items. Money = restitution +
 * costs of items.
 */
export function checkGuardrails(items: readonly Pick<ItemDraft, 'kind' | 'targetQuantity' | 'amountCents' | 'costCents'>[], caps: Caps): { over: boolean; warnings: GuardrailWarning[]; totals: { hours: number; moneyCents: number; items: number } } {
  const hours = items.filter((i) => i.kind === 'community_service_hours').reduce((s, i) => s + i.targetQuantity, 0);
  const moneyCents = items.reduce((s, i) => s + (i.kind === 'restitution' ? (i.amountCents ?? 0) : 0) + i.costCents, 0);
  const count = items.filter((i) => i.kind !== 'check_in_hearing').length;
  const warnings: GuardrailWarning[] = [];
  if (hours > caps.maxHours) warnings.push({ cap: 'hours', limit: caps.maxHours, actual: hours });
  if (moneyCents > caps.maxMoneyCents) warnings.push({ cap: 'money', limit: caps.maxMoneyCents, actual: moneyCents });
  if (count > caps.maxItems) warnings.push({ cap: 'items', limit: caps.maxItems, actual: count });
  return { over: warnings.length > 0, warnings, totals: { hours, moneyCents, items: count } };
}

export type SignState = { status: 'draft' | 'signed' | 'superseded'; version: number; approvedVersion: number | null; over: boolean; itemCount: number };

/** May this draft be signed now? Over the caps needs a coordinator's approval of this exact version. */
export function canSign(s: SignState): { ok: true } | { ok: false; message: string } {
  if (s.status !== 'draft') return { ok: false, message: 'Only a draft can be signed; this agreement is already ' + s.status + '.' };
  if (s.itemCount === 0) return { ok: false, message: 'Add at least one item before signing.' };
  if (s.over && s.approvedVersion !== s.version) return { ok: false, message: 'This agreement is over the guardrails for this offense. A coordinator must approve it before it can be signed.' };
  return { ok: true };
}

const DAY_MS = 86_400_000;
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY_MS);
}

/** Default period: `lengthDays` from the start, mid-term check-in halfway, closing at the end. */
export function defaultPeriod(startsOn: string, lengthDays: number): { startsOn: string; checkInOn: string; endsOn: string } {
  const len = Math.max(14, Math.round(lengthDays));
  return { startsOn, checkInOn: addDays(startsOn, Math.floor(len / 2)), endsOn: addDays(startsOn, len) };
}

export type ObligationState = 'complete' | 'overdue' | 'due_soon' | 'open';
export const DUE_SOON_DAYS = 7;

/** done / remaining / state of one obligation from its verified progress. */
export function obligationProgress(target: number, verifiedTotal: number, dueOn: string, today: string): { done: number; remaining: number; state: ObligationState; daysLeft: number } {
  const done = Math.max(0, Math.round(verifiedTotal * 100) / 100);
  const remaining = Math.max(0, Math.round((target - done) * 100) / 100);
  const daysLeft = daysBetween(today, dueOn);
  const state: ObligationState = remaining === 0 ? 'complete' : daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due_soon' : 'open';
  return { done, remaining, state, daysLeft };
}
