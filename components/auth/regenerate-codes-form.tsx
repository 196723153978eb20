'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { RecoveryCodes } from './recovery-codes';

export function RegenerateCodesForm({
  action,
  labels,
}: {
  action: (prev: ActionResult<{ codes: string[] }> | null, fd: FormData) => Promise<ActionResult<{ codes: string[] }>>;
  labels: { submit: string; help: string; title: string; intro: string };
}) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) return <RecoveryCodes codes={state.data.codes} title={labels.title} intro={labels.intro} />;
  return (
    <form action={formAction} className="space-y-2">
      {state && !state.ok && <FormMessage message={state.message} />}
      <p id="regen-help" className="text-sm text-stone-600">
        {labels.help}
      </p>
      <SubmitButton className="bg-stone-700 hover:bg-stone-800">{labels.submit}</SubmitButton>
    </form>
  );
}
