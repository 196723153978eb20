import 'server-only';
import { and, asc, desc, eq, gte, inArray, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { boards, caseTasks, cases, fairnessSurveys, hearingConfirmations, hearings, outbox, participantHearingPreferences, participants, users, venues } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ForbiddenError, NotFoundError, RuleError, sqlState } from '@/lib/errors';
import { SURVEY_QUESTIONS, surveyAverages, type BoardSurveyTotals } from '@/lib/domain/fairness-survey';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { recordCaseEvent } from './case-events';
import { enqueueNotice } from './outbox';
import { preferencePresets, type PreferencePreset } from './participant-preferences';

/**
 * What a participant does on their own portal. Every function finds rows through
 * `participants.user_id = actor.userId`, so another person's hearing or case is simply not found.
 */

export type PortalErrorCode = 'cannotConfirm' | 'cannotMove' | 'surveyNotOpen' | 'surveyDone' | 'stale';

/** A rule the participant broke, with a code the portal turns into words in their language. */
export class PortalRuleError extends RuleError {
  declare readonly code: PortalErrorCode;
  constructor(code: PortalErrorCode, message: string) {
    super(message, {}, code);
    this.name = 'PortalRuleError';
  }
}

function requireParticipant(actor: Actor) {
  if (actor.role !== 'participant') throw new ForbiddenError();
}

const mine = (actor: Actor) => and(eq(participants.userId, actor.userId), eq(participants.jurisdictionId, actor.jurisdictionId));

export async function getMyParticipant(db: Db, actor: Actor) {
  requireParticipant(actor);
  const [p] = await db.select().from(participants).where(mine(actor)).limit(1);
  return p ?? null;
}

/** The participant's hearings (upcoming and recent) with place, video link and whether they confirmed. */
export async function listMyPortalHearings(db: Db, actor: Actor, now = new Date()) {
  requireParticipant(actor);
  const rows = await db
    .select({
      id: hearings.id,
      caseId: hearings.caseId,
      kind: hearings.kind,
      status: hearings.status,
      startsAt: hearings.startsAt,
      endsAt: hearings.endsAt,
      sequence: hearings.sequence,
      boardName: boards.name,
      venueName: venues.name,
      venueKind: venues.kind,
      room: venues.room,
      addressLine: venues.addressLine,
      zip: venues.zip,
      meetingUrl: venues.meetingUrl,
      confirmedAt: hearingConfirmations.confirmedAt,
      surveyed: sql<boolean>`exists (select 1 from ${fairnessSurveys} s where s.hearing_id = ${hearings.id})`,
    })
    .from(hearings)
    .innerJoin(participants, eq(participants.id, hearings.participantId))
    .innerJoin(boards, eq(boards.id, hearings.boardId))
    .innerJoin(venues, eq(venues.id, hearings.venueId))
    .leftJoin(hearingConfirmations, and(eq(hearingConfirmations.hearingId, hearings.id), eq(hearingConfirmations.hearingSequence, hearings.sequence)))
    .where(and(mine(actor), gte(hearings.endsAt, new Date(now.getTime() - 180 * 86_400_000))))
    .orderBy(asc(hearings.startsAt));
  return {
    upcoming: rows.filter((h) => h.status === 'scheduled' && h.endsAt > now),
    held: rows.filter((h) => h.status === 'held'),
    surveyDue: rows.filter((h) => h.status === 'held' && !h.surveyed),
  };
}
export type PortalHearing = Awaited<ReturnType<typeof listMyPortalHearings>>['upcoming'][number];

async function myHearing(tx: Db, actor: Actor, hearingId: string) {
  if (!z.uuid().safeParse(hearingId).success) throw new NotFoundError('That meeting');
  const [h] = await tx
    .select({ id: hearings.id, caseId: hearings.caseId, jurisdictionId: hearings.jurisdictionId, boardId: hearings.boardId, participantId: hearings.participantId, status: hearings.status, sequence: hearings.sequence, startsAt: hearings.startsAt, endsAt: hearings.endsAt })
    .from(hearings)
    .innerJoin(participants, eq(participants.id, hearings.participantId))
    .where(and(eq(hearings.id, hearingId), mine(actor)));
  if (!h) throw new NotFoundError('That meeting');
  return h;
}

