'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { cancelHearing, cancelHearingSchema, dispositionSchema, recordDisposition, runSheetSchema, saveRunSheet } from '@/db/queries/hearings';
import { defineAction } from '@/lib/actions';

function revalidateHearing(hearingId: string) {
  revalidatePath(`/hearings/${hearingId}`);
  revalidatePath(`/board/hearings/${hearingId}`);
  revalidatePath('/board/hearings');
  revalidatePath('/schedule');
}

export const recordDispositionAction = defineAction({
  schema: dispositionSchema,
  permission: 'hearing.record',
  run: async ({ db, actor }, input) => {
    const r = await recordDisposition(db, actor, input);
    revalidateHearing(input.hearingId);
    return r;
  },
});

export const cancelHearingAction = defineAction({
  schema: cancelHearingSchema,
  permission: 'hearing.schedule',
  run: async ({ db, actor }, input) => {
    const r = await cancelHearing(db, actor, input);
    revalidateHearing(input.hearingId);
    return r;
  },
});

/** Attendance arrives as attendance_<seatId>=present|absent|late|unknown. */
const runSheetFormSchema = z.record(z.string(), z.string()).transform((v) => runSheetSchema.parse({
  hearingId: v.hearingId,
  version: v.version,
  agenda: v.agenda,
  notes: v.notes,
  attendance: Object.fromEntries(Object.entries(v).filter(([k]) => k.startsWith('attendance_')).map(([k, val]) => [k.slice('attendance_'.length), val])),
}));

export const saveRunSheetAction = defineAction({
  schema: runSheetFormSchema,
  permission: 'hearing.record',
  run: async ({ db, actor }, input) => {
    const r = await saveRunSheet(db, actor, input);
    revalidateHearing(input.hearingId);
    return r;
  },
});
