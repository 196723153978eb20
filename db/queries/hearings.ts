import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  boardMemberships,
  boards,
  caseAssignments,
  caseTasks,
  cases,
  hearingPanelists,
  hearings,
  participants,
  users,
  venues,
  volunteerConflicts,
  volunteerProfiles,
  jurisdictions,
  type Hearing,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { checkTransition, isTerminal, type CaseStatus } from '@/lib/domain/case-lifecycle';
import type { HearingDisposition, HearingRef } from '@/lib/domain/case-events';
import { autoConflicts } from '@/lib/domain/conflicts';
import { localIsoDate } from '@/lib/domain/local-date';
import { schedulingRules, volunteerRules } from '@/lib/domain/scheduling-settings';
import { volunteerEligibility } from '@/lib/domain/volunteer-eligibility';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, SlotTakenError, sqlState } from '@/lib/errors';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { recordCaseEvent } from './case-events';
import { refreshCaseFacts } from './case-facts';
import { caseScope } from './case-scope';
import { hearingCancelledNotices, noShowNotice, planHearingNotices } from './hearing-notices';
import { assertChairOf, findProposals, type NamedProposal } from './scheduling';

type Tx = Db;
const DAY_MS = 86_400_000;

// ---- proposal token ----------------------------------------------------------------------------

/** 2000-01-01 and 2100-01-01 UTC, in minutes since 1970: the range a proposed start can be in. */
const PROPOSAL_MIN_START = Date.UTC(2000, 0, 1) / 60_000;
const PROPOSAL_MAX_START = Date.UTC(2100, 0, 1) / 60_000;

export const proposalTokenSchema = z
  .string({ message: 'Pick one of the proposed times.' })
  .min(1, 'Pick one of the proposed times.')
  .max(400)
  .transform((s, ctx) => {
    const [start, venueId, chairId, members, alternate] = s.split('|');
    const startMin = Number(start);
    const memberIds = (members ?? '').split(',').filter(Boolean);
    const ids = [venueId, chairId, ...memberIds, ...(alternate ? [alternate] : [])];
    // Proposals are minutes since 1970 of a time this program can book; anything else was edited
    // (a start past year 275,760 is an Invalid Date, which every later comparison lets through).
    if (!Number.isInteger(startMin) || startMin < PROPOSAL_MIN_START || startMin >= PROPOSAL_MAX_START || ids.some((id) => !z.uuid().safeParse(id).success)) {
      ctx.addIssue({ code: 'custom', message: 'Pick one of the proposed times.' });
      return z.NEVER;
    }
    return { startsAt: new Date(startMin * 60_000), venueId, chairId, memberIds, alternateId: alternate || null };
  });
export type ProposalChoice = z.output<typeof proposalTokenSchema>;

// ---- helpers -----------------------------------------------------------------------------------

/**
 * The venue named by a proposal token (which the browser posts back, so it can be edited) must be an
 * active venue of the hearing's own jurisdiction: another office's room or meeting link is refused.
 */
async function assertVenueAvailable(tx: Tx, venueId: string, jurisdictionId: string) {
  const [venue] = await tx.select({ active: venues.active }).from(venues).where(and(eq(venues.id, venueId), eq(venues.jurisdictionId, jurisdictionId)));
  if (!venue?.active) throw new RuleError('That venue is not available.');
}

async function lockCase(tx: Tx, actor: Actor, caseId: string) {
  const [c] = await tx
    .select({ id: cases.id, status: cases.status, version: cases.version, jurisdictionId: cases.jurisdictionId, participantId: cases.participantId, firstHearingAt: cases.firstHearingAt })
    .from(cases)
    .where(and(eq(cases.id, caseId), caseScope(actor)))
    .for('update');
  if (!c) throw new NotFoundError('That case');
  return c;
}

