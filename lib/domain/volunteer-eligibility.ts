/**
 * May this volunteer sit on a panel? All requirements of DOMAIN.md must hold: active membership,
 * term current, background check current, training hours and hearings observed at the
 * jurisdiction's thresholds, confidentiality agreement signed. Pure: dates are ISO strings (local
 * calendar dates), `today` is passed in.
 *
 * Also says what expires within the warning window, the last day the volunteer stays eligible
 * (so the slot finder stops proposing them after a check lapses), and whether they may chair.
 */
import type { VolunteerRules } from './scheduling-settings';
import { dayNumber, isoDateOfDay } from './local-time';

export type ReadinessInput = {
  active: boolean;
  role: 'member' | 'chair';
  termStart: string;
  termEnd: string;
  backgroundCheckDate: string | null;
  backgroundCheckExpires: string | null;
  trainingHours: number;
  hearingsObserved: number;
  confidentialitySignedAt: string | null;
};

export type IneligibleReason =
  | { code: 'inactive' }
  | { code: 'term_not_started'; date: string }
  | { code: 'term_ended'; date: string }
  | { code: 'background_check_missing' }
  | { code: 'background_check_expired'; date: string }
  | { code: 'training_short'; hours: number; needed: number }
  | { code: 'observation_short'; observed: number; needed: number }
  | { code: 'confidentiality_unsigned' };

export type ChairIssue = { code: 'chair_term_too_long'; days: number; maxDays: number };

export type Expiring = { code: 'background_check' | 'term'; date: string; inDays: number };

export type Eligibility = {
  eligible: boolean;
  reasons: IneligibleReason[];
  /** Chair-qualified: a chair whose term respects the chair term limit. */
  canChair: boolean;
  chairIssues: ChairIssue[];
  expiringSoon: Expiring[];
  /** Last local date (inclusive) the volunteer remains eligible, if eligible today. */
  eligibleUntil: string | null;
};

export function volunteerEligibility(v: ReadinessInput, rules: VolunteerRules, today: string): Eligibility {
  const t = dayNumber(today);
  const reasons: IneligibleReason[] = [];
  if (!v.active) reasons.push({ code: 'inactive' });
  if (dayNumber(v.termStart) > t) reasons.push({ code: 'term_not_started', date: v.termStart });
  if (dayNumber(v.termEnd) < t) reasons.push({ code: 'term_ended', date: v.termEnd });
  if (!v.backgroundCheckDate || !v.backgroundCheckExpires) reasons.push({ code: 'background_check_missing' });
  else if (dayNumber(v.backgroundCheckExpires) <= t) reasons.push({ code: 'background_check_expired', date: v.backgroundCheckExpires });
  if (v.trainingHours < rules.trainingHours) reasons.push({ code: 'training_short', hours: v.trainingHours, needed: rules.trainingHours });
  if (v.hearingsObserved < rules.hearingsObserved) reasons.push({ code: 'observation_short', observed: v.hearingsObserved, needed: rules.hearingsObserved });
  if (!v.confidentialitySignedAt) reasons.push({ code: 'confidentiality_unsigned' });

  const chairIssues: ChairIssue[] = [];
  const termDays = dayNumber(v.termEnd) - dayNumber(v.termStart);
  if (v.role === 'chair' && termDays > rules.chairTermMaxDays) chairIssues.push({ code: 'chair_term_too_long', days: termDays, maxDays: rules.chairTermMaxDays });

  const expiringSoon: Expiring[] = [];
  const warn = (code: Expiring['code'], date: string | null, lastValidOffset: number) => {
    if (!date) return;
    const inDays = dayNumber(date) + lastValidOffset - t;
    if (inDays >= 0 && inDays <= rules.expiryWarningDays) expiringSoon.push({ code, date, inDays });
  };
  // A check "expires" on its date (no longer valid that day); a term "ends" after its last day.
  warn('background_check', v.backgroundCheckExpires, 0);
  warn('term', v.termEnd, 0);

  const eligible = reasons.length === 0;
  let eligibleUntil: string | null = null;
  if (eligible) {
    const lastDay = Math.min(dayNumber(v.termEnd), dayNumber(v.backgroundCheckExpires!) - 1);
    eligibleUntil = isoDateOfDay(lastDay);
  }
  return { eligible, reasons, canChair: eligible && v.role === 'chair' && chairIssues.length === 0, chairIssues, expiringSoon, eligibleUntil };
}
