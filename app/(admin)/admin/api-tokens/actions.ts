'use server';

import { revalidatePath } from 'next/cache';
import { createApiToken, createApiTokenSchema, revokeApiToken, revokeApiTokenSchema } from '@/db/queries/api-tokens';
import { defineAction } from '@/lib/actions';

export const createApiTokenAction = defineAction({
  schema: createApiTokenSchema,
  permission: 'apiToken.manage',
  run: async ({ db, actor }, input) => {
    const created = await createApiToken(db, actor, input);
    revalidatePath('/admin/api-tokens');
    // The only time the token is ever sent to a browser.
    return { name: created.name, token: created.token };
  },
});

export const revokeApiTokenAction = defineAction({
  schema: revokeApiTokenSchema,
  permission: 'apiToken.manage',
  run: async ({ db, actor }, input) => {
    const r = await revokeApiToken(db, actor, input);
    revalidatePath('/admin/api-tokens');
    return r;
  },
});

/** Plain form variant (no client JS needed). */
export async function revokeApiTokenFormAction(fd: FormData): Promise<void> {
  await revokeApiTokenAction(null, fd);
}