/** Move the case's status inside the caller's transaction, through the lifecycle table. */
async function moveCase(tx: Tx, actor: Actor, c: { id: string; status: CaseStatus; jurisdictionId: string }, to: CaseStatus, note: string, extra: Partial<typeof cases.$inferInsert> = {}) {
  const verdict = checkTransition(c.status, to, null);
  if (!verdict.ok) throw new RuleError(verdict.message);
  const now = new Date();
  await tx
    .update(cases)
    .set({ status: to, statusChangedAt: now, updatedAt: now, version: sql`${cases.version} + 1`, ...extra })
    .where(eq(cases.id, c.id));
  await recordCaseEvent(tx, actor, { caseId: c.id, jurisdictionId: c.jurisdictionId }, { type: 'status_changed', from: c.status, to, reason: null, note });
  await writeAudit(tx, actor, { action: 'case.transition', entityType: 'case', entityId: c.id, details: { from: c.status, to, via: 'hearing' } });
  await refreshCaseFacts(tx, c.id); // dashboard rollup, same transaction
}

async function openBoardOf(tx: Tx, caseId: string) {
  const [a] = await tx
    .select({ boardId: caseAssignments.boardId })
    .from(caseAssignments)
    .where(and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.endedAt)))
    .limit(1);
  if (!a) throw new RuleError('Assign the case to a board before scheduling a hearing.');
  return a.boardId;
}

async function hearingRef(tx: Tx, h: Hearing): Promise<HearingRef> {
  const [venue] = await tx.select({ name: venues.name }).from(venues).where(eq(venues.id, h.venueId));
  const seats = await tx
    .select({ userId: hearingPanelists.userId, role: hearingPanelists.role })
    .from(hearingPanelists)
    .where(and(eq(hearingPanelists.hearingId, h.id), isNull(hearingPanelists.removedAt)));
  const order = { chair: 0, member: 1, alternate: 2 } as const;
  seats.sort((a, b) => order[a.role] - order[b.role]);
  return {
    hearingId: h.id,
    kind: h.kind,
    startsAt: h.startsAt.toISOString(),
    endsAt: h.endsAt.toISOString(),
    venueId: h.venueId,
    venueName: venue?.name ?? '',
    panelUserIds: seats.filter((s) => s.role !== 'alternate').map((s) => s.userId),
    alternateUserId: seats.find((s) => s.role === 'alternate')?.userId ?? null,
    sequence: h.sequence,
  };
}

/**
 * Hard rules the database cannot see: every seat is an active, eligible member of the case's
 * board with no conflict with this participant, and the chair may chair. (Double booking is the
 * database's job.)
 */
