/**
 * Record status of a case under the jurisdiction's record rules (Missouri by default, as data):
 * an arrest not charged within 30 days becomes a closed record (RSMo 610.100); a dismissal closes
 * the record (RSMo 610.105). Pure: the screens and letters ask this function, never re-derive it.
 */
export const closureOutcomes = ['completed', 'unsuccessful', 'withdrawn'] as const;
export type ClosureOutcome = (typeof closureOutcomes)[number];
export const unsuccessfulReasons = ['repeated_no_shows', 'obligations_not_met', 'new_violent_referral', 'participant_request'] as const;
export type UnsuccessfulReason = (typeof unsuccessfulReasons)[number];
export const finalActions = ['declined_to_file', 'dismissed', 'refiled'] as const;
export type FinalAction = (typeof finalActions)[number];

export type RecordRules = {
  /** Days without a charge after which an arrest record is closed. */
  unchargedClosesAfterDays: number;
  /** Whether a dismissal closes the record at once. */
  dismissalCloses: boolean;
  citation: { uncharged: string; dismissal: string };
};

export const missouriRecordRules: RecordRules = {
  unchargedClosesAfterDays: 30,
  dismissalCloses: true,
  citation: { uncharged: 'RSMo 610.100', dismissal: 'RSMo 610.105' },
};

export type RecordStatusInput = {
  /** When the case was closed in the program (completed or returned); null while open. */
  closedAt: Date | null;
  outcome: ClosureOutcome | null;
  finalAction: FinalAction | null;
  finalActionAt: Date | null;
  /** A refile window the prosecutor kept open (the record stays open until it ends). */
  refileWindowUntil: Date | null;
};

export type RecordStatus =
  | { status: 'open'; reason: 'in_program' | 'awaiting_decision' | 'charged' | 'refile_window'; closesOn: Date | null }
  | { status: 'closed'; reason: 'dismissed' | 'not_charged'; closedOn: Date; citation: string };

const DAY = 86_400_000;

/**
 * Completed cases are declined by the office (no charge filed); returned cases follow the
 * prosecutor's final action. "Not charged" closes the record `unchargedClosesAfterDays` after the
 * later of the final action and the end of any refile window.
 */
export function recordStatus(i: RecordStatusInput, now: Date, rules: RecordRules = missouriRecordRules): RecordStatus {
  if (!i.closedAt || !i.outcome) return { status: 'open', reason: 'in_program', closesOn: null };
  const action: FinalAction | null = i.outcome === 'completed' ? (i.finalAction ?? 'declined_to_file') : i.finalAction;
  const actionAt = i.finalActionAt ?? i.closedAt;
  if (!action) return { status: 'open', reason: 'awaiting_decision', closesOn: null };
  if (action === 'refiled') return { status: 'open', reason: 'charged', closesOn: null };
  if (action === 'dismissed' && rules.dismissalCloses) return { status: 'closed', reason: 'dismissed', closedOn: actionAt, citation: rules.citation.dismissal };
  const start = i.refileWindowUntil && i.refileWindowUntil > actionAt ? i.refileWindowUntil : actionAt;
  const closesOn = new Date(start.getTime() + rules.unchargedClosesAfterDays * DAY);
  if (now >= closesOn) return { status: 'closed', reason: 'not_charged', closedOn: closesOn, citation: rules.citation.uncharged };
  return { status: 'open', reason: i.refileWindowUntil && i.refileWindowUntil > now ? 'refile_window' : 'awaiting_decision', closesOn };
}
