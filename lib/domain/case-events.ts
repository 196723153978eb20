/**
 * Typed payloads of case_events. The event type is the discriminant; adding a kind of event means
 * adding it here, so readers of the timeline can rely on the shape.
 */
import type { CaseStatus, ReturnReason } from './case-lifecycle';

export type CaseEventPayload =
  | { type: 'referred'; externalCaseNumber: string; via: 'form' | 'csv' | 'api' | 'seed'; linkedParticipant?: boolean }
  | { type: 'status_changed'; from: CaseStatus; to: CaseStatus; reason?: ReturnReason | null; note?: string | null }
  | { type: 'board_assigned'; boardId: string; boardName: string; reason: string; previousBoardId?: string | null }
  | { type: 'screened'; source: 'engine' | 'override'; decision: 'eligible' | 'ineligible' | 'needs_review'; policyVersion: number; reason: string }
  | { type: 'offer_answered'; answer: 'accepted' | 'declined' | 'expired'; onBehalf: boolean; note?: string | null }
  | { type: 'routing_unmatched'; reason: string };

export type CaseEventType = CaseEventPayload['type'];
