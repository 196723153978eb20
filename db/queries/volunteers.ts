import 'server-only';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  availabilityExceptions,
  boardMemberships,
  boards,
  cases,
  jurisdictions,
  users,
  volunteerAvailability,
  volunteerConflicts,
  volunteerProfiles,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { localIsoDate } from '@/lib/domain/local-date';
import { volunteerRules } from '@/lib/domain/scheduling-settings';
import { volunteerEligibility, type Eligibility } from '@/lib/domain/volunteer-eligibility';
import { parseClock } from '@/lib/domain/local-time';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { caseScope } from './case-scope';

const isoDate = z.iso.date('Use a date like 2026-03-31.');

// ---- roster ------------------------------------------------------------------------------------

export type RosterRow = {
  userId: string;
  name: string;
  email: string;
  active: boolean;
  version: number;
  profile: typeof volunteerProfiles.$inferSelect | null;
  memberships: { boardId: string; boardName: string; role: 'member' | 'chair'; termStart: string; termEnd: string; active: boolean; eligibility: Eligibility }[];
  /** Eligible to sit on at least one board today. */
  eligible: boolean;
};

/** Every volunteer of the jurisdiction with readiness per board, who cannot sit and why, and what expires soon. */
export async function listRoster(db: Db, actor: Actor, opts: { now?: Date; boardId?: string } = {}): Promise<RosterRow[]> {
  if (actor.role !== 'coordinator') throw new ForbiddenError();
  const [j] = await db.select().from(jurisdictions).where(eq(jurisdictions.id, actor.jurisdictionId));
  const today = localIsoDate(opts.now ?? new Date(), j.timeZone);
  const rules = volunteerRules(j.settings);
  const [people, memberships] = await Promise.all([
    db
      .select({ user: users, profile: volunteerProfiles })
      .from(users)
      .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
      .where(and(eq(users.jurisdictionId, actor.jurisdictionId), eq(users.role, 'volunteer')))
      .orderBy(asc(users.name)),
    db
      .select({ m: boardMemberships, boardName: boards.name })
      .from(boardMemberships)
      .innerJoin(boards, eq(boards.id, boardMemberships.boardId))
      .where(eq(boards.jurisdictionId, actor.jurisdictionId))
      .orderBy(asc(boards.name)),
  ]);
  const rows = people.map(({ user: u, profile: p }) => {
    const ms = memberships
      .filter((x) => x.m.userId === u.id)
      .map(({ m, boardName }) => ({
        boardId: m.boardId,
        boardName,
        role: m.role,
        termStart: m.termStart,
        termEnd: m.termEnd,
        active: m.active,
        eligibility: volunteerEligibility(
          { active: m.active && u.active, role: m.role, termStart: m.termStart, termEnd: m.termEnd, backgroundCheckDate: p?.backgroundCheckDate ?? null, backgroundCheckExpires: p?.backgroundCheckExpires ?? null, trainingHours: p?.trainingHours ?? 0, hearingsObserved: p?.hearingsObserved ?? 0, confidentialitySignedAt: p?.confidentialitySignedAt ?? null },
          rules,
          today,
        ),
      }));
    return { userId: u.id, name: u.name, email: u.email, active: u.active, version: p?.version ?? 0, profile: p, memberships: ms, eligible: ms.some((m) => m.eligibility.eligible) };
  });
  return opts.boardId ? rows.filter((r) => r.memberships.some((m) => m.boardId === opts.boardId)) : rows;
}

// ---- profile edit ------------------------------------------------------------------------------

const optionalDate = z.union([isoDate, z.literal('')]).transform((v) => v || null);
export const volunteerProfileSchema = z
  .object({
    userId: z.uuid(),
    version: z.coerce.number().int().min(0),
    backgroundCheckDate: optionalDate,
    backgroundCheckExpires: optionalDate,
    trainingHours: z.coerce.number({ message: 'Enter hours as a number.' }).min(0).max(500),
    hearingsObserved: z.coerce.number({ message: 'Enter a whole number.' }).int().min(0).max(500),
    confidentialitySignedAt: optionalDate,
    languages: z
      .string()
      .trim()
      .transform((s) => s.split(/[\s,]+/).filter(Boolean).map((x) => x.toLowerCase()))
      .pipe(z.array(z.string().regex(/^[a-z]{2}$/, 'Use two-letter language codes, like en, es.')).min(1, 'List at least one language.')),
    monthlyHearingLimit: z.coerce.number().int().min(0).max(31),
    needsAccessibleVenue: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
    accessibilityNotes: z.string().trim().max(500).default(''),
  })
  .refine((v) => !v.backgroundCheckExpires || !v.backgroundCheckDate || v.backgroundCheckExpires > v.backgroundCheckDate, { path: ['backgroundCheckExpires'], message: 'The expiry must be after the check date.' });

