/**
 * Status moves that have their own intake screen, so the generic "Change status" form does not
 * offer them: screening decisions need a written reason (and a decision row), accepting an offer
 * routes the case, and assigning needs a board. Completing a case, or returning it as unsuccessful
 * or withdrawn, belongs to the closing flow ("Close the case").
 */
import { isClosingMove, returnReasons, type CaseStatus, type ReturnReason } from '@/lib/domain/case-lifecycle';

const handled: Partial<Record<CaseStatus, readonly CaseStatus[]>> = {
  referred: ['eligible', 'ineligible'],
  needs_review: ['eligible', 'ineligible'],
  ineligible: ['eligible'],
  eligible: ['ineligible'],
  offered: ['accepted'],
  accepted: ['assigned'],
};

/** From these statuses a return can only be unsuccessful or withdrawn: the closing flow's job. */
const closingOnly: readonly CaseStatus[] = ['accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress'];

export function withoutIntakeMoves(from: CaseStatus, targets: readonly CaseStatus[]): CaseStatus[] {
  return targets.filter((to) => !handled[from]?.includes(to) && to !== 'completed' && !(to === 'returned' && closingOnly.includes(from)));
}

/** Return reasons the generic form may use (unsuccessful and withdrawn belong to the closing flow). */
export function genericReturnReasons(): ReturnReason[] {
  return returnReasons.filter((r) => !isClosingMove('returned', r));
}