export const confirmAttendanceSchema = z.object({ hearingId: z.uuid() });

/** "I will be there." Once per hearing time; confirming again is a no-op. */
export async function confirmAttendance(db: Db, actor: Actor, input: z.input<typeof confirmAttendanceSchema>, now = new Date()) {
  requireParticipant(actor);
  const { hearingId } = confirmAttendanceSchema.parse(input);
  return db.transaction(async (tx) => {
    const h = await myHearing(tx, actor, hearingId);
    if (h.status !== 'scheduled' || h.endsAt <= now) throw new PortalRuleError('cannotConfirm', 'This meeting cannot be confirmed any more.');
    const ins = await tx.insert(hearingConfirmations).values({ hearingId, participantId: h.participantId, hearingSequence: h.sequence, confirmedAt: now }).onConflictDoNothing().returning({ id: hearingConfirmations.id });
    if (ins.length) {
      await recordCaseEvent(tx, actor, { caseId: h.caseId, jurisdictionId: h.jurisdictionId }, { type: 'hearing_confirmed', hearingId, sequence: h.sequence });
      await writeAudit(tx, actor, { action: 'hearing.confirm', entityType: 'hearing', entityId: hearingId });
    }
    return { confirmed: true, already: ins.length === 0 };
  });
}

export const RESCHEDULE_REASONS = ['work', 'childcare', 'transport', 'health', 'school', 'other'] as const;
const bool = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false);
const reasonsField = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(RESCHEDULE_REASONS)).max(RESCHEDULE_REASONS.length));

export const rescheduleRequestSchema = z
  .object({ hearingId: z.uuid(), reasons: reasonsField, message: z.string().trim().max(1000).default('') })
  .refine((v) => v.reasons.length > 0 || v.message.length > 0, { path: ['reasons'], message: 'Choose a reason or write a few words.' });

export const helpRequestSchema = z.object({ message: z.string().trim().min(1, 'Write a few words about what you need.').max(1000) });

async function coordinatorsOf(tx: Db, jurisdictionId: string) {
  return tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.jurisdictionId, jurisdictionId), eq(users.role, 'coordinator'), eq(users.active, true)))
    .orderBy(asc(users.createdAt))
    .limit(10);
}

function appUrl(): string {
  return (process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '');
}

/** Open a task for the coordinators and email each of them, in the same transaction. */
async function openRequest(
  tx: Db,
  actor: Actor,
  c: { caseId: string; jurisdictionId: string; externalCaseNumber: string; participantName: string },
  req: { kind: 'help' | 'reschedule'; hearingId: string | null; reasons: string[]; message: string },
  now: Date,
) {
  const title = req.kind === 'help' ? 'Participant asked for help' : 'Participant asked to move a meeting';
  const [task] = await tx
    .insert(caseTasks)
    .values({ jurisdictionId: c.jurisdictionId, caseId: c.caseId, kind: 'other', title, details: { source: 'portal', request: req.kind, hearingId: req.hearingId, reasons: req.reasons, message: req.message }, dueAt: new Date(now.getTime() + 2 * 86_400_000) })
    .returning({ id: caseTasks.id });
  await recordCaseEvent(tx, actor, { caseId: c.caseId, jurisdictionId: c.jurisdictionId }, { type: 'task_opened', taskId: task.id, kind: 'other', title });
  await recordCaseEvent(tx, actor, { caseId: c.caseId, jurisdictionId: c.jurisdictionId }, { type: 'participant_request', kind: req.kind, taskId: task.id, hearingId: req.hearingId, reasons: req.reasons });
  for (const u of await coordinatorsOf(tx, c.jurisdictionId)) {
    await enqueueNotice(tx, {
      jurisdictionId: c.jurisdictionId,
      caseId: c.caseId,
      recipient: { kind: 'user', id: u.id },
      channel: 'email',
      template: 'portal.request',
      data: { kind: req.kind, participantName: c.participantName.slice(0, 120), caseNumber: c.externalCaseNumber.slice(0, 60), message: req.message, url: `${appUrl()}/cases/${c.caseId}` },
      idempotencyKey: `portal-request:${task.id}:user:${u.id}:email`,
      subject: { type: 'case_task', id: task.id },
    });
  }
  await writeAudit(tx, actor, { action: req.kind === 'help' ? 'portal.help' : 'portal.reschedule_request', entityType: 'case', entityId: c.caseId, details: { taskId: task.id, hearingId: req.hearingId } });
  return { taskId: task.id };
}

