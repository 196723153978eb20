/**
 * Defaults for the per-jurisdiction volunteer and scheduling rules (DOMAIN.md: 17 training hours,
 * 2 hearings observed, chair term at most a year, quorum 3, 45–60 minute hearings).
 */
export type VolunteerRules = {
  trainingHours: number;
  hearingsObserved: number;
  /** A chair's term may not be longer than this. */
  chairTermMaxDays: number;
  /** How far ahead the roster warns about expiring checks and terms. */
  expiryWarningDays: number;
};

export type SchedulingRules = {
  hearingMinutes: number;
  slotStepMinutes: number;
  /** Earliest a new hearing may start, counted from now. */
  minLeadHours: number;
  horizonWeeks: number;
  requireChair: boolean;
};


export const defaultVolunteerRules: VolunteerRules = {
  trainingHours: 17,
  hearingsObserved: 2,
  chairTermMaxDays: 366,
  expiryWarningDays: 30,
};

export const defaultSchedulingRules: SchedulingRules = {
  hearingMinutes: 60,
  slotStepMinutes: 30,
  minLeadHours: 24,
  horizonWeeks: 4,
  requireChair: true,
};

export function volunteerRules(s: { volunteerRules?: Partial<VolunteerRules> }): VolunteerRules {
  return { ...defaultVolunteerRules, ...s.volunteerRules };
}

export function schedulingRules(s: { scheduling?: Partial<SchedulingRules>; panelQuorum: number }): SchedulingRules & { quorum: number } {
  return { ...defaultSchedulingRules, ...s.scheduling, quorum: s.panelQuorum };
}