/** Create or update a volunteer's readiness record (version 0 = none yet). */
export async function saveVolunteerProfile(db: Db, actor: Actor, input: z.input<typeof volunteerProfileSchema>) {
  if (actor.role !== 'coordinator') throw new ForbiddenError();
  const v = volunteerProfileSchema.parse(input);
  return db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(and(eq(users.id, v.userId), eq(users.jurisdictionId, actor.jurisdictionId), eq(users.role, 'volunteer')));
    if (!u) throw new NotFoundError('That volunteer');
    const { userId, version, ...fields } = v;
    if (version === 0) {
      const inserted = await tx
        .insert(volunteerProfiles)
        .values({ userId, jurisdictionId: actor.jurisdictionId, lastName: u.name.split(' ').at(-1) ?? '', ...fields })
        .onConflictDoNothing()
        .returning({ version: volunteerProfiles.version });
      if (!inserted.length) throw new ConflictError();
    } else {
      const updated = await tx
        .update(volunteerProfiles)
        .set({ ...fields, updatedAt: new Date(), version: sql`${volunteerProfiles.version} + 1` })
        .where(and(eq(volunteerProfiles.userId, userId), eq(volunteerProfiles.version, version)))
        .returning({ version: volunteerProfiles.version });
      if (!updated.length) throw new ConflictError();
    }
    await writeAudit(tx, actor, { action: 'volunteer.profile', entityType: 'user', entityId: userId, details: { fields: Object.keys(fields) } });
    return { userId };
  });
}

// ---- CSV import --------------------------------------------------------------------------------

const csvRowSchema = z.object({
  email: z.email('Not an email address.'),
  name: z.string().trim().min(2, 'Name is missing.'),
  board: z.string().trim().min(1, 'Board is missing.'),
  role: z.enum(['member', 'chair'], { message: 'Role must be member or chair.' }).default('member'),
  term_start: isoDate,
  term_end: isoDate,
  background_check_date: z.union([isoDate, z.literal('')]).default(''),
  background_check_expires: z.union([isoDate, z.literal('')]).default(''),
  training_hours: z.coerce.number({ message: 'Training hours must be a number.' }).min(0).default(0),
  hearings_observed: z.coerce.number({ message: 'Hearings observed must be a whole number.' }).int().min(0).default(0),
  confidentiality_signed: z.union([isoDate, z.literal('')]).default(''),
  languages: z.string().default('en'),
  monthly_limit: z.coerce.number().int().min(0).max(31).default(4),
  zip: z.union([z.string().regex(/^\d{5}$/, 'ZIP must be 5 digits.'), z.literal('')]).default(''),
  address: z.string().default(''),
});

export type CsvImportResult = { created: number; updated: number; errors: { row: number; field: string; message: string }[]; dryRun: boolean };

/**
 * Import volunteers from CSV (header row required). Every row is checked first; if any row has an
 * error nothing is written and every error is listed by row and column. Existing accounts (by
 * email) are updated; new ones are created without a password (they sign in once an admin sends
 * them a link).
 */