async function validatePanel(tx: Tx, ctx: { boardId: string; participantId: string; jurisdictionId: string; startsAt: Date }, choice: ProposalChoice) {
  const seatIds = [choice.chairId, ...choice.memberIds, ...(choice.alternateId ? [choice.alternateId] : [])];
  if (new Set(seatIds).size !== seatIds.length) throw new RuleError('A volunteer can hold only one seat on a panel.');
  const [j] = await tx.select({ settings: jurisdictions.settings, timeZone: jurisdictions.timeZone }).from(jurisdictions).where(eq(jurisdictions.id, ctx.jurisdictionId));
  const rules = schedulingRules(j.settings);
  if (1 + choice.memberIds.length < rules.quorum) throw new RuleError(`A panel needs ${rules.quorum} volunteers.`);
  const rows = await tx
    .select({ m: boardMemberships, active: users.active, name: users.name, profile: volunteerProfiles })
    .from(boardMemberships)
    .innerJoin(users, eq(users.id, boardMemberships.userId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
    .where(and(eq(boardMemberships.boardId, ctx.boardId), inArray(boardMemberships.userId, seatIds)));
  const [participant] = await tx.select().from(participants).where(eq(participants.id, ctx.participantId));
  const conflictRows = await tx.select().from(volunteerConflicts).where(and(eq(volunteerConflicts.participantId, ctx.participantId), inArray(volunteerConflicts.userId, seatIds)));
  const day = localIsoDate(ctx.startsAt, j.timeZone);
  for (const id of seatIds) {
    const r = rows.find((x) => x.m.userId === id);
    if (!r) throw new RuleError('Every panelist must serve on the case’s board.');
    const pr = r.profile;
    const e = volunteerEligibility(
      { active: r.m.active && r.active, role: r.m.role, termStart: r.m.termStart, termEnd: r.m.termEnd, backgroundCheckDate: pr?.backgroundCheckDate ?? null, backgroundCheckExpires: pr?.backgroundCheckExpires ?? null, trainingHours: pr?.trainingHours ?? 0, hearingsObserved: pr?.hearingsObserved ?? 0, confidentialitySignedAt: pr?.confidentialitySignedAt ?? null },
      volunteerRules(j.settings),
      day,
    );
    if (!e.eligible) throw new RuleError(`${r.name} is not eligible to sit on that date.`);
    if (id === choice.chairId && rules.requireChair && !e.canChair) throw new RuleError(`${r.name} cannot chair a panel.`);
    const mine = conflictRows.filter((c) => c.userId === id);
    if (mine.some((c) => c.source === 'declared' && c.status === 'active')) throw new RuleError(`${r.name} has a conflict of interest with this participant.`);
    const auto = autoConflicts({ lastName: pr?.lastName || r.name.split(' ').at(-1) || '', addressLine: pr?.addressLine ?? null, zip: pr?.zip ?? null }, participant);
    if (auto.some((k) => !mine.some((c) => c.source === 'auto' && c.kind === k && c.status === 'dismissed'))) throw new RuleError(`${r.name} has a possible conflict of interest with this participant that a coordinator has not reviewed.`);
  }
  return { rules };
}

async function insertSeats(tx: Tx, hearingId: string, choice: ProposalChoice) {
  await tx.insert(hearingPanelists).values([
    { hearingId, userId: choice.chairId, role: 'chair' as const },
    ...choice.memberIds.map((userId) => ({ hearingId, userId, role: 'member' as const })),
    ...(choice.alternateId ? [{ hearingId, userId: choice.alternateId, role: 'alternate' as const }] : []),
  ]);
}

/** Run a booking-like write; a lost race becomes SlotTakenError with fresh proposals. */
async function guardOverlap<T>(db: Db, actor: Actor, caseId: string, ignoreHearingId: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (sqlState(err) !== '23P01') throw err;
    const fresh = await findProposals(db, actor, { caseId, ignoreHearingId }).catch(() => null);
    throw new SlotTakenWithOptions(fresh?.proposals ?? []);
  }
}

export class SlotTakenWithOptions extends SlotTakenError {
  constructor(readonly proposals: NamedProposal[]) {
    super();
  }
}

// ---- book --------------------------------------------------------------------------------------

export const bookHearingSchema = z.object({
  caseId: z.uuid(),
  proposal: proposalTokenSchema,
  kind: z.enum(['initial', 'check_in', 'closing']).default('initial'),
  agenda: z.string().trim().max(4000).optional(),
});

const bookableFrom: Record<'initial' | 'check_in' | 'closing', CaseStatus[]> = {
  initial: ['assigned', 'hearing_scheduled'],
  check_in: ['hearing_held', 'in_progress'],
  closing: ['hearing_held', 'in_progress'],
};

/**
 * Book a hearing: one transaction writes the hearing, its seats, the case's move to
 * hearing_scheduled (first hearing), a hearing_booked case event and an audit row. The database
 * refuses overlaps; the loser of a race gets SlotTakenWithOptions carrying the next options.
 */
export async function bookHearing(db: Db, actor: Actor, input: z.input<typeof bookHearingSchema>, opts: { now?: Date } = {}) {
  const { caseId, proposal: choice, kind, agenda } = bookHearingSchema.parse(input);
  const now = opts.now ?? new Date();
  if (choice.startsAt.getTime() < now.getTime()) throw new RuleError('That time has already passed. Pick another option.');
  return guardOverlap(db, actor, caseId, undefined, () =>
    db.transaction(async (tx) => {
      const c = await lockCase(tx, actor, caseId);
      if (!bookableFrom[kind].includes(c.status)) throw new RuleError(`A ${kind.replace('_', '-')} hearing cannot be booked while the case is ${c.status.replaceAll('_', ' ')}.`);
      const boardId = await openBoardOf(tx, caseId);
      if (actor.role === 'volunteer') await assertChairOf(tx, actor, boardId);
      else if (actor.role !== 'coordinator') throw new ForbiddenError();
      const { rules } = await validatePanel(tx, { boardId, participantId: c.participantId, jurisdictionId: c.jurisdictionId, startsAt: choice.startsAt }, choice);
      await assertVenueAvailable(tx, choice.venueId, c.jurisdictionId);
      const [h] = await tx
        .insert(hearings)
        .values({
          jurisdictionId: c.jurisdictionId,
          caseId,
          participantId: c.participantId,
          boardId,
          kind,
          startsAt: choice.startsAt,
          endsAt: new Date(choice.startsAt.getTime() + rules.hearingMinutes * 60_000),
          venueId: choice.venueId,
          agenda: agenda ?? '',
          bookedByUserId: actor.userId,
        })
        .returning();
      await insertSeats(tx, h.id, choice);
      if (c.status === 'assigned') await moveCase(tx, actor, c, 'hearing_scheduled', 'First hearing booked');
      const ref = await hearingRef(tx, h);
      await recordCaseEvent(tx, actor, { caseId, jurisdictionId: c.jurisdictionId }, { type: 'hearing_booked', ...ref });
      await writeAudit(tx, actor, { action: 'hearing.book', entityType: 'hearing', entityId: h.id, details: { caseId, startsAt: ref.startsAt, venueId: ref.venueId, panel: ref.panelUserIds } });
      await planHearingNotices(tx, h, { now });
      return { hearingId: h.id, startsAt: h.startsAt };
    }),
  );
}

// ---- reschedule / cancel -----------------------------------------------------------------------

async function lockHearing(tx: Tx, actor: Actor, hearingId: string) {
  if (!z.uuid().safeParse(hearingId).success) throw new NotFoundError('That hearing');
  const [row] = await tx
    .select({ h: hearings })
    .from(hearings)
    .innerJoin(cases, eq(cases.id, hearings.caseId))
    .where(and(eq(hearings.id, hearingId), caseScope(actor)))
    .for('update', { of: hearings });
  if (!row) throw new NotFoundError('That hearing');
  if (actor.role === 'volunteer') await assertChairOf(tx, actor, row.h.boardId);
  else if (actor.role !== 'coordinator') throw new ForbiddenError();
  return row.h;
}

export const rescheduleHearingSchema = z.object({
  hearingId: z.uuid(),
  proposal: proposalTokenSchema,
  reason: z.string().trim().min(3, 'Say why the hearing moves.').max(1000),
  version: z.coerce.number().int().positive(),
});

/** Move a hearing to a new proposal (time, room, panel). Same UID in calendars, SEQUENCE + 1. */
export async function rescheduleHearing(db: Db, actor: Actor, input: z.input<typeof rescheduleHearingSchema>, opts: { now?: Date } = {}) {
  const { hearingId, proposal: choice, reason, version } = rescheduleHearingSchema.parse(input);
  const now = opts.now ?? new Date();
  if (choice.startsAt.getTime() < now.getTime()) throw new RuleError('That time has already passed. Pick another option.');
  const [{ caseId }] = await db.select({ caseId: hearings.caseId }).from(hearings).where(eq(hearings.id, hearingId)).then((r) => (r.length ? r : [{ caseId: '' }]));
  return guardOverlap(db, actor, caseId, hearingId, () =>
    db.transaction(async (tx) => {
      const h = await lockHearing(tx, actor, hearingId);
      if (h.version !== version) throw new ConflictError();
      if (h.status !== 'scheduled') throw new RuleError('Only a scheduled hearing can be moved.');
      const { rules } = await validatePanel(tx, { boardId: h.boardId, participantId: h.participantId, jurisdictionId: h.jurisdictionId, startsAt: choice.startsAt }, choice);
      await assertVenueAvailable(tx, choice.venueId, h.jurisdictionId);
      // Free the seats that change hands first, so they never count against the new time.
      const keep = new Map<string, 'chair' | 'member' | 'alternate'>([[choice.chairId, 'chair'], ...choice.memberIds.map((id) => [id, 'member'] as [string, 'member']), ...(choice.alternateId ? [[choice.alternateId, 'alternate'] as [string, 'alternate']] : [])]);
      const current = await tx.select().from(hearingPanelists).where(and(eq(hearingPanelists.hearingId, h.id), isNull(hearingPanelists.removedAt)));
      const removed = current.filter((s) => keep.get(s.userId) !== s.role).map((s) => s.id);
      if (removed.length) await tx.update(hearingPanelists).set({ removedAt: new Date() }).where(inArray(hearingPanelists.id, removed));
      const [updated] = await tx
        .update(hearings)
        .set({
          startsAt: choice.startsAt,
          endsAt: new Date(choice.startsAt.getTime() + rules.hearingMinutes * 60_000),
          venueId: choice.venueId,
          version: sql`${hearings.version} + 1`,
          sequence: sql`${hearings.sequence} + 1`,
          updatedAt: new Date(),
        })
        .where(and(eq(hearings.id, h.id), eq(hearings.version, version)))
        .returning();
      const kept = new Set(current.filter((s) => !removed.includes(s.id)).map((s) => s.userId));
      const toAdd = [...keep].filter(([id]) => !kept.has(id));
      if (toAdd.length) await tx.insert(hearingPanelists).values(toAdd.map(([userId, role]) => ({ hearingId: h.id, userId, role })));
      const ref = await hearingRef(tx, updated);
      await recordCaseEvent(tx, actor, { caseId: h.caseId, jurisdictionId: h.jurisdictionId }, { type: 'hearing_rescheduled', previousStartsAt: h.startsAt.toISOString(), previousEndsAt: h.endsAt.toISOString(), reason, ...ref });
      await writeAudit(tx, actor, { action: 'hearing.reschedule', entityType: 'hearing', entityId: h.id, details: { from: h.startsAt.toISOString(), to: ref.startsAt, reason } });
      await planHearingNotices(tx, updated, { now, previousStartsAt: h.startsAt });
      return { hearingId: h.id, version: updated.version, sequence: updated.sequence };
    }),
  );
}

export const cancelHearingSchema = z.object({
  hearingId: z.uuid(),
  reason: z.string().trim().min(3, 'Say why the hearing is cancelled.').max(1000),
  version: z.coerce.number().int().positive(),
});

/** When no scheduled hearing is left before the first one was held, the case goes back to assigned. */
async function maybeBackToAssigned(tx: Tx, actor: Actor, caseId: string, note: string) {
  const c = await lockCase(tx, actor, caseId);
  if (c.status !== 'hearing_scheduled') return;
  const [left] = await tx.select({ id: hearings.id }).from(hearings).where(and(eq(hearings.caseId, caseId), eq(hearings.status, 'scheduled'))).limit(1);
  const [noShow] = await tx.select({ id: hearings.id }).from(hearings).where(and(eq(hearings.caseId, caseId), eq(hearings.status, 'no_show_participant'))).limit(1);
  // After a no-show the case waits at hearing_scheduled for its one reschedule (a task tracks it).
  if (!left && !noShow) await moveCase(tx, actor, c, 'assigned', note);
}

export async function cancelHearing(db: Db, actor: Actor, input: z.input<typeof cancelHearingSchema>) {
  const { hearingId, reason, version } = cancelHearingSchema.parse(input);
  return db.transaction(async (tx) => {
    const h = await lockHearing(tx, actor, hearingId);
    if (h.version !== version) throw new ConflictError();
    if (h.status !== 'scheduled') throw new RuleError('Only a scheduled hearing can be cancelled.');
    const updated = await cancelScheduledHearing(tx, actor, h, reason);
    await maybeBackToAssigned(tx, actor, h.caseId, 'Hearing cancelled; none left');
    return { hearingId: h.id, version: updated.version };
  });
}

/**
 * Cancel one scheduled hearing inside the caller's transaction (the caller holds its row lock):
 * status `cancelled` (which frees the venue, the participant's slot and, through the triggers, the
 * panel's seats), SEQUENCE + 1 so calendars drop it, a hearing_cancelled case event, an audit row
 * and the notices. Shared by `cancelHearing` and by closing a case (db/queries/case-moves.ts), which
 * passes `notifyParticipant: false` because the closing move already tells the participant.
 * It does not move the case: the caller decides that.
 */
export async function cancelScheduledHearing(tx: Tx, actor: Actor | null, h: Hearing, reason: string, opts: { now?: Date; notifyParticipant?: boolean; via?: string } = {}) {
  const now = opts.now ?? new Date();
  const [updated] = await tx
    .update(hearings)
    .set({ status: 'cancelled', statusReason: reason, version: sql`${hearings.version} + 1`, sequence: sql`${hearings.sequence} + 1`, updatedAt: now })
    .where(and(eq(hearings.id, h.id), eq(hearings.status, 'scheduled')))
    .returning();
  if (!updated) throw new ConflictError();
  const ref = await hearingRef(tx, updated);
  await recordCaseEvent(tx, actor, { caseId: h.caseId, jurisdictionId: h.jurisdictionId }, { type: 'hearing_cancelled', reason, ...ref }, opts.now);
  await writeAudit(tx, actor, { action: 'hearing.cancel', entityType: 'hearing', entityId: h.id, jurisdictionId: h.jurisdictionId, details: { reason, ...(opts.via ? { via: opts.via } : {}) } });
  await hearingCancelledNotices(tx, updated, now, opts.notifyParticipant === false ? { participant: false, reason: 'The case closed' } : {});
  return updated;
}

// ---- disposition, attendance, notes ------------------------------------------------------------

export const dispositionSchema = z.object({
  hearingId: z.uuid(),
  disposition: z.enum(['held', 'postponed', 'cancelled', 'no_show_participant', 'no_show_panel']),
  note: z.string().trim().max(2000).optional(),
  version: z.coerce.number().int().positive(),
});

async function assignCoordinator(tx: Tx, actor: Actor, jurisdictionId: string) {
  if (actor.role === 'coordinator') return actor.userId;
  const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.jurisdictionId, jurisdictionId), eq(users.role, 'coordinator'), eq(users.active, true))).orderBy(asc(users.createdAt)).limit(1);
  return u?.id ?? null;
}

