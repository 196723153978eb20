import 'server-only';
import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { calendarFeeds, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { hearingsToIcs, type IcsHearing } from '@/lib/calendar/ics';
import { NotFoundError } from '@/lib/errors';
import en from '@/lib/i18n/messages/en.json';
import es from '@/lib/i18n/messages/es.json';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { getHearing, listMyHearings, type HearingListItem } from './hearings';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** The words of calendar files, in the reader's language (scheduling.icsFile in the message catalogs). */
const icsWords = (locale: Actor['locale']) => createTranslator({ locale, messages: locale === 'es' ? es : en, namespace: 'scheduling.icsFile' });
type IcsWords = ReturnType<typeof icsWords>;

function toIcs(h: HearingListItem, audience: 'volunteer' | 'participant' | 'staff', L: IcsWords): IcsHearing {
  const where = h.venueKind === 'video' ? L('videoVenue', { venue: h.venueName }) : [h.venueName, h.venueRoom, h.venueAddress].filter(Boolean).join(', ');
  const board = h.boardName;
  return {
    id: h.id,
    startsAt: h.startsAt,
    endsAt: h.endsAt,
    sequence: h.sequence,
    status: h.status,
    title: audience === 'participant' ? L('participantTitle', { kind: L(`participantKind.${h.kind}`), board }) : L('staffTitle', { kind: L(`staffKind.${h.kind}`), board }),
    location: where,
    description: h.venueKind === 'video' && h.meetingUrl ? `${L('joinByVideo', { url: h.meetingUrl })}\n${L('details')}` : L('details'),
    url: h.venueKind === 'video' ? h.meetingUrl : null,
  };
}

/** One hearing as an .ics file, for anyone who can see the hearing. */
export async function hearingIcs(db: Db, actor: Actor, hearingId: string) {
  const h = await getHearing(db, actor, hearingId);
  const audience = actor.role === 'participant' ? 'participant' : actor.role === 'volunteer' ? 'volunteer' : 'staff';
  const L = icsWords(actor.locale);
  return hearingsToIcs([toIcs(h, audience, L)], { calName: L('oneHearing') });
}

/** Create (or replace) the actor's private feed. The secret is returned once and never stored. */
export async function createCalendarFeed(db: Db, actor: Actor): Promise<{ token: string }> {
  const token = crypto.randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.update(calendarFeeds).set({ revokedAt: new Date() }).where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
    await tx.insert(calendarFeeds).values({ jurisdictionId: actor.jurisdictionId, userId: actor.userId, tokenHash: sha256(token) });
    await writeAudit(tx, actor, { action: 'calendar.feedCreate', entityType: 'user', entityId: actor.userId });
  });
  return { token };
}

export async function revokeCalendarFeed(db: Db, actor: Actor) {
  await db.transaction(async (tx) => {
    await tx.update(calendarFeeds).set({ revokedAt: new Date() }).where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
    await writeAudit(tx, actor, { action: 'calendar.feedRevoke', entityType: 'user', entityId: actor.userId });
  });
}

export async function getMyCalendarFeed(db: Db, actor: Actor) {
  const [f] = await db.select({ createdAt: calendarFeeds.createdAt, lastFetchedAt: calendarFeeds.lastFetchedAt }).from(calendarFeeds).where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
  return f ?? null;
}

/** The feed behind a secret URL: the owner's hearings, cancelled ones included (so apps remove them). */
export async function calendarFeedByToken(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new NotFoundError('That calendar');
  const [row] = await db
    .select({ feedId: calendarFeeds.id, user: users })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, sha256(token)), isNull(calendarFeeds.revokedAt), eq(users.active, true)));
  if (!row) throw new NotFoundError('That calendar');
  const actor: Actor = { userId: row.user.id, role: row.user.role, jurisdictionId: row.user.jurisdictionId, name: row.user.name, email: row.user.email, locale: row.user.locale };
  const items = await listMyHearings(db, actor, { pastDays: 90 });
  await db.update(calendarFeeds).set({ lastFetchedAt: new Date() }).where(eq(calendarFeeds.id, row.feedId));
  const audience = actor.role === 'participant' ? 'participant' : 'volunteer';
  const L = icsWords(actor.locale);
  return hearingsToIcs(
    items.map((h) => toIcs(h, audience, L)),
    { calName: audience === 'participant' ? L('myHearings') : L('hearings') },
  );
}
