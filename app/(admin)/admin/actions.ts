'use server';

import { revalidatePath } from 'next/cache';
import { adminEndSessions, adminResetPassword, adminResetTwoFactor, adminUserSchema, setUserActive, setUserActiveSchema, setUserRole, setUserRoleSchema } from '@/db/queries/users';
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

export const setUserRoleAction = defineAction({
  schema: setUserRoleSchema,
  permission: 'user.manage',
  run: async ({ db, actor }, input) => {
    const result = await setUserRole(db, actor, input);
    revalidatePath(`/admin/users/${input.userId}`);
    return result;
  },
});

export const resetPasswordAction = defineAction({
  schema: adminUserSchema,
  permission: 'user.manage',
  run: async ({ db, actor }, input) => adminResetPassword(db, actor, input),
});

export const resetTwoFactorAction = defineAction({
  schema: adminUserSchema,
  permission: 'user.manage',
  run: async ({ db, actor }, input) => {
    const result = await adminResetTwoFactor(db, actor, input);
    revalidatePath(`/admin/users/${input.userId}`);
    return result;
  },
});

export const endSessionsAction = defineAction({
  schema: adminUserSchema,
  permission: 'user.manage',
  run: async ({ db, actor }, input) => adminEndSessions(db, actor, input),
});
