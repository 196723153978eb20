'use server';

import { revalidatePath } from 'next/cache';
import { attestSchema, attestTreatmentStatus } from '@/db/queries/treatment';
import { defineAction } from '@/lib/actions';

/** The liaison updates the status of a referral to their own organisation (scope in the data layer). */
export const attestTreatmentAction = defineAction({
  schema: attestSchema,
  permission: 'treatment.attest',
  run: async ({ db, actor }, input) => {
    const r = await attestTreatmentStatus(db, actor, input);
    revalidatePath('/provider');
    return { id: r.id, version: r.version };
  },
});