/**
 * Record how a hearing ended. Held initial hearing → case hearing_held and first_hearing_at.
 * Postponed/cancelled free the time (and may send the case back to assigned). A participant
 * no-show opens an outreach task with one reschedule; a second one asks the coordinator to decide
 * before any return.
 */
export async function recordDisposition(db: Db, actor: Actor, input: z.input<typeof dispositionSchema>, opts: { now?: Date } = {}) {
  const { hearingId, disposition, note, version } = dispositionSchema.parse(input);
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const h = await lockHearing(tx, actor, hearingId);
    if (h.version !== version) throw new ConflictError();
    // Case before status: a closed case's future hearings were cancelled when it closed, and none
    // of its hearings may change the rollup (an attended hearing on a returned case) any more.
    const c = await lockCase(tx, actor, h.caseId);
    if (isTerminal(c.status)) throw new RuleError(`This case is ${c.status} (closed), so its hearings can no longer be recorded.`);
    if (h.status !== 'scheduled') throw new RuleError('This hearing’s outcome is already recorded.');
    const happened: HearingDisposition[] = ['held', 'no_show_participant', 'no_show_panel'];
    if (happened.includes(disposition) && h.startsAt.getTime() > now.getTime()) throw new RuleError('A hearing can be recorded as held or missed only once it has started.');
    const [updated] = await tx
      .update(hearings)
      .set({ status: disposition, statusReason: note ?? null, version: sql`${hearings.version} + 1`, sequence: disposition === 'held' ? hearings.sequence : sql`${hearings.sequence} + 1`, updatedAt: new Date() })
      .where(eq(hearings.id, h.id))
      .returning();
    const ref = await hearingRef(tx, updated);
    let noShowCount: number | undefined;
    if (disposition === 'no_show_participant') {
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(hearings).where(and(eq(hearings.caseId, h.caseId), eq(hearings.status, 'no_show_participant')));
      noShowCount = n;
    }
    await recordCaseEvent(tx, actor, { caseId: h.caseId, jurisdictionId: h.jurisdictionId }, { type: 'hearing_disposition', disposition, note: note ?? null, ...(noShowCount ? { noShowCount } : {}), ...ref });
    await writeAudit(tx, actor, { action: 'hearing.disposition', entityType: 'hearing', entityId: h.id, details: { disposition } });

    if (disposition === 'held' && h.kind === 'initial') {
      if (c.status === 'hearing_scheduled') await moveCase(tx, actor, c, 'hearing_held', 'Initial hearing held', { firstHearingAt: c.firstHearingAt ?? h.startsAt });
    } else if (disposition === 'postponed' || disposition === 'cancelled') {
      await hearingCancelledNotices(tx, updated, now);
      await maybeBackToAssigned(tx, actor, h.caseId, `Hearing ${disposition}; none left`);
    } else if (disposition === 'no_show_participant' && noShowCount) {
      const first = noShowCount === 1;
      if (first) await noShowNotice(tx, updated, now);
      const [task] = await tx
        .insert(caseTasks)
        .values({
          jurisdictionId: h.jurisdictionId,
          caseId: h.caseId,
          kind: first ? 'no_show_outreach' : 'no_show_decide',
          title: first ? 'Reach out after the missed hearing and offer one reschedule' : 'Second missed hearing: decide before any return to the prosecutor',
          details: first ? { hearingId: h.id, reschedulesLeft: 1 } : { hearingId: h.id, noShows: noShowCount },
          dueAt: new Date(now.getTime() + (first ? 2 : 3) * DAY_MS),
          assignedToUserId: await assignCoordinator(tx, actor, h.jurisdictionId),
        })
        .returning();
      await recordCaseEvent(tx, actor, { caseId: h.caseId, jurisdictionId: h.jurisdictionId }, { type: 'task_opened', taskId: task.id, kind: task.kind, title: task.title });
    }
    await refreshCaseFacts(tx, h.caseId); // appearances in the dashboard rollup
    return { hearingId: h.id, version: updated.version };
  });
}

