import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { venues } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import type { Db } from '../types';
import { writeAudit } from './audit';

export async function listVenues(db: Db, actor: Actor, opts: { includeInactive?: boolean } = {}) {
  if (actor.role !== 'coordinator') throw new ForbiddenError();
  return db
    .select()
    .from(venues)
    .where(and(eq(venues.jurisdictionId, actor.jurisdictionId), opts.includeInactive ? undefined : eq(venues.active, true)))
    .orderBy(asc(venues.kind), asc(venues.name));
}

const clock = z.string().regex(/^\d{2}:\d{2}$/, 'Use a time like 18:30.');
const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export const venueSchema = z
  .object({
    name: z.string().trim().min(2, 'Give the venue a name.').max(120),
    kind: z.enum(['library', 'church', 'community_center', 'other', 'video']),
    room: z.string().trim().max(120).default(''),
    addressLine: z.string().trim().max(200).default(''),
    zip: z.union([z.string().regex(/^\d{5}$/, 'ZIP must be 5 digits.'), z.literal('')]).default(''),
    capacity: z.coerce.number().int().min(1, 'At least 1 seat.').max(500).default(8),
    accessible: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
    accessibilityNotes: z.string().trim().max(500).default(''),
    meetingUrl: z.union([z.url({ protocol: /^https$/, message: 'Use an https:// meeting link.' }), z.literal('')]).default(''),
    /** Open days (0–6) and one daily window; video rooms may leave hours empty (always open). */
    days: z.array(z.coerce.number().int().min(0).max(6)).default([]),
    opens: z.union([clock, z.literal('')]).default(''),
    closes: z.union([clock, z.literal('')]).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'video' && !v.meetingUrl) ctx.addIssue({ code: 'custom', path: ['meetingUrl'], message: 'A video room needs its meeting link.' });
    if (v.kind !== 'video' && !v.addressLine) ctx.addIssue({ code: 'custom', path: ['addressLine'], message: 'Enter the street address.' });
    if (v.kind !== 'video' && v.days.length === 0) ctx.addIssue({ code: 'custom', path: ['days'], message: 'Pick the days it is open.' });
    if (v.days.length && (!v.opens || !v.closes)) ctx.addIssue({ code: 'custom', path: ['opens'], message: 'Enter opening and closing times.' });
    if (v.opens && v.closes && toMin(v.closes) <= toMin(v.opens)) ctx.addIssue({ code: 'custom', path: ['closes'], message: 'Closing must be after opening.' });
  });

export async function createVenue(db: Db, actor: Actor, input: z.input<typeof venueSchema>) {
  if (actor.role !== 'coordinator') throw new ForbiddenError();
  const v = venueSchema.parse(input);
  const hours = v.days.length && v.opens && v.closes ? v.days.map((weekday) => ({ weekday, start: toMin(v.opens), end: toMin(v.closes) })) : [];
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(venues)
      .values({
        jurisdictionId: actor.jurisdictionId,
        name: v.name,
        kind: v.kind,
        room: v.room,
        addressLine: v.kind === 'video' ? null : v.addressLine,
        zip: v.zip || null,
        capacity: v.capacity,
        accessible: v.kind === 'video' ? true : v.accessible,
        accessibilityNotes: v.accessibilityNotes,
        meetingUrl: v.kind === 'video' ? v.meetingUrl : null,
        hours,
      })
      .returning({ id: venues.id });
    await writeAudit(tx, actor, { action: 'venue.create', entityType: 'venue', entityId: row.id, details: { name: v.name, kind: v.kind } });
    return row;
  });
}

export async function setVenueActive(db: Db, actor: Actor, input: { venueId: string; active: boolean }) {
  if (actor.role !== 'coordinator') throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(venues)
      .set({ active: input.active, version: sql`${venues.version} + 1` })
      .where(and(eq(venues.id, input.venueId), eq(venues.jurisdictionId, actor.jurisdictionId)))
      .returning({ id: venues.id });
    if (!row) throw new NotFoundError('That venue');
    await writeAudit(tx, actor, { action: 'venue.active', entityType: 'venue', entityId: row.id, details: { active: input.active } });
    return row;
  });
}
