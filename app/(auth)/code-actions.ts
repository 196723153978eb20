'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { redeemSignInToken, redeemTokenSchema, requestCodeSchema, requestSignInCode, verifyCodeSchema, verifySignInCode } from '@/db/queries/sign-in-codes';
import { formValues, type ActionResult } from '@/lib/actions';
import { clientIp, startSession } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { takeCodeRequest } from '@/lib/http/code-request-limit';
import { recordSignInFailure } from '@/lib/http/sign-in-limit';

export type CodeRequestData = { contact: string; demoCode?: string };

/**
 * Step one of password-less sign-in: "send me a code". The answer is the same whether or not the
 * email or number belongs to someone in the program. In demo mode the code is also shown on the
 * page, so the demo participant and the browser tests can sign in without a phone.
 */
export async function requestCodeAction(_prev: ActionResult<CodeRequestData> | null, formData: FormData): Promise<ActionResult<CodeRequestData>> {
  const t = await getTranslations('portalSignIn');
  const values = formValues(formData);
  const parsed = requestCodeSchema.safeParse({ contact: formData.get('contact') ?? '' });
  if (!parsed.success) return { ok: false, message: t('fixFields'), fieldErrors: { contact: [t('contactInvalid')] }, values };
  const ip = await clientIp();
  if (!(await takeCodeRequest(ip))) return { ok: false, message: t('tooManyRequests'), fieldErrors: {}, values };
  const r = await requestSignInCode(await getDb(), { contact: parsed.data.contact, ip });
  if (!r.sent && r.reason === 'rate_limited') return { ok: false, message: t('tooManyRequests'), fieldErrors: {}, values };
  return { ok: true, data: { contact: parsed.data.contact, ...(env.demoMode && r.code ? { demoCode: r.code } : {}) } };
}

/** Step two: the 6-digit code. One message for every failure; each failure also counts against the address. */
export async function verifyOneTimeCodeAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const t = await getTranslations('portalSignIn');
  const values = { contact: String(formData.get('contact') ?? '') };
  const parsed = verifyCodeSchema.safeParse({ contact: formData.get('contact') ?? '', code: String(formData.get('code') ?? '').replace(/\s/g, '') });
  if (!parsed.success) return { ok: false, message: t('fixFields'), fieldErrors: { code: [t('codeShape')] }, values };
  const ip = await clientIp();
  const r = await verifySignInCode(await getDb(), { ...parsed.data, ip });
  if (!r.ok) {
    await recordSignInFailure(ip);
    return { ok: false, message: t('codeFailed'), fieldErrors: {}, values };
  }
  await startSession(r.user);
  redirect('/portal');
}

/** An invitation link's token (hidden field) or a code from a printed letter (typed). */
export async function redeemTokenAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const t = await getTranslations('portalSignIn');
  const kind = formData.get('kind') === 'letter' ? 'letter' : 'invite';
  const parsed = redeemTokenSchema.safeParse({ token: formData.get('token') ?? '' });
  if (!parsed.success) return { ok: false, message: t('fixFields'), fieldErrors: { token: [t('letterShape')] }, values: {} };
  const ip = await clientIp();
  const r = await redeemSignInToken(await getDb(), { token: parsed.data.token, kind, ip });
  if (!r.ok) {
    await recordSignInFailure(ip);
    return { ok: false, message: kind === 'letter' ? t('letterFailed') : t('inviteFailed'), fieldErrors: {}, values: {} };
  }
  await startSession(r.user);
  redirect('/portal');
}
