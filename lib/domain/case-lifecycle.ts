/**
 * The case lifecycle: the only place that says which status may follow which. Every write that
 * changes a case's status asks `checkTransition` first; the data layer refuses anything else.
 * Pure and dependency-free so it can be property-tested.
 */
export const caseStatuses = [
  'referred',
  'needs_review',
  'ineligible',
  'eligible',
  'offered',
  'accepted',
  'assigned',
  'hearing_scheduled',
  'hearing_held',
  'in_progress',
  'completed',
  'returned',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const returnReasons = ['ineligible', 'declined', 'no_response', 'unsuccessful', 'withdrawn'] as const;
export type ReturnReason = (typeof returnReasons)[number];

export const terminalStatuses: ReadonlySet<CaseStatus> = new Set(['completed', 'returned']);

/** Statuses where the participant has opted in and may still withdraw. */
const withdrawable: CaseStatus[] = ['accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress'];

/**
 * from → allowed next statuses. `returned` always needs a reason, checked below.
 * Going back (hearing_scheduled → assigned) happens when a hearing is cancelled and none is left;
 * the data layer (db/queries/case-moves.ts) refuses it while one is still scheduled, and refuses
 * assigned → hearing_scheduled without one (booking the first hearing makes that move).
 */
export const transitions: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  referred: ['eligible', 'ineligible', 'needs_review'],
  needs_review: ['eligible', 'ineligible'],
  ineligible: ['eligible', 'returned'],
  eligible: ['ineligible', 'offered', 'returned'],
  offered: ['accepted', 'returned'],
  accepted: ['assigned', 'returned'],
  assigned: ['hearing_scheduled', 'accepted', 'returned'],
  hearing_scheduled: ['hearing_held', 'assigned', 'returned'],
  hearing_held: ['in_progress', 'hearing_scheduled', 'returned'],
  in_progress: ['completed', 'returned'],
  completed: [],
  returned: [],
};

/** Which return reasons make sense from which status. */
const returnReasonsFrom: Readonly<Partial<Record<CaseStatus, readonly ReturnReason[]>>> = {
  ineligible: ['ineligible'],
  eligible: ['ineligible'],
  offered: ['declined', 'no_response'],
  ...Object.fromEntries(withdrawable.map((s) => [s, ['withdrawn', 'unsuccessful'] as const])),
  accepted: ['withdrawn'],
};

export type TransitionResult = { ok: true } | { ok: false; message: string };

const label = (s: CaseStatus) => s.replaceAll('_', ' ');

export function checkTransition(from: CaseStatus, to: CaseStatus, reason?: ReturnReason | null): TransitionResult {
  if (terminalStatuses.has(from)) {
    return { ok: false, message: `This case is ${label(from)} and can no longer change. A new referral opens a new case.` };
  }
  if (!transitions[from].includes(to)) {
    const allowed = transitions[from].map(label).join(', ');
    return { ok: false, message: `A case that is ${label(from)} cannot become ${label(to)}. It can become: ${allowed}.` };
  }
  if (to === 'returned') {
    const allowedReasons = returnReasonsFrom[from] ?? [];
    if (!reason) return { ok: false, message: 'Say why the case is returned to the prosecutor.' };
    if (!allowedReasons.includes(reason)) {
      return {
        ok: false,
        message: `A case that is ${label(from)} cannot be returned as "${label(reason as CaseStatus)}". Allowed: ${allowedReasons.map((r) => label(r as CaseStatus)).join(', ')}.`,
      };
    }
  } else if (reason) {
    return { ok: false, message: 'A return reason only applies when the case is returned.' };
  }
  return { ok: true };
}

/**
 * Moves that end the program for the participant — completed, or returned as unsuccessful or
 * withdrawn — go only through the closing flow (db/queries/case-closures.ts `closeCase`), which
 * writes the closure row (outcome, reason code, summary) the record status and the prosecutor's
 * final action rest on. The generic status form may not make them.
 */
export function isClosingMove(to: CaseStatus, reason?: ReturnReason | null): boolean {
  return to === 'completed' || (to === 'returned' && (reason === 'unsuccessful' || reason === 'withdrawn'));
}

export const CLOSING_FLOW_ONLY_MESSAGE =
  'Use "Close the case" to end a case as completed, unsuccessful or withdrawn: it records the outcome, the reason and the summary the prosecutor needs.';

export function isTerminal(status: CaseStatus): boolean {
  return terminalStatuses.has(status);
}

/** Broad groups used for filters and the case list's colour coding. */
export const statusGroups = {
  intake: ['referred', 'needs_review', 'ineligible', 'eligible', 'offered'],
  active: ['accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress'],
  closed: ['completed', 'returned'],
} as const satisfies Record<string, readonly CaseStatus[]>;