export const runSheetSchema = z.object({
  hearingId: z.uuid(),
  version: z.coerce.number().int().positive(),
  agenda: z.string().trim().max(4000).optional(),
  notes: z.string().trim().max(8000).optional(),
  attendance: z.record(z.uuid(), z.enum(['unknown', 'present', 'absent', 'late'])).default({}),
});

/** Agenda, notes and who attended: the run sheet's edits. */
export async function saveRunSheet(db: Db, actor: Actor, input: z.input<typeof runSheetSchema>) {
  const { hearingId, version, agenda, notes, attendance } = runSheetSchema.parse(input);
  return db.transaction(async (tx) => {
    const h = await lockHearing(tx, actor, hearingId);
    if (h.version !== version) throw new ConflictError();
    const [updated] = await tx
      .update(hearings)
      .set({ ...(agenda !== undefined ? { agenda } : {}), ...(notes !== undefined ? { notes } : {}), version: sql`${hearings.version} + 1`, updatedAt: new Date() })
      .where(eq(hearings.id, h.id))
      .returning({ version: hearings.version });
    for (const [seatId, a] of Object.entries(attendance)) {
      await tx.update(hearingPanelists).set({ attendance: a }).where(and(eq(hearingPanelists.id, seatId), eq(hearingPanelists.hearingId, h.id)));
    }
    await writeAudit(tx, actor, { action: 'hearing.runSheet', entityType: 'hearing', entityId: h.id, details: { attendance } });
    return { version: updated.version };
  });
}

