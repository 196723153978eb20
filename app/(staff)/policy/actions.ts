'use server';

import { revalidatePath } from 'next/cache';
import { createPolicyVersion, policyFormSchema, policyFormToInput } from '@/db/queries/screening';
import { defineAction } from '@/lib/actions';

export const createPolicyVersionAction = defineAction({
  schema: policyFormSchema,
  permission: 'policy.manage',
  run: async ({ db, actor }, input) => {
    const row = await createPolicyVersion(db, actor, policyFormToInput(input));
    revalidatePath('/policy');
    return { version: row.version };
  },
});
