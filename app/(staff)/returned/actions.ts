'use server';

import { revalidatePath } from 'next/cache';
import { finalActionSchema, recordFinalAction } from '@/db/queries/case-closures';
import { defineAction } from '@/lib/actions';

export const recordFinalActionAction = defineAction({
  schema: finalActionSchema,
  permission: 'case.finalAction',
  run: async ({ db, actor }, input) => {
    const result = await recordFinalAction(db, actor, input);
    revalidatePath('/returned');
    revalidatePath(`/cases/${input.caseId}`);
    return { version: result.version };
  },
});
