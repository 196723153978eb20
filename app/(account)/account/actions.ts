'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { changePassword, confirmTotpEnrollment, PasswordChangeError, regenerateRecoveryCodes } from '@/db/queries/account-security';
import { writeAudit } from '@/db/queries/audit';
import { endAllSessions, touchSession } from '@/db/queries/sessions';
import { findUserById } from '@/db/queries/users';
import { defineAction, errorResult, formValues, keptValues, type ActionResult } from '@/lib/actions';
import { clearSessionCookie, getActor, startSession } from '@/lib/auth/session';
import { getDb } from '@/db/client';
import { RuleError } from '@/lib/errors';

/**
 * Change one's own password. Every session of the account ends (sessionVersion moves on); this
 * browser gets a fresh session so the person stays signed in here only.
 */
export async function changePasswordAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const t = await getTranslations('account');
  const input = formValues(formData);
  const values = keptValues(input);
  const actor = await getActor();
  if (!actor) return { ok: false, message: t('sessionEnded'), fieldErrors: {}, values };
  const fields = { currentPassword: input.currentPassword ?? '', newPassword: input.newPassword ?? '', confirmPassword: input.confirmPassword ?? '' };
  const required: Record<string, string[]> = {};
  if (!fields.currentPassword) required.currentPassword = [t('password.problems.currentRequired')];
  if (!fields.newPassword) required.newPassword = [t('password.problems.newRequired')];
  if (Object.keys(required).length) return { ok: false, message: t('fixFields'), fieldErrors: required, values };
  const db = await getDb();
  try {
    await changePassword(db, actor, fields);
  } catch (err) {
    if (err instanceof PasswordChangeError) {
      const fieldErrors = Object.fromEntries(Object.entries(err.problems).map(([field, codes]) => [field, (codes ?? []).map((c) => t(`password.problems.${c}`))]));
      return { ok: false, message: t('fixFields'), fieldErrors, values };
    }
    return errorResult(err, values);
  }
  const user = await findUserById(db, actor.userId);
  if (user) await startSession(user);
  else await clearSessionCookie();
  redirect('/account?changed=password');
}

/** End every session of one's own account, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const actor = await getActor();
  if (actor) {
    const db = await getDb();
    await db.transaction(async (tx) => {
      await endAllSessions(tx, actor.userId, 'sign_out_everywhere');
      await writeAudit(tx, actor, { action: 'auth.sign_out_everywhere', entityType: 'user', entityId: actor.userId });
    });
  }
  await clearSessionCookie();
  redirect('/sign-in?signedOut=everywhere');
}

export const confirmTotpAction = defineAction({
  schema: z.object({ code: z.string().trim().min(1).max(20) }),
  permission: 'account.manageOwn',
  run: async ({ db, actor }, input) => {
    const codes = await confirmTotpEnrollment(db, actor, input.code);
    if (!codes) throw new RuleError((await getTranslations('security'))('enrollCodeFailed'), { code: [(await getTranslations('security'))('enrollCodeFailed')] });
    revalidatePath('/account');
    return { codes };
  },
});

export const regenerateRecoveryCodesAction = defineAction({
  schema: z.object({}),
  permission: 'account.manageOwn',
  run: async ({ db, actor }) => ({ codes: await regenerateRecoveryCodes(db, actor) }),
});

/** "Stay signed in" on the idle warning: counts as activity and returns the new end times. */
export const staySignedInAction = defineAction({
  schema: z.object({}),
  permission: 'account.manageOwn',
  run: async ({ db, actor }) => {
    const times = await touchSession(db, actor);
    if (!times) throw new RuleError((await getTranslations('account'))('sessionEnded'));
    return { idleExpiresAt: times.idleExpiresAt.getTime(), absoluteExpiresAt: times.absoluteExpiresAt.getTime() };
  },
});
