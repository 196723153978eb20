'use server';

import { revalidatePath } from 'next/cache';
import { setUserActive, setUserActiveSchema } from '@/db/queries/users';
import { defineAction } from '@/lib/actions';

export const setUserActiveAction = defineAction({
  schema: setUserActiveSchema,
  permission: 'user.manage',
  run: async ({ db, actor }, input) => {
    const result = await setUserActive(db, actor, { userId: input.userId, active: input.active ? 'true' : 'false' });
    revalidatePath('/admin');
    return result;
  },
});

/** Plain form variant (no client JS): the result is shown by the page re-rendering. */
export async function toggleUserActiveFormAction(formData: FormData): Promise<void> {
  await setUserActiveAction(null, formData);
}
