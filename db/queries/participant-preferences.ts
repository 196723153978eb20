import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { cases, participantHearingPreferences } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { caseScope } from './case-scope';

/** Preset windows a person can say out loud ("weekday evenings", "Saturday mornings"). */
export const preferencePresets = {
  weekdayEvenings: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: 17 * 60, end: 21 * 60 })),
  weekdayDaytime: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: 9 * 60, end: 17 * 60 })),
  saturdays: [{ weekday: 6, start: 9 * 60, end: 17 * 60 }],
  sundays: [{ weekday: 0, start: 12 * 60, end: 18 * 60 }],
} as const;
export type PreferencePreset = keyof typeof preferencePresets;

const bool = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false);

export const participantPreferencesSchema = z
  .object({
    caseId: z.uuid(),
    version: z.coerce.number().int().min(0),
    presets: z.array(z.enum(Object.keys(preferencePresets) as [PreferencePreset, ...PreferencePreset[]])).default([]),
    /** Extra specific windows, "weekday HH:MM-HH:MM" e.g. "2 18:00-20:00". */
    extra: z.string().trim().max(500).default(''),
    videoOk: bool,
    inPersonOk: bool,
    needsAccessibleVenue: bool,
    childcareNeeded: bool,
    transportNeeded: bool,
    notes: z.string().trim().max(1000).default(''),
  })
  .transform((v, ctx) => {
    const windows: { weekday: number; start: number; end: number }[] = v.presets.flatMap((p) => preferencePresets[p].map((w) => ({ ...w })));
    for (const line of v.extra.split(/[\n;]+/).map((s) => s.trim()).filter(Boolean)) {
      const m = /^([0-6])\s+(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$/.exec(line);
      const start = m ? Number(m[2]) * 60 + Number(m[3]) : 0;
      const end = m ? Number(m[4]) * 60 + Number(m[5]) : 0;
      if (!m || end <= start || end > 1440) {
        ctx.addIssue({ code: 'custom', path: ['extra'], message: `“${line}” is not a window like “2 18:00-20:00” (day 0 = Sunday).` });
        continue;
      }
      windows.push({ weekday: Number(m[1]), start, end });
    }
    if (!v.videoOk && !v.inPersonOk) ctx.addIssue({ code: 'custom', path: ['inPersonOk'], message: 'Choose in person, video, or both.' });
    return { ...v, windows };
  });

export async function getParticipantPreferences(db: Db, actor: Actor, caseId: string) {
  if (!z.uuid().safeParse(caseId).success) throw new NotFoundError('That case');
  const [c] = await db.select({ participantId: cases.participantId }).from(cases).where(and(eq(cases.id, caseId), caseScope(actor)));
  if (!c) throw new NotFoundError('That case');
  const [p] = await db.select().from(participantHearingPreferences).where(eq(participantHearingPreferences.participantId, c.participantId));
  return p ?? null;
}

/** The coordinator records what the participant said about when and how they can come. */
export async function saveParticipantPreferences(db: Db, actor: Actor, input: z.input<typeof participantPreferencesSchema>) {
  if (actor.role !== 'coordinator') throw new ForbiddenError();
  const v = participantPreferencesSchema.parse(input);
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ participantId: cases.participantId, jurisdictionId: cases.jurisdictionId }).from(cases).where(and(eq(cases.id, v.caseId), caseScope(actor)));
    if (!c) throw new NotFoundError('That case');
    const fields = { windows: v.windows, videoOk: v.videoOk, inPersonOk: v.inPersonOk, needsAccessibleVenue: v.needsAccessibleVenue, childcareNeeded: v.childcareNeeded, transportNeeded: v.transportNeeded, notes: v.notes, updatedByUserId: actor.userId, updatedAt: new Date() };
    if (v.version === 0) {
      const ins = await tx.insert(participantHearingPreferences).values({ participantId: c.participantId, jurisdictionId: c.jurisdictionId, ...fields }).onConflictDoNothing().returning({ version: participantHearingPreferences.version });
      if (!ins.length) throw new ConflictError();
    } else {
      const upd = await tx
        .update(participantHearingPreferences)
        .set({ ...fields, version: sql`${participantHearingPreferences.version} + 1` })
        .where(and(eq(participantHearingPreferences.participantId, c.participantId), eq(participantHearingPreferences.version, v.version)))
        .returning({ version: participantHearingPreferences.version });
      if (!upd.length) throw new ConflictError();
    }
    await writeAudit(tx, actor, { action: 'participant.preferences', entityType: 'case', entityId: v.caseId, details: { windows: v.windows.length } });
    return { ok: true };
  });
}
