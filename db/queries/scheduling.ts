import 'server-only';
import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  availabilityExceptions,
  boardMemberships,
  boards,
  caseAssignments,
  cases,
  hearingPanelists,
  hearings,
  jurisdictions,
  participantHearingPreferences,
  participants,
  users,
  venues,
  volunteerAvailability,
  volunteerConflicts,
  volunteerProfiles,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { autoConflicts, type AutoConflictKind } from '@/lib/domain/conflicts';
import { localIsoDate } from '@/lib/domain/local-date';
import { schedulingRules, volunteerRules } from '@/lib/domain/scheduling-settings';
import { findSlots, planBatch, type Missing, type Proposal, type SlotSearch, type SlotVolunteer } from '@/lib/domain/slot-finder';
import { volunteerEligibility, type Eligibility } from '@/lib/domain/volunteer-eligibility';
import { isoDateOfDay, MINUTES_PER_DAY, toEpochMinutes, zoneClock } from '@/lib/domain/local-time';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import type { Db } from '../types';
import { caseScope } from './case-scope';

const DAY_MS = 86_400_000;
const range = (from: Date, to: Date) => sql`tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')`;

export type BoardVolunteer = {
  userId: string;
  name: string;
  email: string;
  role: 'member' | 'chair';
  eligibility: Eligibility;
  languages: string[];
  lastName: string;
  addressLine: string | null;
  zip: string | null;
};

export type ConflictFlag = { userId: string; name: string; kind: AutoConflictKind | 'knows' | 'relative' | 'neighbor' | 'other'; source: 'declared' | 'auto'; status: 'active' | 'dismissed' | 'unreviewed' };

export type SchedulingContext = {
  search: SlotSearch;
  caseId: string;
  caseStatus: string;
  caseVersion: number;
  jurisdictionId: string;
  timeZone: string;
  board: { id: string; name: string };
  participant: { id: string; firstName: string; lastName: string; preferredLanguage: string; zip: string };
  volunteers: BoardVolunteer[];
  venues: { id: string; name: string; room: string; video: boolean; accessible: boolean; meetingUrl: string | null; addressLine: string | null }[];
  conflicts: ConflictFlag[];
  preferencesSet: boolean;
};

/**
 * Everything the slot finder needs for one case, in a fixed number of queries however many
 * volunteers the board has: one for the case, then one each for preferences, members, weekly
 * windows, exceptions, seats, conflicts, venues, room bookings and the participant's bookings.
 */
