/**
 * Status moves that have their own intake screen, so the generic "Change status" form does not
 * offer them: screening decisions need a written reason (and a decision row), accepting an offer
 * routes the case, and assigning needs a board.
 */
import type { CaseStatus } from '@/lib/domain/case-lifecycle';

const handled: Partial<Record<CaseStatus, readonly CaseStatus[]>> = {
  referred: ['eligible', 'ineligible'],
  needs_review: ['eligible', 'ineligible'],
  ineligible: ['eligible'],
  eligible: ['ineligible'],
  offered: ['accepted'],
  accepted: ['assigned'],
};

export function withoutIntakeMoves(from: CaseStatus, targets: readonly CaseStatus[]): CaseStatus[] {
  return targets.filter((to) => !handled[from]?.includes(to));
}
