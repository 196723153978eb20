import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { CodeForm } from '@/components/auth/code-form';
import { RegenerateCodesForm } from '@/components/auth/regenerate-codes-form';
import { TotpSetup } from '@/components/auth/totp-setup';
import { getDb } from '@/db/client';
import { getSecurityState, remainingRecoveryCodes, startTotpEnrollment } from '@/db/queries/account-security';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { mfaRequired } from '@/lib/auth/policy';
import { requireActor } from '@/lib/auth/session';
import { totpUri } from '@/lib/auth/totp';
import { confirmTotpAction, regenerateRecoveryCodesAction } from '../actions';

export const metadata: Metadata = { title: 'Two-step sign-in' };

export default async function TwoFactorPage() {
  const actor = await requireActor();
  const db = await getDb();
  const state = await getSecurityState(db, actor.userId);
  const [secret, codesLeft, jurisdiction] = await Promise.all([startTotpEnrollment(db, actor.userId), remainingRecoveryCodes(db, actor.userId), getMyJurisdiction(db, actor)]);
  const t = await getTranslations('account.twoFactor');
  const ts = await getTranslations('security');
  const format = await getFormatter();
  const setup = (
    <>
      <TotpSetup
        secret={secret}
        uri={totpUri(secret, actor.email)}
        labels={{ step1: ts('enrollStep1'), step2: ts('enrollStep2'), step3: ts('enrollStep3'), secret: ts('secretLabel'), openInApp: ts('openInApp'), uri: ts('uriLabel') }}
      />
      <div className="mt-4">
        <CodeForm
          action={confirmTotpAction}
          continueHref="/account"
          labels={{
            code: ts('codeLabel'),
            help: ts('enrollStep3'),
            submit: state?.totpEnabledAt ? t('confirmSubmit') : ts('enrollSubmit'),
            submitting: ts('verifying'),
            recoveryTitle: ts('recoveryTitle'),
            recoveryIntro: ts('recoveryIntro'),
            continue: ts('recoveryContinue'),
          }}
        />
      </div>
    </>
  );
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      {state?.totpEnabledAt ? (
        <>
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <p>{t('onSince', { date: format.dateTime(state.totpEnabledAt, { dateStyle: 'medium', timeZone: jurisdiction.timeZone }) })}</p>
            <p className="mt-1 text-stone-700">{t('recoveryLeft', { count: codesLeft })}</p>
            <div className="mt-4">
              <RegenerateCodesForm action={regenerateRecoveryCodesAction} labels={{ submit: t('regenerate'), help: t('regenerateHelp'), title: ts('recoveryTitle'), intro: ts('recoveryIntro') }} />
            </div>
          </section>
          <details className="rounded-lg border border-stone-200 bg-white p-4">
            <summary className="cursor-pointer font-medium">{t('newPhone')}</summary>
            <p className="mt-2 text-sm text-stone-700">{t('newPhoneHelp')}</p>
            <div className="mt-3">{setup}</div>
          </details>
        </>
      ) : (
        <section className="rounded-lg border border-stone-200 bg-white p-4">
          <p className="mb-4 text-stone-700">{mfaRequired(actor.role) ? ts('enrollIntro') : ts('enrollIntroOptional')}</p>
          {setup}
        </section>
      )}
    </div>
  );
}
