import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { boards, hearingPanelists, hearings, jurisdictions, venues, type Hearing } from '@/db/schema';
import type { HearingData } from '@/lib/notify/templates/data';
import { reminderSchedule } from '@/lib/notify/reminder-schedule';
import type { Db } from '../types';
import { cancelNotices, enqueueNotices, notifyParticipant, type EnqueueNoticeInput } from './outbox';

/**
 * The notices a hearing sends, written in the same transaction as the booking change that causes
 * them: confirmation (or change) now, reminders 7 days / 2 days / morning-of, to the participant
 * (and their support contacts) and to each panelist by email. Keys carry the hearing's SEQUENCE,
 * so a moved hearing's old reminders are cancelled and new ones never collide with them; the
 * `hearing.reminder` resolver (lib/scheduling/notice-resolvers.ts) re-reads the hearing at send
 * time as a second guard.
 */
export async function hearingNoticeData(tx: Db, h: Hearing): Promise<HearingData> {
  const [v] = await tx.select({ name: venues.name, room: venues.room, kind: venues.kind, addressLine: venues.addressLine, zip: venues.zip, meetingUrl: venues.meetingUrl }).from(venues).where(eq(venues.id, h.venueId));
  const [b] = await tx.select({ name: boards.name }).from(boards).where(eq(boards.id, h.boardId));
  const video = v?.kind === 'video';
  const place = video ? null : [v?.name, v?.room].filter(Boolean).join(', ') || null;
  return {
    hearingId: h.id,
    startsAt: h.startsAt.toISOString(),
    endsAt: h.endsAt.toISOString(),
    // A code, not words: each recipient's template says "Video meeting" / "Videollamada" itself.
    location: place,
    locationCode: video ? 'video' : place ? null : 'to_be_confirmed',
    address: video ? null : [v?.addressLine, v?.zip].filter(Boolean).join(', ') || null,
    videoUrl: video ? (v?.meetingUrl ?? null) : null,
    boardName: b?.name ?? null,
    sequence: h.sequence,
  };
}

const hearingTemplates = ['hearing.confirmation', 'hearing.reminder', 'hearing.changed'] as const;

async function panelistIds(tx: Db, hearingId: string) {
  const seats = await tx.select({ userId: hearingPanelists.userId }).from(hearingPanelists).where(and(eq(hearingPanelists.hearingId, hearingId), isNull(hearingPanelists.removedAt)));
  return seats.map((s) => s.userId);
}

/** Booking or moving a hearing: cancel what was planned for it, then plan its notices afresh. */
export async function planHearingNotices(tx: Db, h: Hearing, opts: { now: Date; previousStartsAt?: Date }) {
  if (opts.previousStartsAt) await cancelNotices(tx, { subjectType: 'hearing', subjectId: h.id, templates: [...hearingTemplates], reason: 'The hearing moved' });
  const [j] = await tx.select({ timeZone: jurisdictions.timeZone }).from(jurisdictions).where(eq(jurisdictions.id, h.jurisdictionId));
  const data = await hearingNoticeData(tx, h);
  const subject = { type: 'hearing', id: h.id };
  const base = `hearing:${h.id}:v${h.sequence}`;
  const panel = await panelistIds(tx, h.id);
  for (const step of reminderSchedule({ startsAt: h.startsAt, bookedAt: opts.now, timeZone: j?.timeZone ?? 'America/Chicago' })) {
    const common = { jurisdictionId: h.jurisdictionId, caseId: h.caseId, subject, sendAfter: step.sendAt };
    if (step.kind === 'confirmation') {
      if (opts.previousStartsAt) {
        const changed = { ...data, previousStartsAt: opts.previousStartsAt.toISOString() };
        await notifyParticipant(tx, { ...common, participantId: h.participantId, template: 'hearing.changed', data: changed, key: `${base}:changed` });
        await enqueueNotices(tx, panel.map((id): EnqueueNoticeInput => ({ ...common, recipient: { kind: 'user', id }, channel: 'email', template: 'hearing.changed', data: changed, idempotencyKey: `${base}:changed:user:${id}` })));
      } else {
        await notifyParticipant(tx, { ...common, participantId: h.participantId, template: 'hearing.confirmation', data, key: `${base}:confirmation` });
        await enqueueNotices(tx, panel.map((id): EnqueueNoticeInput => ({ ...common, recipient: { kind: 'user', id }, channel: 'email', template: 'hearing.confirmation', data, idempotencyKey: `${base}:confirmation:user:${id}` })));
      }
      continue;
    }
    const reminder = { ...data, lead: step.kind };
    await notifyParticipant(tx, { ...common, participantId: h.participantId, template: 'hearing.reminder', data: reminder, key: `${base}:reminder-${step.kind}` });
    // Panelists get the 2-day reminder only: enough for volunteers, without flooding their inbox.
    if (step.kind === '2d') {
      await enqueueNotices(tx, panel.map((id): EnqueueNoticeInput => ({ ...common, recipient: { kind: 'user', id }, channel: 'email', template: 'hearing.reminder', data: reminder, idempotencyKey: `${base}:reminder-2d:user:${id}` })));
    }
  }
}