export async function loadSchedulingContext(
  db: Db,
  actor: Actor,
  caseId: string,
  opts: { now?: Date; ignoreHearingId?: string; count?: number } = {},
): Promise<SchedulingContext> {
  if (!z.uuid().safeParse(caseId).success) throw new NotFoundError('That case');
  const now = opts.now ?? new Date();
  const [row] = await db
    .select({
      caseId: cases.id,
      status: cases.status,
      version: cases.version,
      jurisdictionId: cases.jurisdictionId,
      timeZone: jurisdictions.timeZone,
      settings: jurisdictions.settings,
      boardId: boards.id,
      boardName: boards.name,
      participant: participants,
    })
    .from(cases)
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .leftJoin(caseAssignments, and(eq(caseAssignments.caseId, cases.id), isNull(caseAssignments.endedAt)))
    .leftJoin(boards, eq(boards.id, caseAssignments.boardId))
    .where(and(eq(cases.id, caseId), caseScope(actor)))
    .limit(1);
  if (!row) throw new NotFoundError('That case');
  if (!row.boardId || !row.boardName) throw new NotFoundError('A board for that case');
  if (actor.role === 'volunteer') await assertChairOf(db, actor, row.boardId);

  const rules = schedulingRules(row.settings);
  const vRules = volunteerRules(row.settings);
  const tz = row.timeZone;
  const horizonEnd = new Date(now.getTime() + rules.horizonWeeks * 7 * DAY_MS);
  const loadFrom = new Date(now.getTime() - 30 * DAY_MS);
  const boardId = row.boardId;
  const p = row.participant;
  const memberIds = db.select({ id: boardMemberships.userId }).from(boardMemberships).where(eq(boardMemberships.boardId, boardId));
  const notIgnored = opts.ignoreHearingId ? ne(hearings.id, opts.ignoreHearingId) : undefined;

  const [prefsRows, members, exceptions, seats, conflictRows, venueRows, venueBusy, participantBusy] = await Promise.all([
    db.select().from(participantHearingPreferences).where(eq(participantHearingPreferences.participantId, p.id)).limit(1),
    // Only the columns the rules need, and each member's weekly windows folded in as JSON: on
    // PGlite, decoding rows is most of a query's cost.
    db
      .select({
        role: boardMemberships.role,
        termStart: boardMemberships.termStart,
        termEnd: boardMemberships.termEnd,
        membershipActive: boardMemberships.active,
        id: users.id,
        name: users.name,
        email: users.email,
        userActive: users.active,
        locale: users.locale,
        backgroundCheckDate: volunteerProfiles.backgroundCheckDate,
        backgroundCheckExpires: volunteerProfiles.backgroundCheckExpires,
        trainingHours: volunteerProfiles.trainingHours,
        hearingsObserved: volunteerProfiles.hearingsObserved,
        confidentialitySignedAt: volunteerProfiles.confidentialitySignedAt,
        languages: volunteerProfiles.languages,
        needsAccessibleVenue: volunteerProfiles.needsAccessibleVenue,
        monthlyHearingLimit: volunteerProfiles.monthlyHearingLimit,
        lastName: volunteerProfiles.lastName,
        addressLine: volunteerProfiles.addressLine,
        zip: volunteerProfiles.zip,
        weekly: sql<[number, number, number][]>`coalesce((select json_agg(json_build_array(a.weekday, a.start_minute, a.end_minute)) from ${volunteerAvailability} a where a.user_id = ${users.id}), '[]'::json)`,
      })
      .from(boardMemberships)
      .innerJoin(users, eq(users.id, boardMemberships.userId))
      .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
      .where(eq(boardMemberships.boardId, boardId))
      .orderBy(asc(users.name)),
    db
      .select()
      .from(availabilityExceptions)
      .where(and(inArray(availabilityExceptions.userId, memberIds), gte(availabilityExceptions.date, localIsoDate(now, tz)), lte(availabilityExceptions.date, localIsoDate(horizonEnd, tz)))),
    db
      .select({ userId: hearingPanelists.userId, role: hearingPanelists.role, hearingId: hearingPanelists.hearingId, startsAt: hearings.startsAt, endsAt: hearings.endsAt })
      .from(hearingPanelists)
      .innerJoin(hearings, eq(hearings.id, hearingPanelists.hearingId))
      .where(and(inArray(hearingPanelists.userId, memberIds), eq(hearingPanelists.active, true), sql`${hearingPanelists.during} && ${range(loadFrom, horizonEnd)}`, notIgnored)),
    db.select().from(volunteerConflicts).where(and(eq(volunteerConflicts.participantId, p.id), inArray(volunteerConflicts.userId, memberIds))),
    db.select().from(venues).where(and(eq(venues.jurisdictionId, row.jurisdictionId), eq(venues.active, true))).orderBy(asc(venues.name)),
    db
      .select({ venueId: hearings.venueId, startsAt: hearings.startsAt, endsAt: hearings.endsAt })
      .from(hearings)
      .where(and(eq(hearings.jurisdictionId, row.jurisdictionId), eq(hearings.active, true), lt(hearings.startsAt, horizonEnd), gt(hearings.endsAt, now), notIgnored)),
    db
      .select({ startsAt: hearings.startsAt, endsAt: hearings.endsAt })
      .from(hearings)
      .where(and(eq(hearings.participantId, p.id), eq(hearings.active, true), sql`${hearings.during} && ${range(now, horizonEnd)}`, notIgnored)),
  ]);

  const today = localIsoDate(now, tz);
  const prefs = prefsRows[0];
  const iv = (s: Date, e: Date) => ({ start: toEpochMinutes(s), end: Math.ceil(e.getTime() / 60_000) });
  const nowMin = toEpochMinutes(now);

  // Group once by volunteer: the per-volunteer work below stays linear in the board's size.
  const groupBy = <T extends { userId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.userId, [...(m.get(r.userId) ?? []), r]);
    return m;
  };
  const exceptionsBy = groupBy(exceptions);
  const seatsBy = groupBy(seats);
  const conflictsBy = groupBy(conflictRows);
  const clock = zoneClock(tz, toEpochMinutes(loadFrom), toEpochMinutes(horizonEnd));
  const monthOf = (d: Date) => {
    const day = Math.floor(clock.toWall(toEpochMinutes(d)) / MINUTES_PER_DAY);
    return isoDateOfDay(day).slice(0, 7);
  };
  const boardVolunteers: BoardVolunteer[] = [];
  const conflicts: ConflictFlag[] = [];
  const slotVolunteers: SlotVolunteer[] = members.map((m) => {
    const u = { id: m.id, name: m.name, email: m.email, locale: m.locale };
    const pr = m.trainingHours === null ? null : m;
    const eligibility = volunteerEligibility(
      {
        active: m.membershipActive && m.userActive,
        role: m.role,
        termStart: m.termStart,
        termEnd: m.termEnd,
        backgroundCheckDate: pr?.backgroundCheckDate ?? null,
        backgroundCheckExpires: pr?.backgroundCheckExpires ?? null,
        trainingHours: pr?.trainingHours ?? 0,
        hearingsObserved: pr?.hearingsObserved ?? 0,
        confidentialitySignedAt: pr?.confidentialitySignedAt ?? null,
      },
      vRules,
      today,
    );
    const languages = pr?.languages ?? [u.locale];
    const lastName = pr?.lastName || u.name.split(' ').at(-1) || '';
    boardVolunteers.push({ userId: u.id, name: u.name, email: u.email, role: m.role, eligibility, languages, lastName, addressLine: pr?.addressLine ?? null, zip: pr?.zip ?? null });

    // Conflicts: declared rows block; auto flags block until a coordinator dismisses them.
    const mine = conflictsBy.get(u.id) ?? [];
    let conflicted = false;
    for (const c of mine) {
      if (c.source === 'declared') {
        conflicts.push({ userId: u.id, name: u.name, kind: c.kind, source: 'declared', status: c.status });
        if (c.status === 'active') conflicted = true;
      }
    }
    for (const kind of autoConflicts({ lastName, addressLine: pr?.addressLine ?? null, zip: pr?.zip ?? null }, { lastName: p.lastName, addressLine: p.addressLine, zip: p.zip })) {
      const review = mine.find((c) => c.source === 'auto' && c.kind === kind);
      const status = review?.status ?? 'unreviewed';
      conflicts.push({ userId: u.id, name: u.name, kind, source: 'auto', status });
      if (status !== 'dismissed') conflicted = true;
    }

    const mySeats = seatsBy.get(u.id) ?? [];
    const monthlyCounts: Record<string, number> = {};
    // Alternates hold the time (busy) but only sitting seats count toward the monthly limit.
    for (const s of mySeats) {
      if (s.role === 'alternate') continue;
      const k = monthOf(s.startsAt);
      monthlyCounts[k] = (monthlyCounts[k] ?? 0) + 1;
    }
    return {
      id: u.id,
      name: u.name,
      eligible: eligibility.eligible,
      eligibleUntil: eligibility.eligibleUntil,
      canChair: eligibility.canChair,
      conflicted,
      languages,
      needsAccessibleVenue: pr?.needsAccessibleVenue ?? false,
      weekly: m.weekly.map(([weekday, start, end]) => ({ weekday, start, end })),
      exceptions: (exceptionsBy.get(u.id) ?? []).map((e) => ({ date: e.date, kind: e.kind, start: e.startMinute, end: e.endMinute })),
      busy: mySeats.filter((s) => s.endsAt > now).map((s) => iv(s.startsAt, s.endsAt)),
      monthlyLimit: pr?.monthlyHearingLimit ?? 4,
      monthlyCounts,
      load: mySeats.length,
    };
  });

  const search: SlotSearch = {
    timeZone: tz,
    now: nowMin,
    horizonWeeks: rules.horizonWeeks,
    durationMinutes: rules.hearingMinutes,
    stepMinutes: rules.slotStepMinutes,
    minLeadMinutes: rules.minLeadHours * 60,
    quorum: rules.quorum,
    requireChair: rules.requireChair,
    count: opts.count ?? 5,
    volunteers: slotVolunteers,
    venues: venueRows.map((v) => ({
      id: v.id,
      name: v.name,
      video: v.kind === 'video',
      accessible: v.accessible,
      zip: v.zip,
      hours: v.kind === 'video' && v.hours.length === 0 ? [] : v.hours,
      busy: venueBusy.filter((b) => b.venueId === v.id).map((b) => iv(b.startsAt, b.endsAt)),
    })),
    participant: {
      windows: prefs?.windows ?? [],
      videoOk: prefs?.videoOk ?? true,
      inPersonOk: prefs?.inPersonOk ?? true,
      needsAccessibleVenue: prefs?.needsAccessibleVenue ?? false,
      transportNeeded: prefs?.transportNeeded ?? false,
      language: p.preferredLanguage,
      zip: p.zip,
      busy: participantBusy.map((b) => iv(b.startsAt, b.endsAt)),
    },
  };
  return {
    search,
    caseId: row.caseId,
    caseStatus: row.status,
    caseVersion: row.version,
    jurisdictionId: row.jurisdictionId,
    timeZone: tz,
    board: { id: boardId, name: row.boardName },
    participant: { id: p.id, firstName: p.firstName, lastName: p.lastName, preferredLanguage: p.preferredLanguage, zip: p.zip },
    volunteers: boardVolunteers,
    venues: venueRows.map((v) => ({ id: v.id, name: v.name, room: v.room, video: v.kind === 'video', accessible: v.accessible, meetingUrl: v.meetingUrl, addressLine: v.addressLine })),
    conflicts,
    preferencesSet: !!prefs,
  };
}

