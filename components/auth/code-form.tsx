'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { RecoveryCodes } from './recovery-codes';

type Labels = { code: string; help: string; submit: string; submitting: string; recoveryTitle?: string; recoveryIntro?: string; continue?: string };
type CodesResult = { codes: string[]; next?: string };

/**
 * One code field: the second sign-in step (success redirects on the server), or confirming a new
 * authenticator (success shows the recovery codes once, then a link onwards).
 */
export function CodeForm<T extends CodesResult | null>({
  action,
  labels,
  continueHref,
}: {
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
  labels: Labels;
  continueHref?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok && state.data && 'codes' in state.data) {
    return (
      <div className="space-y-4">
        <RecoveryCodes codes={state.data.codes} title={labels.recoveryTitle ?? ''} intro={labels.recoveryIntro ?? ''} />
        <Link href={state.data.next ?? continueHref ?? '/'} className="inline-block rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-800">
          {labels.continue}
        </Link>
      </div>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state && !state.ok && <FormMessage message={state.message} />}
      <div>
        <label htmlFor="code" className="block font-medium">
          {labels.code}
        </label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="text"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={40}
          aria-invalid={errors.code ? true : undefined}
          aria-describedby={errors.code ? 'code-help code-error' : 'code-help'}
          className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2.5 font-mono text-lg tracking-widest"
        />
        <p id="code-help" className="mt-1 text-sm text-stone-600">
          {labels.help}
        </p>
        <FieldError id="code-error" errors={errors.code} />
      </div>
      <SubmitButton pendingLabel={labels.submitting} className="w-full sm:w-auto">
        {labels.submit}
      </SubmitButton>
    </form>
  );
}
