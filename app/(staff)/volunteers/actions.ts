'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { importVolunteersCsv, saveVolunteerProfile, volunteerProfileSchema } from '@/db/queries/volunteers';
import { defineAction } from '@/lib/actions';

export const importVolunteersAction = defineAction({
  schema: z.object({ csv: z.string().min(1, 'Paste the CSV or choose a file.').max(1_000_000), mode: z.enum(['check', 'import']).default('check') }),
  permission: 'volunteer.manage',
  run: async ({ db, actor }, { csv, mode }) => {
    const r = await importVolunteersCsv(db, actor, csv, { dryRun: mode === 'check' });
    if (!r.dryRun && r.errors.length === 0) revalidatePath('/volunteers');
    return r;
  },
});

export const saveVolunteerProfileAction = defineAction({
  // The data function parses (and reports every field); the form posts strings.
  schema: z.record(z.string(), z.string()),
  permission: 'volunteer.manage',
  run: async ({ db, actor }, input) => {
    const r = await saveVolunteerProfile(db, actor, input as unknown as z.input<typeof volunteerProfileSchema>);
    revalidatePath('/volunteers');
    revalidatePath(`/volunteers/${input.userId}`);
    return r;
  },
});
