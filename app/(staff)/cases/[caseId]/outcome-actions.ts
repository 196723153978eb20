'use server';

import { revalidatePath } from 'next/cache';
import { closeCase, closeCaseSchema } from '@/db/queries/case-closures';
import { defineAction } from '@/lib/actions';

export const closeCaseAction = defineAction({
  schema: closeCaseSchema,
  permission: 'case.close',
  run: async ({ db, actor }, input) => {
    const result = await closeCase(db, actor, input);
    revalidatePath(`/cases/${input.caseId}`);
    return { version: result.version };
  },
});
