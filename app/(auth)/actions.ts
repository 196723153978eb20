'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { confirmTotpEnrollment } from '@/db/queries/account-security';
import { writeAudit } from '@/db/queries/audit';
import { setMyLanguage } from '@/db/queries/portal';
import { revokeSession } from '@/db/queries/sessions';
import { findUserById } from '@/db/queries/users';
import { formValues, type ActionResult } from '@/lib/actions';
import { actorFromUser } from '@/lib/auth/actor';
import { signPending, verifyPending, type PendingSignIn } from '@/lib/auth/pending';
import { clearPendingCookie, clearSessionCookie, clientIp, getActor, readPendingCookie, setPendingCookie, startSession } from '@/lib/auth/session';
import { completeSignIn, verifyCredentials, verifySecondFactor } from '@/lib/auth/sign-in';
import { recordSignInFailure } from '@/lib/http/sign-in-limit';
import { LOCALE_COOKIE } from '@/lib/i18n/config';
import { roleHome } from '@/lib/permissions';

/** Only same-site paths: an open redirect after sign-in is a phishing gift. */
function safeCallback(raw: unknown): string | null {
  return typeof raw === 'string' && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') && raw.length <= 2000 ? raw : null;
}

/** Step one: email and password. */
export async function signInAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const t = await getTranslations('signIn');
  const values = formValues(formData);
  delete values.password; // never echo a password back into the page
  const parsed = z
    .object({
      email: z.string().trim().max(254).pipe(z.email({ error: t('emailInvalid') })),
      password: z.string().min(1, { error: t('passwordRequired') }).max(1024),
    })
    .safeParse({ email: formData.get('email') ?? '', password: formData.get('password') ?? '' });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fieldErrors[String(i.path[0])] ??= []).push(i.message);
    return { ok: false, message: t('fixFields'), fieldErrors, values };
  }
  const ip = await clientIp();
  const result = await verifyCredentials(await getDb(), parsed.data.email, parsed.data.password, ip);
  if (!result.ok) {
    await recordSignInFailure(ip);
    return { ok: false, message: t('failed'), fieldErrors: {}, values };
  }
  const u = result.user;
  const cb = safeCallback(formData.get('callbackUrl'));
  if (result.secondFactor === 'none') {
    await startSession(u);
    redirect(cb ?? roleHome[u.role]);
  }
  await setPendingCookie(signPending({ uid: u.id, sv: u.sessionVersion, step: result.secondFactor, cb }));
  redirect(result.secondFactor === 'totp' ? '/sign-in/verify' : '/sign-in/enroll');
}

/** The user behind a valid hand-over token for this step, or null (expired, tampered, account changed). */
async function pendingUser(step: PendingSignIn['step']) {
  const pending = verifyPending(await readPendingCookie());
  if (!pending || pending.step !== step) return null;
  const user = await findUserById(await getDb(), pending.uid);
  if (!user || !user.active || user.sessionVersion !== pending.sv) return null;
  return { pending, user };
}

const codeSchema = z.object({ code: z.string().trim().min(1).max(40) });

/** Step two: a code from the authenticator app, or a recovery code. */
export async function verifyCodeAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const t = await getTranslations('security');
  const found = await pendingUser('totp');
  if (!found) return { ok: false, message: t('pendingExpired'), fieldErrors: {} };
  const parsed = codeSchema.safeParse({ code: formData.get('code') ?? '' });
  if (!parsed.success) return { ok: false, message: t('fixFields'), fieldErrors: { code: [t('codeRequired')] } };
  const ip = await clientIp();
  const result = await verifySecondFactor(await getDb(), found.user, parsed.data.code, ip);
  if (!result.ok) {
    await recordSignInFailure(ip);
    return { ok: false, message: t('codeFailed'), fieldErrors: {} };
  }
  await clearPendingCookie();
  await startSession(found.user);
  redirect(found.pending.cb ?? roleHome[found.user.role]);
}

/**
 * First sign-in of a role that must use a second factor: confirm the new authenticator with a
 * code, then the session starts and the recovery codes are shown once.
 */
export async function enrollAtSignInAction(_prev: ActionResult<{ codes: string[]; next: string }> | null, formData: FormData): Promise<ActionResult<{ codes: string[]; next: string }>> {
  const t = await getTranslations('security');
  const found = await pendingUser('enroll');
  if (!found) return { ok: false, message: t('pendingExpired'), fieldErrors: {} };
  const parsed = codeSchema.safeParse({ code: formData.get('code') ?? '' });
  if (!parsed.success) return { ok: false, message: t('fixFields'), fieldErrors: { code: [t('codeRequired')] } };
  const ip = await clientIp();
  const db = await getDb();
  const codes = await confirmTotpEnrollment(db, actorFromUser(found.user, ip), parsed.data.code);
  if (!codes) return { ok: false, message: t('enrollCodeFailed'), fieldErrors: {} };
  await completeSignIn(db, found.user, ip, { method: 'password', secondFactor: 'totp_enrolled' });
  await clearPendingCookie();
  await startSession(found.user);
  return { ok: true, data: { codes, next: found.pending.cb ?? roleHome[found.user.role] } };
}

export async function signOutAction(): Promise<void> {
  const actor = await getActor();
  if (actor) {
    const db = await getDb();
    if (actor.session) await revokeSession(db, actor.session.id, 'sign_out');
    await writeAudit(db, actor, { action: 'auth.sign_out', entityType: 'session', entityId: actor.session?.id });
  }
  await clearSessionCookie();
  redirect('/sign-in?signedOut=1');
}

export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get('locale') === 'es' ? 'es' : 'en';
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
  // Signed in: remember it on the account (and a participant's record, which notices use), so the
  // next sign-in and every message come in this language.
  const actor = await getActor();
  if (actor && actor.locale !== locale) await setMyLanguage(await getDb(), actor, { locale });
  redirect(safeCallback(formData.get('returnTo')) ?? '/');
}
