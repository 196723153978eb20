'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

type Labels = { current: string; next: string; nextHelp: string; confirm: string; submit: string; submitting: string };

const fields = [
  { name: 'currentPassword', label: 'current', autoComplete: 'current-password' },
  { name: 'newPassword', label: 'next', autoComplete: 'new-password', help: true },
  { name: 'confirmPassword', label: 'confirm', autoComplete: 'new-password' },
] as const;

export function ChangePasswordForm({ action, labels }: { action: (prev: ActionResult<null> | null, fd: FormData) => Promise<ActionResult<null>>; labels: Labels }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="max-w-md space-y-4" noValidate>
      {state && !state.ok && <FormMessage message={state.message} />}
      {fields.map((f) => {
        const describedBy = [('help' in f && f.help) ? `${f.name}-help` : null, errors[f.name] ? `${f.name}-error` : null].filter(Boolean).join(' ');
        return (
          <div key={f.name}>
            <label htmlFor={f.name} className="block font-medium">
              {labels[f.label]}
            </label>
            <input
              id={f.name}
              name={f.name}
              type="password"
              autoComplete={f.autoComplete}
              required
              maxLength={1024}
              aria-invalid={errors[f.name] ? true : undefined}
              aria-describedby={describedBy || undefined}
              className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2.5 text-base"
            />
            {'help' in f && f.help && (
              <p id={`${f.name}-help`} className="mt-1 text-sm text-stone-600">
                {labels.nextHelp}
              </p>
            )}
            <FieldError id={`${f.name}-error`} errors={errors[f.name]} />
          </div>
        );
      })}
      <SubmitButton pendingLabel={labels.submitting}>{labels.submit}</SubmitButton>
    </form>
  );
}