// ---- reads -------------------------------------------------------------------------------------

const hearingColumns = {
  id: hearings.id,
  caseId: hearings.caseId,
  kind: hearings.kind,
  status: hearings.status,
  startsAt: hearings.startsAt,
  endsAt: hearings.endsAt,
  version: hearings.version,
  sequence: hearings.sequence,
  boardId: hearings.boardId,
  boardName: boards.name,
  venueId: venues.id,
  venueName: venues.name,
  venueRoom: venues.room,
  venueKind: venues.kind,
  venueAddress: venues.addressLine,
  meetingUrl: venues.meetingUrl,
  firstName: participants.firstName,
  lastName: participants.lastName,
  caseStatus: cases.status,
  panel: sql<{ seatId: string; userId: string; name: string; role: 'chair' | 'member' | 'alternate'; attendance: string }[]>`coalesce((
    select json_agg(json_build_object('seatId', hp.id, 'userId', hp.user_id, 'name', u.name, 'role', hp.role, 'attendance', hp.attendance)
      order by case hp.role when 'chair' then 0 when 'member' then 1 else 2 end, u.name)
    from ${hearingPanelists} hp join ${users} u on u.id = hp.user_id
    where hp.hearing_id = ${hearings.id} and hp.removed_at is null), '[]'::json)`,
};

