'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addAvailabilityException, availabilityExceptionSchema, declareConflict, declareConflictSchema, removeAvailabilityException, setMyWeeklyAvailability } from '@/db/queries/volunteers';
import { defineAction } from '@/lib/actions';

const clock = /^(\d{2}):(\d{2})$/;
const toMin = (s: string) => {
  const m = clock.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

/** Fields d<weekday>_<slot>_start / _end ("" = no window); every bad pair gets its own error. */
const weeklyFormSchema = z.record(z.string(), z.string()).transform((v, ctx) => {
  const windows: { weekday: number; start: number; end: number }[] = [];
  for (let d = 0; d < 7; d++) {
    for (let k = 0; k < 2; k++) {
      const s = (v[`d${d}_${k}_start`] ?? '').trim();
      const e = (v[`d${d}_${k}_end`] ?? '').trim();
      if (!s && !e) continue;
      const start = toMin(s);
      const end = e === '00:00' ? 1440 : toMin(e);
      if (start === null) ctx.addIssue({ code: 'custom', path: [`d${d}_${k}_start`], message: 'Enter a start time.' });
      if (end === null) ctx.addIssue({ code: 'custom', path: [`d${d}_${k}_end`], message: 'Enter an end time.' });
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
