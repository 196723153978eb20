'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createVenue, setVenueActive, venueSchema } from '@/db/queries/venues';
import { defineAction } from '@/lib/actions';

/** Day checkboxes arrive as day_<0-6>=on. */
const venueFormSchema = z.record(z.string(), z.string()).transform((v) => ({
  ...v,
  days: [0, 1, 2, 3, 4, 5, 6].filter((d) => v[`day_${d}`] === 'on'),
}));

export const createVenueAction = defineAction({
  schema: venueFormSchema,
  permission: 'venue.manage',
  run: async ({ db, actor }, input) => {
    const r = await createVenue(db, actor, input as z.input<typeof venueSchema>);
    revalidatePath('/venues');
    return r;
  },
});

export const setVenueActiveAction = defineAction({
  schema: z.object({ venueId: z.uuid(), active: z.enum(['true', 'false']).transform((v) => v === 'true') }),
  permission: 'venue.manage',
  run: async ({ db, actor }, input) => {
    const r = await setVenueActive(db, actor, input);
    revalidatePath('/venues');
    return r;
  },
});