/** At most one open request of a kind at a time (per hearing for moves): a second click does not pile up tasks. */
async function openRequestExists(tx: Db, caseId: string, kind: 'help' | 'reschedule', hearingId: string | null) {
  const [t] = await tx
    .select({ id: caseTasks.id })
    .from(caseTasks)
    .where(
      and(
        eq(caseTasks.caseId, caseId),
        eq(caseTasks.status, 'open'),
        sql`${caseTasks.details}->>'source' = 'portal' and ${caseTasks.details}->>'request' = ${kind}`,
        hearingId ? sql`${caseTasks.details}->>'hearingId' = ${hearingId}` : undefined,
      ),
    )
    .limit(1);
  return !!t;
}

export async function requestReschedule(db: Db, actor: Actor, input: z.input<typeof rescheduleRequestSchema>, now = new Date()) {
  requireParticipant(actor);
  const v = rescheduleRequestSchema.parse(input);
  return db.transaction(async (tx) => {
    const h = await myHearing(tx, actor, v.hearingId);
    if (h.status !== 'scheduled' || h.endsAt <= now) throw new PortalRuleError('cannotMove', 'This meeting cannot be moved any more. Use “I need help” to reach us.');
    const [c] = await tx.select({ externalCaseNumber: cases.externalCaseNumber, firstName: participants.firstName, lastName: participants.lastName }).from(cases).innerJoin(participants, eq(participants.id, cases.participantId)).where(eq(cases.id, h.caseId));
    if (await openRequestExists(tx, h.caseId, 'reschedule', h.id)) return { already: true };
    await openRequest(tx, actor, { caseId: h.caseId, jurisdictionId: h.jurisdictionId, externalCaseNumber: c.externalCaseNumber, participantName: `${c.firstName} ${c.lastName}` }, { kind: 'reschedule', hearingId: h.id, reasons: v.reasons, message: v.message }, now);
    return { already: false };
  });
}

/** "I need help": about their newest case (a participant without a case cannot ask here; the help line is on the page). */
export async function requestHelp(db: Db, actor: Actor, input: z.input<typeof helpRequestSchema>, now = new Date()) {
  requireParticipant(actor);
  const v = helpRequestSchema.parse(input);
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select({ caseId: cases.id, jurisdictionId: cases.jurisdictionId, externalCaseNumber: cases.externalCaseNumber, firstName: participants.firstName, lastName: participants.lastName })
      .from(cases)
      .innerJoin(participants, eq(participants.id, cases.participantId))
      .where(mine(actor))
      .orderBy(desc(cases.referredAt))
      .limit(1);
    if (!c) throw new NotFoundError('Your case');
    if (await openRequestExists(tx, c.caseId, 'help', null)) {
      // Still reach the coordinators with the new words, without a second task.
      await writeAudit(tx, actor, { action: 'portal.help', entityType: 'case', entityId: c.caseId, details: { repeat: true } });
      return { already: true };
    }
    await openRequest(tx, actor, { caseId: c.caseId, jurisdictionId: c.jurisdictionId, externalCaseNumber: c.externalCaseNumber, participantName: `${c.firstName} ${c.lastName}` }, { kind: 'help', hearingId: null, reasons: [], message: v.message }, now);
    return { already: false };
  });
}

const score = z.coerce.number({ error: 'Choose a number from 1 to 5.' }).int().min(1, 'Choose a number from 1 to 5.').max(5, 'Choose a number from 1 to 5.');
export const surveySchema = z.object({
  hearingId: z.uuid(),
  respect: score,
  neutrality: score,
  voice: score,
  understanding: score,
  trust: score,
  comment: z.string().trim().max(2000).default(''),
});

