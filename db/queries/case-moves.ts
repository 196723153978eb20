import 'server-only';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { caseAssignments, caseOffers, cases, hearings, jurisdictions, type OfferStatus } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { actorUserId } from '@/lib/auth/actor';
import { checkTransition, CLOSING_FLOW_ONLY_MESSAGE, isClosingMove, isTerminal, type CaseStatus, type ReturnReason } from '@/lib/domain/case-lifecycle';
import { ConflictError, RuleError } from '@/lib/errors';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { recordCaseEvent } from './case-events';
import { refreshCaseFacts } from './case-facts';
import { cancelScheduledHearing } from './hearings';
import { noticesForCaseStatus } from './outbox';

export type MoveInput = {
  caseId: string;
  jurisdictionId: string;
  from: CaseStatus;
  to: CaseStatus;
  reason?: ReturnReason | null;
  note?: string | null;
  /** The version the caller read (under FOR UPDATE, or from the form); a mismatch is a conflict. */
  version: number;
  now?: Date;
  /** The jurisdiction's offer deadline, when the caller already has it (saves a query). */
  offerDeadlineDays?: number;
  /** Set only by `closeCase`, which writes the closure row in the same transaction. */
  viaClosure?: boolean;
};

const DAY_MS = 86_400_000;

/**
 * One lifecycle step inside the caller's transaction: the lifecycle table decides, the status row
 * moves under its version, and a case event and an audit row are written with it. Several steps
 * can run in one transaction (referred → eligible → offered at intake), each recorded.
 *
 * It also keeps the rows that hang off a status consistent whichever screen made the move:
 * leaving `offered` closes the open offer; entering `offered` opens one (deadline from the
 * jurisdiction's settings); `assigned` needs a current board; going back from `assigned` to
 * `accepted` ends the current board assignment. `hearing_scheduled` and a scheduled hearing go
 * together: the case goes back to `assigned` only when none is left (cancelling the last one does
 * that by itself), and `assigned → hearing_scheduled` happens by booking one. A terminal move
 * (completed / returned) cancels the case's scheduled future hearings, so they free their room,
 * seats and slot and can no longer be recorded.
 *
 * `actor` null means the system (deadline expiry).
 */
export async function moveCase(tx: Db, actor: Actor | null, m: MoveInput): Promise<{ version: number; status: CaseStatus }> {
  const verdict = checkTransition(m.from, m.to, m.reason ?? null);
  if (!verdict.ok) throw new RuleError(verdict.message, { to: [verdict.message] });
  if (isClosingMove(m.to, m.reason) && !m.viaClosure) throw new RuleError(CLOSING_FLOW_ONLY_MESSAGE, { to: [CLOSING_FLOW_ONLY_MESSAGE] });
  const now = m.now ?? new Date();

  if (m.to === 'assigned') {
    const [open] = await tx.select({ id: caseAssignments.id }).from(caseAssignments).where(and(eq(caseAssignments.caseId, m.caseId), isNull(caseAssignments.endedAt)));
    if (!open) {
      const msg = 'Choose a board first: a case is assigned by routing it to a board.';
      throw new RuleError(msg, { to: [msg] });
    }
    // Otherwise the held hearing would find the case `assigned` and never move it to hearing_held.
    if (await hasScheduledHearing(tx, m.caseId)) {
      const msg = 'This case still has a scheduled hearing. Cancel the scheduled hearing first (or record how it went): the case goes back to assigned by itself when none is left.';
      throw new RuleError(msg, { to: [msg] });
    }
  }
  if (m.from === 'assigned' && m.to === 'hearing_scheduled' && !(await hasScheduledHearing(tx, m.caseId))) {
    const msg = 'This case has no scheduled hearing. Book a hearing instead: booking the first one moves the case to hearing scheduled.';
    throw new RuleError(msg, { to: [msg] });
  }

  const closing = m.to === 'completed' || m.to === 'returned';
  const [updated] = await tx
    .update(cases)
    .set({
      status: m.to,
      returnReason: m.to === 'returned' ? m.reason! : null,
      statusChangedAt: now,
      updatedAt: now,
      closedAt: closing ? now : null,
      version: sql`${cases.version} + 1`,
    })
    .where(and(eq(cases.id, m.caseId), eq(cases.version, m.version), eq(cases.status, m.from)))
    .returning({ version: cases.version, status: cases.status, participantId: cases.participantId });
  if (!updated) throw new ConflictError();

  const target = { caseId: m.caseId, jurisdictionId: m.jurisdictionId };
  await recordCaseEvent(tx, actor, target, { type: 'status_changed', from: m.from, to: m.to, reason: m.reason ?? null, note: m.note ?? null }, now);
  await writeAudit(tx, actor, { action: 'case.transition', entityType: 'case', entityId: m.caseId, jurisdictionId: m.jurisdictionId, details: { from: m.from, to: m.to, reason: m.reason ?? null } });

  if (m.from === 'offered') {
    const outcome: OfferStatus = m.to === 'accepted' ? 'accepted' : m.reason === 'declined' ? 'declined' : m.reason === 'no_response' ? 'expired' : 'withdrawn';
    await tx
      .update(caseOffers)
      .set({ status: outcome, respondedAt: now, respondedByUserId: actorUserId(actor), respondedByRole: actor?.role ?? null, note: m.note ?? null })
      .where(and(eq(caseOffers.caseId, m.caseId), eq(caseOffers.status, 'open')));
  }
  if (m.to === 'offered') await openOffer(tx, target, now, m.offerDeadlineDays);
  // Closing a case cancels its pending reminders and tells the participant what happened.
  await noticesForCaseStatus(tx, { ...target, participantId: updated.participantId, from: m.from, to: m.to });
  if (m.from === 'assigned' && m.to === 'accepted') {
    await tx.update(caseAssignments).set({ endedAt: now }).where(and(eq(caseAssignments.caseId, m.caseId), isNull(caseAssignments.endedAt)));
  }
  if (isTerminal(m.to)) await cancelHearingsOfClosedCase(tx, actor, target, m.to, now);
  await refreshCaseFacts(tx, m.caseId); // dashboard rollup, same transaction
  return { version: updated.version, status: updated.status };
}

