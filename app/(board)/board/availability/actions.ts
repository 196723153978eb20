'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addAvailabilityException, availabilityExceptionSchema, declareConflict, declareConflictSchema, removeAvailabilityException, setMyWeeklyAvailability } from '@/db/queries/volunteers';
import { defineAction } from '@/lib/actions';
import { parseClock } from '@/lib/domain/local-time';


/** Fields d<weekday>_<slot>_start / _end ("" = no window); every bad pair gets its own error. */
const weeklyFormSchema = z.record(z.string(), z.string()).transform((v, ctx) => {
  const windows: { weekday: number; start: number; end: number }[] = [];
  for (let d = 0; d < 7; d++) {
    for (let k = 0; k < 2; k++) {
      const s = (v[`d${d}_${k}_start`] ?? '').trim();
      const e = (v[`d${d}_${k}_end`] ?? '').trim();
      if (!s && !e) continue;
      const start = s ? parseClock(s) : null;
      // Midnight as an end is the end of the day.
      const end = e === '00:00' ? 1440 : e ? parseClock(e) : null;
      const problem = (typed: string, what: string) => (typed ? 'Enter a time between 00:00 and 24:00.' : `Enter ${what} time.`);
      if (start === null) ctx.addIssue({ code: 'custom', path: [`d${d}_${k}_start`], message: problem(s, 'a start') });
      if (end === null) ctx.addIssue({ code: 'custom', path: [`d${d}_${k}_end`], message: problem(e, 'an end') });
      if (start !== null && end !== null) {
        if (end <= start) ctx.addIssue({ code: 'custom', path: [`d${d}_${k}_end`], message: 'End after the start time.' });
        else windows.push({ weekday: d, start, end });
      }
    }
  }
  return { windows };
});

export const setWeeklyAvailabilityAction = defineAction({
  schema: weeklyFormSchema,
  permission: 'availability.manageOwn',
  run: async ({ db, actor }, input) => {
    const r = await setMyWeeklyAvailability(db, actor, input);
    revalidatePath('/board/availability');
    return r;
  },
});

export const addExceptionAction = defineAction({
  schema: availabilityExceptionSchema,
  permission: 'availability.manageOwn',
  run: async ({ db, actor }, input) => {
    const r = await addAvailabilityException(db, actor, { ...input, allDay: input.allDay, start: input.start, end: input.end });
    revalidatePath('/board/availability');
    return r;
  },
});

export const removeExceptionAction = defineAction({
  schema: z.object({ id: z.uuid() }),
  permission: 'availability.manageOwn',
  run: async ({ db, actor }, { id }) => {
    await removeAvailabilityException(db, actor, id);
    revalidatePath('/board/availability');
    return { ok: true };
  },
});

export const declareConflictAction = defineAction({
  schema: declareConflictSchema,
  permission: 'conflict.declare',
  run: async ({ db, actor }, input) => {
    await declareConflict(db, actor, input);
    revalidatePath(`/board/cases/${input.caseId}`);
    return { ok: true };
  },
});