export type HearingListItem = Awaited<ReturnType<typeof listHearings>>[number];

export const listHearingsSchema = z.object({
  from: z.coerce.date(),
  to: z.coerce.date(),
  boardId: z.uuid().optional(),
  includeInactive: z.boolean().default(true),
});

/** Hearings in a time range for the schedule screens, in the actor's case scope. */
export async function listHearings(db: Db, actor: Actor, input: z.input<typeof listHearingsSchema>) {
  const f = listHearingsSchema.parse(input);
  const conds = [caseScope(actor), gte(hearings.startsAt, f.from), lt(hearings.startsAt, f.to)];
  if (f.boardId) conds.push(eq(hearings.boardId, f.boardId));
  if (!f.includeInactive) conds.push(eq(hearings.active, true));
  return db
    .select(hearingColumns)
    .from(hearings)
    .innerJoin(cases, eq(cases.id, hearings.caseId))
    .innerJoin(participants, eq(participants.id, hearings.participantId))
    .innerJoin(boards, eq(boards.id, hearings.boardId))
    .innerJoin(venues, eq(venues.id, hearings.venueId))
    .where(and(...conds))
    .orderBy(asc(hearings.startsAt));
}

/** A volunteer's own seats (or a participant's own hearings), upcoming first then recent. */
export async function listMyHearings(db: Db, actor: Actor, opts: { now?: Date; pastDays?: number } = {}) {
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - (opts.pastDays ?? 60) * DAY_MS);
  const mine =
    actor.role === 'volunteer'
      ? sql`exists (select 1 from ${hearingPanelists} s where s.hearing_id = ${hearings.id} and s.user_id = ${actor.userId} and s.removed_at is null)`
      : actor.role === 'participant'
        ? sql`exists (select 1 from ${participants} p where p.id = ${hearings.participantId} and p.user_id = ${actor.userId})`
        : sql`false`;
  return db
    .select(hearingColumns)
    .from(hearings)
    .innerJoin(cases, eq(cases.id, hearings.caseId))
    .innerJoin(participants, eq(participants.id, hearings.participantId))
    .innerJoin(boards, eq(boards.id, hearings.boardId))
    .innerJoin(venues, eq(venues.id, hearings.venueId))
    .where(and(eq(hearings.jurisdictionId, actor.jurisdictionId), mine, gte(hearings.endsAt, since)))
    .orderBy(asc(hearings.startsAt));
}