/** Open the offer to divert, with the jurisdiction's deadline (default 10 days). */
async function openOffer(tx: Db, target: { caseId: string; jurisdictionId: string }, now: Date, knownDays?: number) {
  const days = knownDays ?? (await tx.select({ settings: jurisdictions.settings }).from(jurisdictions).where(eq(jurisdictions.id, target.jurisdictionId)))[0]?.settings.offerDeadlineDays ?? 10;
  const deadlineAt = new Date(now.getTime() + days * DAY_MS);
  // The status_changed event already records the offer; the row carries its deadline.
  await tx.insert(caseOffers).values({ caseId: target.caseId, jurisdictionId: target.jurisdictionId, offeredAt: now, deadlineAt }).onConflictDoNothing();
}

async function hasScheduledHearing(tx: Db, caseId: string) {
  const [h] = await tx.select({ id: hearings.id }).from(hearings).where(and(eq(hearings.caseId, caseId), eq(hearings.status, 'scheduled'))).limit(1);
  return !!h;
}

/**
 * A closed case keeps no hearing on the calendar: each still-scheduled future hearing is cancelled
 * the way `cancelHearing` does it (status, seats freed, SEQUENCE + 1, hearing_cancelled event,
 * audit row), in the closing transaction, before the rollup is refreshed.
 *
 * Notices: the panel is told (hearing.cancelled, with the calendar CANCEL), since nothing else tells
 * volunteers their evening is free. The participant is not sent a second message: every status a
 * hearing can exist in (assigned onward) is one where the closing move already queues case.completed
 * or case.returned for them (noticesForCaseStatus), and that move has just cancelled their pending
 * hearing reminders.
 *
 * A hearing that has already started is left alone: whether it took place is a fact to record, not
 * something closing the case can decide.
 */
async function cancelHearingsOfClosedCase(tx: Db, actor: Actor | null, target: { caseId: string; jurisdictionId: string }, to: CaseStatus, now: Date) {
  const open = await tx
    .select()
    .from(hearings)
    .where(and(eq(hearings.caseId, target.caseId), eq(hearings.status, 'scheduled'), gt(hearings.startsAt, now)))
    .orderBy(asc(hearings.startsAt))
    .for('update');
  const reason = to === 'completed' ? 'The case was completed' : 'The case was returned to the prosecutor';
  for (const h of open) await cancelScheduledHearing(tx, actor, h, reason, { now, notifyParticipant: false, via: 'case_closed' });
}