export async function importVolunteersCsv(db: Db, actor: Actor, csv: string, opts: { dryRun?: boolean } = {}): Promise<CsvImportResult> {
  if (actor.role !== 'coordinator') throw new ForbiddenError();
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (err) {
    return { created: 0, updated: 0, dryRun: !!opts.dryRun, errors: [{ row: 0, field: 'file', message: `The file is not valid CSV: ${(err as Error).message}` }] };
  }
  if (records.length === 0) return { created: 0, updated: 0, dryRun: !!opts.dryRun, errors: [{ row: 0, field: 'file', message: 'The file has no rows.' }] };
  if (records.length > 2000) return { created: 0, updated: 0, dryRun: !!opts.dryRun, errors: [{ row: 0, field: 'file', message: 'Import at most 2,000 rows at a time.' }] };

  const boardRows = await db.select({ id: boards.id, name: boards.name }).from(boards).where(eq(boards.jurisdictionId, actor.jurisdictionId));
  const boardByName = new Map(boardRows.map((b) => [b.name.toLowerCase(), b.id]));
  const emails = records.map((r) => (r.email ?? '').trim().toLowerCase());
  const existing = await db
    .select({ id: users.id, email: users.email, role: users.role, jurisdictionId: users.jurisdictionId })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, emails.filter(Boolean)));
  const errors: CsvImportResult['errors'] = [];
  const valid: { row: number; data: z.output<typeof csvRowSchema>; boardId: string; userId: string | null }[] = [];
  const seen = new Set<string>();
  records.forEach((rec, i) => {
    const row = i + 2; // header is row 1
    const parsed = csvRowSchema.safeParse(rec);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row, field: String(issue.path[0] ?? 'row'), message: issue.message });
      return;
    }
    const d = parsed.data;
    const email = d.email.toLowerCase();
    const boardId = boardByName.get(d.board.toLowerCase());
    if (!boardId) errors.push({ row, field: 'board', message: `No board named “${d.board}”.` });
    if (d.term_end <= d.term_start) errors.push({ row, field: 'term_end', message: 'The term must end after it starts.' });
    if (seen.has(email)) errors.push({ row, field: 'email', message: 'This email appears twice in the file.' });
    seen.add(email);
    const u = existing.find((x) => x.email.toLowerCase() === email);
    if (u && (u.role !== 'volunteer' || u.jurisdictionId !== actor.jurisdictionId)) errors.push({ row, field: 'email', message: 'This email belongs to another kind of account.' });
    if (boardId) valid.push({ row, data: d, boardId, userId: u?.id ?? null });
  });
  if (errors.length || opts.dryRun) return { created: errors.length ? 0 : valid.filter((v) => !v.userId).length, updated: errors.length ? 0 : valid.filter((v) => v.userId).length, errors, dryRun: !!opts.dryRun };

  let created = 0;
  let updated = 0;
  await db.transaction(async (tx) => {
    for (const v of valid) {
      const d = v.data;
      let userId = v.userId;
      if (!userId) {
        const [u] = await tx.insert(users).values({ jurisdictionId: actor.jurisdictionId, email: d.email, name: d.name, role: 'volunteer', locale: d.languages.includes('es') && !d.languages.includes('en') ? 'es' : 'en' }).returning({ id: users.id });
        userId = u.id;
        created++;
      } else updated++;
      const profile = {
        backgroundCheckDate: d.background_check_date || null,
        backgroundCheckExpires: d.background_check_expires || null,
        trainingHours: d.training_hours,
        hearingsObserved: d.hearings_observed,
        confidentialitySignedAt: d.confidentiality_signed || null,
        languages: d.languages.split(/[\s,;]+/).filter(Boolean).map((x) => x.toLowerCase()),
        monthlyHearingLimit: d.monthly_limit,
        lastName: d.name.split(' ').at(-1) ?? '',
        zip: d.zip || null,
        addressLine: d.address || null,
      };
      await tx
        .insert(volunteerProfiles)
        .values({ userId, jurisdictionId: actor.jurisdictionId, ...profile })
        .onConflictDoUpdate({ target: volunteerProfiles.userId, set: { ...profile, updatedAt: new Date(), version: sql`${volunteerProfiles.version} + 1` } });
      await tx
        .insert(boardMemberships)
        .values({ boardId: v.boardId, userId, role: d.role, termStart: d.term_start, termEnd: d.term_end })
        .onConflictDoUpdate({ target: [boardMemberships.boardId, boardMemberships.userId], set: { role: d.role, termStart: d.term_start, termEnd: d.term_end, active: true, version: sql`${boardMemberships.version} + 1` } });
    }
    await writeAudit(tx, actor, { action: 'volunteer.import', entityType: 'jurisdiction', entityId: actor.jurisdictionId, details: { created, updated } });
  });
  return { created, updated, errors: [], dryRun: false };
}

