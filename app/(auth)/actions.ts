'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { formValues, type ActionResult } from '@/lib/actions';
import { getActor, clearSessionCookie, issueSessionCookie } from '@/lib/auth/session';
import { verifyCredentials } from '@/lib/auth/sign-in';
import { LOCALE_COOKIE } from '@/lib/i18n/config';
import { roleHome } from '@/lib/permissions';
import { headers } from 'next/headers';

/** Only same-site paths: an open redirect after sign-in is a phishing gift. */
function safeCallback(raw: unknown): string | null {
  return typeof raw === 'string' && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : null;
}

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
  const h = await headers();
  const ip = h.get('x-forwarded-for')?.split(',')[0]?.trim() || null;
  const result = await verifyCredentials(await getDb(), parsed.data.email, parsed.data.password, ip);
  if (!result.ok) return { ok: false, message: t('failed'), fieldErrors: {}, values };
  const u = result.user;
  await issueSessionCookie({ sub: u.id, role: u.role, jid: u.jurisdictionId, sv: u.sessionVersion });
  (await cookies()).set(LOCALE_COOKIE, u.locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
  redirect(safeCallback(formData.get('callbackUrl')) ?? roleHome[u.role]);
}

export async function signOutAction(): Promise<void> {
  const actor = await getActor();
  if (actor) await writeAudit(await getDb(), actor, { action: 'auth.sign_out' });
  await clearSessionCookie();
  redirect('/sign-in?signedOut=1');
}

export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get('locale') === 'es' ? 'es' : 'en';
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
  redirect(safeCallback(formData.get('returnTo')) ?? '/');
}