/** One hearing with its panel, for the run sheet. Volunteers see it only when they sit on it or chair the board. */
export async function getHearing(db: Db, actor: Actor, hearingId: string) {
  if (!z.uuid().safeParse(hearingId).success) throw new NotFoundError('That hearing');
  const [h] = await db
    .select({ ...hearingColumns, agenda: hearings.agenda, notes: hearings.notes, statusReason: hearings.statusReason, summary: cases.summary, preferredLanguage: participants.preferredLanguage })
    .from(hearings)
    .innerJoin(cases, eq(cases.id, hearings.caseId))
    .innerJoin(participants, eq(participants.id, hearings.participantId))
    .innerJoin(boards, eq(boards.id, hearings.boardId))
    .innerJoin(venues, eq(venues.id, hearings.venueId))
    .where(and(eq(hearings.id, hearingId), caseScope(actor)))
    .limit(1);
  if (!h) throw new NotFoundError('That hearing');
  let canRecord = actor.role === 'coordinator';
  if (actor.role === 'volunteer') {
    const seat = h.panel.find((s) => s.userId === actor.userId);
    const [chair] = await db
      .select({ id: boardMemberships.id })
      .from(boardMemberships)
      .where(and(eq(boardMemberships.boardId, h.boardId), eq(boardMemberships.userId, actor.userId), eq(boardMemberships.role, 'chair'), eq(boardMemberships.active, true)));
    canRecord = !!chair;
    if (!seat && !chair) throw new NotFoundError('That hearing');
  }
  return { ...h, canRecord };
}

/** Hearings of one case (any status), newest first. */
export async function listCaseHearings(db: Db, actor: Actor, caseId: string) {
  // The id comes from the URL: a mistyped one is "not found", not a database error.
  if (!z.uuid().safeParse(caseId).success) throw new NotFoundError('That case');
  return db
    .select(hearingColumns)
    .from(hearings)
    .innerJoin(cases, eq(cases.id, hearings.caseId))
    .innerJoin(participants, eq(participants.id, hearings.participantId))
    .innerJoin(boards, eq(boards.id, hearings.boardId))
    .innerJoin(venues, eq(venues.id, hearings.venueId))
    .where(and(eq(hearings.caseId, caseId), caseScope(actor)))
    .orderBy(desc(hearings.startsAt));
}