// ---- availability ------------------------------------------------------------------------------

export async function getMyAvailability(db: Db, actor: Actor, now = new Date()) {
  const [j] = await db.select({ timeZone: jurisdictions.timeZone }).from(jurisdictions).where(eq(jurisdictions.id, actor.jurisdictionId));
  const [weekly, exceptions] = await Promise.all([
    db.select().from(volunteerAvailability).where(eq(volunteerAvailability.userId, actor.userId)).orderBy(asc(volunteerAvailability.weekday), asc(volunteerAvailability.startMinute)),
    db
      .select()
      .from(availabilityExceptions)
      .where(and(eq(availabilityExceptions.userId, actor.userId), gte(availabilityExceptions.date, localIsoDate(now, j.timeZone))))
      .orderBy(asc(availabilityExceptions.date)),
  ]);
  return { timeZone: j.timeZone, weekly, exceptions };
}

const windowSchema = z
  .object({ weekday: z.number().int().min(0).max(6), start: z.number().int().min(0).max(1440), end: z.number().int().min(0).max(1440) })
  .refine((w) => w.end > w.start, { message: 'A window must end after it starts.' });
export const weeklyAvailabilitySchema = z.object({ windows: z.array(windowSchema).max(50) });

/** Replace the volunteer's weekly windows (overlaps on one day are merged). */
export async function setMyWeeklyAvailability(db: Db, actor: Actor, input: z.input<typeof weeklyAvailabilitySchema>) {
  if (actor.role !== 'volunteer') throw new ForbiddenError();
  const { windows } = weeklyAvailabilitySchema.parse(input);
  const merged: typeof windows = [];
  for (const w of [...windows].sort((a, b) => a.weekday - b.weekday || a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && last.weekday === w.weekday && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else merged.push({ ...w });
  }
  await db.transaction(async (tx) => {
    await tx.delete(volunteerAvailability).where(eq(volunteerAvailability.userId, actor.userId));
    if (merged.length) await tx.insert(volunteerAvailability).values(merged.map((w) => ({ userId: actor.userId, jurisdictionId: actor.jurisdictionId, weekday: w.weekday, startMinute: w.start, endMinute: w.end })));
    await writeAudit(tx, actor, { action: 'availability.weekly', entityType: 'user', entityId: actor.userId, details: { windows: merged.length } });
  });
  return { windows: merged.length };
}

export const availabilityExceptionSchema = z
  .object({
    date: isoDate,
    kind: z.enum(['unavailable', 'available']),
    allDay: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
    start: z.string().optional(),
    end: z.string().optional(),
    note: z.string().trim().max(200).default(''),
  })
  .transform((v, ctx) => {
    const toMin = (s?: string) => (s ? parseClock(s) : null);
    // A time the form's picker cannot make (25:00, 9:75) is named as such, not "enter a time".
    const missing = (s: string | undefined, what: string) => (s?.trim() ? 'Enter a time between 00:00 and 24:00.' : `Enter ${what} time.`);
    if (v.kind === 'unavailable' && v.allDay) return { ...v, startMinute: null, endMinute: null };
    const startMinute = toMin(v.start);
    const endMinute = toMin(v.end);
    if (startMinute === null) ctx.addIssue({ code: 'custom', path: ['start'], message: missing(v.start, 'a start') });
    if (endMinute === null) ctx.addIssue({ code: 'custom', path: ['end'], message: missing(v.end, 'an end') });
    if (startMinute !== null && endMinute !== null && endMinute <= startMinute) ctx.addIssue({ code: 'custom', path: ['end'], message: 'End after the start time.' });
    return { ...v, startMinute, endMinute };
  });

export async function addAvailabilityException(db: Db, actor: Actor, input: z.input<typeof availabilityExceptionSchema>) {
  if (actor.role !== 'volunteer') throw new ForbiddenError();
  const v = availabilityExceptionSchema.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(availabilityExceptions)
      .values({ userId: actor.userId, jurisdictionId: actor.jurisdictionId, date: v.date, kind: v.kind, startMinute: v.startMinute, endMinute: v.endMinute, note: v.note })
      .returning({ id: availabilityExceptions.id });
    await writeAudit(tx, actor, { action: 'availability.exception', entityType: 'user', entityId: actor.userId, details: { date: v.date, kind: v.kind } });
    return row;
  });
}