/** Cancelling (or postponing) a hearing: drop its pending notices and tell everyone it is off. */
export async function hearingCancelledNotices(tx: Db, h: Hearing, now: Date, opts: { participant?: boolean; reason?: string } = {}) {
  await cancelNotices(tx, { subjectType: 'hearing', subjectId: h.id, templates: [...hearingTemplates], reason: opts.reason ?? 'The hearing was cancelled' });
  const data = await hearingNoticeData(tx, h);
  const common = { jurisdictionId: h.jurisdictionId, caseId: h.caseId, subject: { type: 'hearing', id: h.id }, sendAfter: now };
  const base = `hearing:${h.id}:v${h.sequence}:cancelled`;
  // `participant: false` when the case closed: the closing notice already told them.
  if (opts.participant !== false) await notifyParticipant(tx, { ...common, participantId: h.participantId, template: 'hearing.cancelled', data, key: base });
  const panel = await panelistIds(tx, h.id);
  await enqueueNotices(tx, panel.map((id): EnqueueNoticeInput => ({ ...common, recipient: { kind: 'user', id }, channel: 'email', template: 'hearing.cancelled', data, idempotencyKey: `${base}:user:${id}` })));
}

/** A participant missed the hearing: outreach with the way to ask for a new time. */
export async function noShowNotice(tx: Db, h: Hearing, now: Date) {
  const appUrl = (process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  await notifyParticipant(tx, {
    jurisdictionId: h.jurisdictionId,
    caseId: h.caseId,
    participantId: h.participantId,
    template: 'hearing.no_show',
    data: { hearingId: h.id, missedAt: h.startsAt.toISOString(), rescheduleUrl: `${appUrl}/portal` },
    key: `hearing:${h.id}:no-show`,
    subject: { type: 'hearing', id: h.id },
    sendAfter: now,
  });
}

/** Hearing reminders are re-checked at send time: a moved or cancelled hearing sends nothing. */
export async function resolveHearingReminder(db: Db, notice: { subjectId: string | null; data: unknown }) {
  if (!notice.subjectId) return { send: false as const, reason: 'No hearing on this notice' };
  const [h] = await db.select().from(hearings).where(eq(hearings.id, notice.subjectId));
  if (!h) return { send: false as const, reason: 'The hearing no longer exists' };
  if (h.status !== 'scheduled') return { send: false as const, reason: `The hearing is ${h.status.replaceAll('_', ' ')}` };
  const planned = notice.data as { sequence?: number; lead?: string };
  if (planned.sequence !== h.sequence) return { send: false as const, reason: 'The hearing changed since this reminder was planned' };
  return { send: true as const, data: { ...(await hearingNoticeData(db, h)), lead: planned.lead } };
}
