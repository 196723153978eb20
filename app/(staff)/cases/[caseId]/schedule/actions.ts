'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { presentProposals, type ProposalView } from '@/components/scheduling/present';
import { bookHearing, bookHearingSchema, rescheduleHearing, rescheduleHearingSchema, SlotTakenWithOptions } from '@/db/queries/hearings';
import { saveParticipantPreferences, participantPreferencesSchema } from '@/db/queries/participant-preferences';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { reviewConflict, reviewConflictSchema } from '@/db/queries/volunteers';
import { defineAction } from '@/lib/actions';
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/db/types';

export type BookingResult = { status: 'booked'; hearingId: string } | { status: 'taken'; message: string; proposals: ProposalView[] };

async function taken(db: Db, actor: Actor, err: SlotTakenWithOptions): Promise<BookingResult> {
  const t = await getTranslations('scheduling');
  const j = await getMyJurisdiction(db, actor);
  return { status: 'taken', message: t('taken'), proposals: await presentProposals(err.proposals, j.timeZone) };
}

function revalidateCase(caseId: string) {
  revalidatePath(`/cases/${caseId}`);
  revalidatePath(`/cases/${caseId}/schedule`);
  revalidatePath(`/board/cases/${caseId}`);
  revalidatePath('/schedule');
}

export const bookHearingAction = defineAction({
  schema: bookHearingSchema,
  permission: 'hearing.schedule',
  run: async ({ db, actor }, input): Promise<BookingResult> => {
    try {
      const r = await bookHearing(db, actor, { ...input, proposal: encode(input.proposal) });
      revalidateCase(input.caseId);
      return { status: 'booked', hearingId: r.hearingId };
    } catch (err) {
      if (err instanceof SlotTakenWithOptions) return taken(db, actor, err);
      throw err;
    }
  },
});

export const rescheduleHearingAction = defineAction({
  schema: rescheduleHearingSchema.extend({ caseId: z.uuid() }),
  permission: 'hearing.schedule',
  run: async ({ db, actor }, input): Promise<BookingResult> => {
    try {
      const r = await rescheduleHearing(db, actor, { ...input, proposal: encode(input.proposal) });
      revalidateCase(input.caseId);
      revalidatePath(`/hearings/${input.hearingId}`);
      return { status: 'booked', hearingId: r.hearingId };
    } catch (err) {
      if (err instanceof SlotTakenWithOptions) return taken(db, actor, err);
      throw err;
    }
  },
});

/** The schemas parse the token into a choice; the data functions take the raw token again. */
function encode(c: { startsAt: Date; venueId: string; chairId: string; memberIds: string[]; alternateId: string | null }): string {
  return [Math.floor(c.startsAt.getTime() / 60_000), c.venueId, c.chairId, c.memberIds.join(','), c.alternateId ?? ''].join('|');
}

const presetNames = ['weekdayEvenings', 'weekdayDaytime', 'saturdays', 'sundays'] as const;
/** Checkboxes arrive as preset_<name>=on; the data layer wants a list. */
const preferencesFormSchema = z.record(z.string(), z.string()).transform((v) => ({
  ...v,
  presets: presetNames.filter((p) => v[`preset_${p}`] === 'on'),
}));

export const savePreferencesAction = defineAction({
  schema: preferencesFormSchema,
  permission: 'participant.preferences',
  run: async ({ db, actor }, input) => {
    const parsed = participantPreferencesSchema.parse(input);
    await saveParticipantPreferences(db, actor, { ...parsed, presets: parsed.presets, extra: parsed.extra });
    revalidateCase(parsed.caseId);
    return { ok: true };
  },
});

export const reviewConflictAction = defineAction({
  schema: reviewConflictSchema,
  permission: 'conflict.review',
  run: async ({ db, actor }, input) => {
    await reviewConflict(db, actor, input);
    revalidateCase(input.caseId);
    return { ok: true };
  },
});