/**
 * The fairness survey for a held hearing: once per hearing (unique key). The row keeps no link to
 * the person; the audit row records that the hearing's survey was answered, not the answers.
 */
export async function submitFairnessSurvey(db: Db, actor: Actor, input: z.input<typeof surveySchema>) {
  requireParticipant(actor);
  const v = surveySchema.parse(input);
  try {
    return await db.transaction(async (tx) => {
      const h = await myHearing(tx, actor, v.hearingId);
      if (h.status !== 'held') throw new PortalRuleError('surveyNotOpen', 'The survey opens after the meeting is held.');
      await tx.insert(fairnessSurveys).values({
        jurisdictionId: h.jurisdictionId,
        boardId: h.boardId,
        hearingId: h.id,
        respect: v.respect,
        neutrality: v.neutrality,
        voice: v.voice,
        understanding: v.understanding,
        trust: v.trust,
        comment: v.comment || null,
        locale: actor.locale,
      });
      await writeAudit(tx, actor, { action: 'survey.submit', entityType: 'hearing', entityId: h.id });
      return { ok: true };
    });
  } catch (err) {
    if (sqlState(err) === '23505') throw new PortalRuleError('surveyDone', 'You already answered the survey for this meeting. Thank you.');
    throw err;
  }
}

/** Board averages of the survey, for the dashboard: boards with fewer than 11 responses show nothing. */
export async function fairnessSurveyByBoard(db: Db, actor: Actor, filter: { from?: string; to?: string; boardId?: string } = {}) {
  if (!can(actor.role, 'dashboard.read')) throw new ForbiddenError();
  const sum = (c: (typeof SURVEY_QUESTIONS)[number]) => sql<number>`coalesce(sum(${fairnessSurveys[c]}), 0)::int`;
  const rows = await db
    .select({ boardId: boards.id, boardName: boards.name, n: sql<number>`count(${fairnessSurveys.id})::int`, respect: sum('respect'), neutrality: sum('neutrality'), voice: sum('voice'), understanding: sum('understanding'), trust: sum('trust') })
    .from(boards)
    .leftJoin(
      fairnessSurveys,
      and(
        eq(fairnessSurveys.boardId, boards.id),
        filter.from ? sql`${fairnessSurveys.submittedOn} >= ${filter.from}::date` : undefined,
        filter.to ? sql`${fairnessSurveys.submittedOn} < (${filter.to}::date + 1)` : undefined,
      ),
    )
    .where(and(eq(boards.jurisdictionId, actor.jurisdictionId), filter.boardId ? eq(boards.id, filter.boardId) : undefined))
    .groupBy(boards.id, boards.name)
    .orderBy(asc(boards.name));
  const totals: BoardSurveyTotals[] = rows.map((r) => ({ boardId: r.boardId, boardName: r.boardName, n: r.n, sums: { respect: r.respect, neutrality: r.neutrality, voice: r.voice, understanding: r.understanding, trust: r.trust } }));
  return surveyAverages(totals);
}

/** Messages the program sent the participant (not sign-in codes), newest first. */
export async function listMyNotices(db: Db, actor: Actor, limit = 20) {
  requireParticipant(actor);
  return db
    .select({ id: outbox.id, templateKey: outbox.templateKey, channel: outbox.channel, status: outbox.status, subject: outbox.renderedSubject, sentAt: outbox.sentAt, createdAt: outbox.createdAt, data: outbox.data })
    .from(outbox)
    .innerJoin(participants, and(eq(outbox.recipientKind, 'participant'), eq(outbox.recipientId, participants.id)))
    .where(and(mine(actor), eq(outbox.jurisdictionId, actor.jurisdictionId), inArray(outbox.status, ['sent', 'pending', 'sending']), notInArray(outbox.templateKey, ['auth.sign_in_code', 'auth.invitation'])))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}
export type MyNotice = Awaited<ReturnType<typeof listMyNotices>>[number];

