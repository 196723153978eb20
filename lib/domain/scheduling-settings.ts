/**
 * Defaults for the per-jurisdiction volunteer and scheduling rules (DOMAIN.md: 17 training hours,
 * 2 hearings observed, chair term at most a year, quorum 3, 45–60 minute hearings).
 */
import type { JurisdictionSettings, SchedulingRules, VolunteerRules } from '@/db/schema/jurisdictions';

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

export function volunteerRules(s: Pick<JurisdictionSettings, 'volunteerRules'>): VolunteerRules {
  return { ...defaultVolunteerRules, ...s.volunteerRules };
}

export function schedulingRules(s: Pick<JurisdictionSettings, 'scheduling' | 'panelQuorum'>): SchedulingRules & { quorum: number } {
  return { ...defaultSchedulingRules, ...s.scheduling, quorum: s.panelQuorum };
}
