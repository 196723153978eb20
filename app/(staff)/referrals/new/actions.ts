'use server';

import { redirect } from 'next/navigation';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { createReferral, ParticipantMatchRequired, type ParticipantMatch } from '@/db/queries/referrals';
import { errorResult, formValues, type ActionResult } from '@/lib/actions';
import { getActor } from '@/lib/auth/session';
import { InvalidInputError } from '@/lib/errors';
import { formFieldErrors, formToReferralInput } from '@/lib/intake/form';
import { can } from '@/lib/permissions';

export type ReferralFormResult = ActionResult<{ matches: ParticipantMatch[]; values: Record<string, string> }>;

/**
 * The referral form. Not defineAction: the form posts several `charges` values and a person-match
 * step. Same order of checks: session → permission → parse (all field errors) → createReferral.
 * Success goes to the case page, where the screening decision is shown.
 */
export async function createReferralAction(_prev: ReferralFormResult | null, fd: FormData): Promise<ReferralFormResult> {
  const t = await getTranslations('intake.form');
  const values = { ...formValues(fd), charges: fd.getAll('charges').filter((v) => typeof v === 'string').join(',') };
  let caseId: string;
  try {
    const actor = await getActor();
    if (!actor) return { ok: false, message: t('sessionEnded'), fieldErrors: {}, values };
    const db = await getDb();
    if (!can(actor.role, 'case.refer')) {
      await writeAudit(db, actor, { action: 'case.refer', outcome: 'denied' });
      return { ok: false, message: t('notAllowed'), fieldErrors: {}, values };
    }
    const choice = typeof fd.get('participantChoice') === 'string' && fd.get('participantChoice') !== '' ? String(fd.get('participantChoice')) : undefined;
    const r = await createReferral(db, actor, formToReferralInput(fd), { channel: 'form', participantChoice: choice });
    if (!r.created) return { ok: false, message: t('alreadyReferred', { number: r.externalCaseNumber }), fieldErrors: { externalCaseNumber: [t('alreadyReferred', { number: r.externalCaseNumber })] }, values };
    caseId = r.caseId;
  } catch (err) {
    unstable_rethrow(err);
    if (err instanceof ParticipantMatchRequired) return { ok: true, data: { matches: err.matches, values }, message: t('matchFound') };
    const res = errorResult(err, values);
    if (!res.ok && (err instanceof InvalidInputError || Object.keys(res.fieldErrors).length)) return { ...res, message: t('fixFields'), fieldErrors: formFieldErrors(res.fieldErrors) };
    return res;
  }
  redirect(`/cases/${caseId}?referred=1`);
}
