'use client';

import { useActionState, useRef } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

type Labels = { email: string; password: string; submit: string; submitting: string; demoUse: string };

export function SignInForm({
  action,
  labels,
  callbackUrl,
  demoAccounts,
  demoPassword,
}: {
  action: (prev: ActionResult<null> | null, fd: FormData) => Promise<ActionResult<null>>;
  labels: Labels;
  callbackUrl?: string;
  demoAccounts?: { email: string; role: string }[];
  demoPassword?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const fill = (email: string) => {
    const f = form.current;
    if (!f || !demoPassword) return;
    (f.elements.namedItem('email') as HTMLInputElement).value = email;
    (f.elements.namedItem('password') as HTMLInputElement).value = demoPassword;
    f.requestSubmit();
  };
  return (
    <>
      <form ref={form} action={formAction} className="space-y-4" noValidate>
        {state && !state.ok && <FormMessage message={state.message} />}
        {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
        <div>
          <label htmlFor="email" className="block font-medium">
            {labels.email}
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={state && !state.ok ? state.values?.email : undefined}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? 'email-error' : undefined}
            className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2.5 text-base"
          />
          <FieldError id="email-error" errors={errors.email} />
        </div>
        <div>
          <label htmlFor="password" className="block font-medium">
            {labels.password}
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? 'password-error' : undefined}
            className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2.5 text-base"
          />
          <FieldError id="password-error" errors={errors.password} />
        </div>
        <SubmitButton pendingLabel={labels.submitting} className="w-full">
          {labels.submit}
        </SubmitButton>
      </form>
      {demoAccounts && demoAccounts.length > 0 && (
        <ul className="mt-4 divide-y divide-stone-200 rounded-md border border-stone-200 bg-white">
          {demoAccounts.map((a) => (
            <li key={a.email} className="flex items-center justify-between gap-3 px-3 py-2">
              <span className="min-w-0">
                <span className="block truncate font-mono text-sm">{a.email}</span>
                <span className="block text-sm text-stone-600">{a.role}</span>
              </span>
              <button
                type="button"
                onClick={() => fill(a.email)}
                className="shrink-0 rounded-md border border-brand-700 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
                aria-label={`${labels.demoUse} ${a.email}`}
              >
                {labels.demoUse}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