/** Volunteers act on scheduling only as the chair of the case's board. */
export async function assertChairOf(db: Db, actor: Actor, boardId: string) {
  const [m] = await db
    .select({ id: boardMemberships.id })
    .from(boardMemberships)
    .where(and(eq(boardMemberships.boardId, boardId), eq(boardMemberships.userId, actor.userId), eq(boardMemberships.role, 'chair'), eq(boardMemberships.active, true)))
    .limit(1);
  if (!m) throw new ForbiddenError('Only the board’s chair or a coordinator can schedule its hearings.');
}

export type NamedProposal = {
  /** Opaque value the booking form posts back: start|venue|chair|members|alternate. */
  token: string;
  startsAt: Date;
  endsAt: Date;
  venue: { id: string; name: string; room: string; video: boolean };
  panel: { userId: string; name: string; role: 'chair' | 'member' }[];
  alternate: { userId: string; name: string } | null;
  languageMatches: number;
};

export function encodeProposal(p: Pick<Proposal, 'start' | 'venueId' | 'panel' | 'alternate'>): string {
  const chair = p.panel.find((s) => s.role === 'chair')?.id ?? '';
  const members = p.panel.filter((s) => s.role !== 'chair').map((s) => s.id);
  return [p.start, p.venueId, chair, members.join(','), p.alternate ?? ''].join('|');
}

