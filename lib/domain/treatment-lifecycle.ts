/**
 * Treatment referral status: attestations by the provider's liaison, never clinical content.
 * referred → intake_scheduled → attended_intake → engaged → completed, or discharged / declined
 * from any open status. The same table is in the database (treatment_status_transitions, checked
 * by a trigger on treatment_referrals), and tests/integration/treatment-referrals.test.ts keeps the
 * two equal.
 */
export const treatmentStatuses = ['referred', 'intake_scheduled', 'attended_intake', 'engaged', 'completed', 'discharged', 'declined'] as const;
export type TreatmentStatus = (typeof treatmentStatuses)[number];

export const treatmentTransitions: Record<TreatmentStatus, readonly TreatmentStatus[]> = {
  referred: ['intake_scheduled', 'declined', 'discharged'],
  intake_scheduled: ['attended_intake', 'declined', 'discharged'],
  attended_intake: ['engaged', 'completed', 'discharged'],
  engaged: ['completed', 'discharged'],
  completed: [],
  discharged: [],
  declined: [],
};

export const terminalTreatmentStatuses: readonly TreatmentStatus[] = treatmentStatuses.filter((s) => treatmentTransitions[s].length === 0);

export function canMoveTreatment(from: TreatmentStatus, to: TreatmentStatus): boolean {
  return treatmentTransitions[from].includes(to);
}
