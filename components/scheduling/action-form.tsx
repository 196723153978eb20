'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

/** A small form (hidden fields + a button, optionally a few inputs) that reports its result. */
export function ActionForm<T>({
  action,
  hidden,
  submit,
  success,
  children,
  className = '',
  buttonClassName = '',
}: {
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
  hidden: Record<string, string | number>;
  submit: string;
  success?: string;
  children?: React.ReactNode;
  className?: string;
  buttonClassName?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={`space-y-2 ${className}`}>
      {state && (state.ok ? success ? <FormMessage tone="success" message={success} /> : null : <FormMessage message={state.message} />)}
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={String(v)} />
      ))}
      {children}
      <SubmitButton className={buttonClassName}>{submit}</SubmitButton>
    </form>
  );
}