export function nameProposals(ctx: SchedulingContext, proposals: Proposal[]): NamedProposal[] {
  const name = (id: string) => ctx.volunteers.find((v) => v.userId === id)?.name ?? '';
  return proposals.map((p) => {
    const v = ctx.venues.find((x) => x.id === p.venueId)!;
    return {
      token: encodeProposal(p),
      startsAt: new Date(p.start * 60_000),
      endsAt: new Date(p.end * 60_000),
      venue: { id: v.id, name: v.name, room: v.room, video: v.video },
      panel: p.panel.map((s) => ({ userId: s.id, name: name(s.id), role: s.role })),
      alternate: p.alternate ? { userId: p.alternate, name: name(p.alternate) } : null,
      languageMatches: p.languageMatches,
    };
  });
}

export const findProposalsSchema = z.object({ caseId: z.uuid(), count: z.coerce.number().int().min(1).max(20).default(5), ignoreHearingId: z.uuid().optional() });

/** Proposals for one case, with names, and what is missing when fewer than asked for fit. */
export async function findProposals(db: Db, actor: Actor, input: z.input<typeof findProposalsSchema>, now?: Date): Promise<{ ctx: SchedulingContext; proposals: NamedProposal[]; missing: Missing[] }> {
  const { caseId, count, ignoreHearingId } = findProposalsSchema.parse(input);
  const ctx = await loadSchedulingContext(db, actor, caseId, { now, ignoreHearingId, count });
  const result = findSlots(ctx.search);
  return { ctx, proposals: nameProposals(ctx, result.proposals), missing: result.missing };
}

/**
 * The weekly batch: for every case of a board that is assigned but has no hearing yet (oldest
 * referral first), one proposed slot, with earlier picks treated as booked.
 */
export async function planBoardWeek(db: Db, actor: Actor, boardId: string, now?: Date) {
  if (actor.role !== 'coordinator') throw new ForbiddenError();
  const waiting = await db
    .select({ id: cases.id })
    .from(cases)
    .innerJoin(caseAssignments, and(eq(caseAssignments.caseId, cases.id), isNull(caseAssignments.endedAt)))
    .where(and(caseScope(actor), eq(caseAssignments.boardId, boardId), eq(cases.status, 'assigned')))
    .orderBy(asc(cases.referredAt))
    .limit(30);
  if (waiting.length === 0) return [];
  // Batch planning is a coordinator's weekly job, not a hot path: one context per case is fine.
  const contexts: SchedulingContext[] = [];
  for (const w of waiting) contexts.push(await loadSchedulingContext(db, actor, w.id, { now, count: 1 }));
  // Conflicts are per participant: the batch applies each case's own list.
  const base = { ...contexts[0].search, volunteers: contexts[0].search.volunteers.map((v) => ({ ...v, conflicted: false })) };
  const plan = planBatch(
    base,
    contexts.map((c) => ({ caseId: c.caseId, participant: c.search.participant, conflictedVolunteerIds: c.search.volunteers.filter((v) => v.conflicted).map((v) => v.id) })),
  );
  return plan.map((item, i) => {
    const ctx = contexts[i];
    return { caseId: item.caseId, participant: ctx.participant, proposal: item.proposal ? nameProposals(ctx, [item.proposal])[0] : null, missing: item.missing };
  });
}