const presetKeys = Object.keys(preferencePresets) as [PreferencePreset, ...PreferencePreset[]];
export const myPreferencesSchema = z
  .object({
    version: z.coerce.number().int().min(0),
    presets: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(presetKeys))),
    videoOk: bool,
    inPersonOk: bool,
    needsAccessibleVenue: bool,
    childcareNeeded: bool,
    transportNeeded: bool,
    notes: z.string().trim().max(1000).default(''),
  })
  .refine((v) => v.videoOk || v.inPersonOk, { path: ['inPersonOk'], message: 'Choose in person, video, or both.' });

export async function getMyPreferences(db: Db, actor: Actor) {
  requireParticipant(actor);
  const [row] = await db.select({ prefs: participantHearingPreferences }).from(participantHearingPreferences).innerJoin(participants, eq(participants.id, participantHearingPreferences.participantId)).where(mine(actor));
  return row?.prefs ?? null;
}

/** Which presets a stored set of windows contains (a preset counts when all its windows are there). */
export function presetsOf(windows: readonly { weekday: number; start: number; end: number }[]): PreferencePreset[] {
  const has = (w: { weekday: number; start: number; end: number }) => windows.some((x) => x.weekday === w.weekday && x.start === w.start && x.end === w.end);
  return presetKeys.filter((k) => preferencePresets[k].every(has));
}

/**
 * The participant says when and how they can come. The same row the coordinator edits, which the
 * slot finder reads (db/queries/scheduling.ts): proposals then fall inside these windows.
 */
export async function saveMyPreferences(db: Db, actor: Actor, input: z.input<typeof myPreferencesSchema>) {
  requireParticipant(actor);
  const v = myPreferencesSchema.parse(input);
  return db.transaction(async (tx) => {
    const [p] = await tx.select({ id: participants.id, jurisdictionId: participants.jurisdictionId }).from(participants).where(mine(actor));
    if (!p) throw new NotFoundError('Your record');
    const windows = v.presets.flatMap((k) => preferencePresets[k].map((w) => ({ ...w })));
    const fields = { windows, videoOk: v.videoOk, inPersonOk: v.inPersonOk, needsAccessibleVenue: v.needsAccessibleVenue, childcareNeeded: v.childcareNeeded, transportNeeded: v.transportNeeded, notes: v.notes, updatedByUserId: actor.userId, updatedAt: new Date() };
    if (v.version === 0) {
      const ins = await tx.insert(participantHearingPreferences).values({ participantId: p.id, jurisdictionId: p.jurisdictionId, ...fields }).onConflictDoNothing().returning({ version: participantHearingPreferences.version });
      if (!ins.length) throw new PortalRuleError('stale', 'Someone changed these answers a moment ago. Reload the page and try again.');
    } else {
      const upd = await tx
        .update(participantHearingPreferences)
        .set({ ...fields, version: sql`${participantHearingPreferences.version} + 1` })
        .where(and(eq(participantHearingPreferences.participantId, p.id), eq(participantHearingPreferences.version, v.version)))
        .returning({ version: participantHearingPreferences.version });
      if (!upd.length) throw new PortalRuleError('stale', 'Someone changed these answers a moment ago. Reload the page and try again.');
    }
    // Which windows were chosen is scheduling data; the notes may be personal, so only their presence is audited.
    await writeAudit(tx, actor, { action: 'participant.preferences', entityType: 'participant', entityId: p.id, details: { presets: v.presets, by: 'participant', notes: v.notes.length > 0 } });
    return { ok: true };
  });
}

export const languageSchema = z.object({ locale: z.enum(['en', 'es']) });

/** Remember the participant's language on the account and the participant record (notices use the latter). */
export async function setMyLanguage(db: Db, actor: Actor, input: z.input<typeof languageSchema>) {
  const { locale } = languageSchema.parse(input);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    if (actor.role === 'participant') await tx.update(participants).set({ preferredLanguage: locale }).where(mine(actor));
    await writeAudit(tx, actor, { action: 'account.locale', entityType: 'user', entityId: actor.userId, details: { locale } });
    return { locale };
  });
}
