/**
 * Typed payloads of case_events. The event type is the discriminant; adding a kind of event means
 * adding it here, so readers of the timeline can rely on the shape.
 */
import type { CaseStatus, ReturnReason } from './case-lifecycle';

/** What reminder and calendar hooks need to know about a hearing, without another query. */
export type HearingRef = {
  hearingId: string;
  kind: 'initial' | 'check_in' | 'closing';
  startsAt: string;
  endsAt: string;
  venueId: string;
  venueName: string;
  /** Panel volunteers' user ids (chair first) and the alternate. */
  panelUserIds: string[];
  alternateUserId: string | null;
  sequence: number;
};
export type HearingDisposition = 'held' | 'postponed' | 'cancelled' | 'no_show_participant' | 'no_show_panel';

export type CaseEventPayload =
  | { type: 'referred'; externalCaseNumber: string; via: 'form' | 'csv' | 'api' | 'seed'; linkedParticipant?: boolean }
  | { type: 'status_changed'; from: CaseStatus; to: CaseStatus; reason?: ReturnReason | null; note?: string | null }
  | { type: 'board_assigned'; boardId: string; boardName: string; reason: string; previousBoardId?: string | null }
  | { type: 'screened'; source: 'engine' | 'override'; decision: 'eligible' | 'ineligible' | 'needs_review'; policyVersion: number; reason: string }
  | { type: 'offer_answered'; answer: 'accepted' | 'declined' | 'expired'; onBehalf: boolean; note?: string | null }
  | { type: 'routing_unmatched'; reason: string }
  | ({ type: 'hearing_booked' } & HearingRef)
  | ({ type: 'hearing_rescheduled'; previousStartsAt: string; previousEndsAt: string; reason: string } & HearingRef)
  | ({ type: 'hearing_cancelled'; reason: string } & HearingRef)
  | ({ type: 'hearing_disposition'; disposition: HearingDisposition; note: string | null; noShowCount?: number } & HearingRef)
  | { type: 'task_opened'; taskId: string; kind: 'no_show_outreach' | 'no_show_decide' | 'other'; title: string }
  | { type: 'case_closed'; outcome: 'completed' | 'unsuccessful' | 'withdrawn'; reasonCode: string | null; summary: string }
  | { type: 'agreement_changed'; action: string; agreementId: string; details: Record<string, unknown> }
  | { type: 'progress_changed'; action: string; entryId: string; itemTitle: string; details: Record<string, unknown> }
  | { type: 'final_action'; action: 'declined_to_file' | 'dismissed' | 'refiled'; refileWindowUntil: string | null; note: string | null }
  | { type: 'hearing_confirmed'; hearingId: string; sequence: number }
  | { type: 'participant_request'; kind: 'help' | 'reschedule'; taskId: string; hearingId: string | null; reasons: string[] };

export type CaseEventType = CaseEventPayload['type'];