export async function removeAvailabilityException(db: Db, actor: Actor, id: string) {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('That exception');
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(availabilityExceptions)
      .where(and(eq(availabilityExceptions.id, id), eq(availabilityExceptions.userId, actor.userId)))
      .returning({ id: availabilityExceptions.id, date: availabilityExceptions.date, kind: availabilityExceptions.kind });
    if (!gone) throw new NotFoundError('That exception');
    await writeAudit(tx, actor, { action: 'availability.exception_remove', entityType: 'user', entityId: actor.userId, details: { exceptionId: gone.id, date: gone.date, kind: gone.kind } });
  });
}

// ---- conflicts ---------------------------------------------------------------------------------

export const declareConflictSchema = z.object({
  caseId: z.uuid(),
  kind: z.enum(['knows', 'relative', 'neighbor', 'other'], { message: 'Say how you know this person.' }),
  note: z.string().trim().max(500).default(''),
  userId: z.uuid().optional(),
});

/** A coordinator names a volunteer by id (from a form): only a volunteer of their own jurisdiction. */
async function assertOwnVolunteer(tx: Db, actor: Actor, userId: string) {
  const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, userId), eq(users.jurisdictionId, actor.jurisdictionId), eq(users.role, 'volunteer')));
  if (!u) throw new NotFoundError('That volunteer');
}

/** A volunteer declares a conflict with a case's participant (or a coordinator records one for them). */
export async function declareConflict(db: Db, actor: Actor, input: z.input<typeof declareConflictSchema>) {
  const v = declareConflictSchema.parse(input);
  const userId = actor.role === 'coordinator' && v.userId ? v.userId : actor.userId;
  if (actor.role !== 'volunteer' && actor.role !== 'coordinator') throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ participantId: cases.participantId }).from(cases).where(and(eq(cases.id, v.caseId), caseScope(actor)));
    if (!c) throw new NotFoundError('That case');
    if (actor.role === 'coordinator' && v.userId) await assertOwnVolunteer(tx, actor, v.userId);
    await tx
      .insert(volunteerConflicts)
      .values({ jurisdictionId: actor.jurisdictionId, userId, participantId: c.participantId, kind: v.kind, source: 'declared', note: v.note, createdByUserId: actor.userId })
      .onConflictDoUpdate({ target: [volunteerConflicts.userId, volunteerConflicts.participantId, volunteerConflicts.kind], set: { status: 'active', note: v.note } });
    await writeAudit(tx, actor, { action: 'conflict.declare', entityType: 'case', entityId: v.caseId, details: { userId, kind: v.kind } });
    return { ok: true };
  });
}

export const reviewConflictSchema = z.object({
  caseId: z.uuid(),
  userId: z.uuid(),
  kind: z.enum(['same_address', 'same_surname_zip']),
  decision: z.enum(['dismissed', 'active']),
});

/** A coordinator reviews an auto-detected flag: dismissed lets the volunteer sit; active confirms it. */
export async function reviewConflict(db: Db, actor: Actor, input: z.input<typeof reviewConflictSchema>) {
  if (actor.role !== 'coordinator') throw new ForbiddenError();
  const v = reviewConflictSchema.parse(input);
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ participantId: cases.participantId }).from(cases).where(and(eq(cases.id, v.caseId), caseScope(actor)));
    if (!c) throw new NotFoundError('That case');
    await assertOwnVolunteer(tx, actor, v.userId);
    const now = new Date();
    await tx
      .insert(volunteerConflicts)
      .values({ jurisdictionId: actor.jurisdictionId, userId: v.userId, participantId: c.participantId, kind: v.kind, source: 'auto', status: v.decision, reviewedByUserId: actor.userId, reviewedAt: now, createdByUserId: actor.userId })
      .onConflictDoUpdate({ target: [volunteerConflicts.userId, volunteerConflicts.participantId, volunteerConflicts.kind], set: { status: v.decision, reviewedByUserId: actor.userId, reviewedAt: now } });
    await writeAudit(tx, actor, { action: 'conflict.review', entityType: 'case', entityId: v.caseId, details: { userId: v.userId, kind: v.kind, decision: v.decision } });
    return { ok: true };
  });
}
