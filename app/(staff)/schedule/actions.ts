'use server';

import { revalidatePath } from 'next/cache';
import { completeTask, completeTaskSchema } from '@/db/queries/tasks';
import { defineAction } from '@/lib/actions';

export const completeTaskAction = defineAction({
  schema: completeTaskSchema,
  permission: 'task.manage',
  run: async ({ db, actor }, input) => {
    const r = await completeTask(db, actor, input);
    revalidatePath('/schedule');
    return r;
  },
});
