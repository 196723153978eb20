'use server';

import { revalidatePath } from 'next/cache';
import { transitionCase, transitionCaseSchema } from '@/db/queries/cases';
import { defineAction } from '@/lib/actions';

export const transitionCaseAction = defineAction({
  schema: transitionCaseSchema,
  permission: 'case.transition',
  run: async ({ db, actor }, input) => {
    const result = await transitionCase(db, actor, input);
    revalidatePath(`/cases/${input.caseId}`);
    return { version: result.version };
  },
});
