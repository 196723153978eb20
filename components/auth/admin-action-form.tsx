'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';


/**
 * A small admin form: hidden ids, optional select, one button, the result announced. A
 * `{password}` in the success text is replaced by the temporary password the action returned.
 */
export function AdminActionForm<T extends object>({
  action,
  hidden,
  submit,
  success,
  helpId,
  select,
  tone = 'primary',
}: {
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
  hidden: Record<string, string>;
  submit: string;
  success: string;
  helpId?: string;
  select?: { name: string; label: string; value: string; options: { value: string; label: string }[] };
  tone?: 'primary' | 'danger';
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const temp = state?.ok && 'temporaryPassword' in state.data ? String(state.data.temporaryPassword) : undefined;
  return (
    <form action={formAction} className="space-y-3">
      {state && (state.ok ? <FormMessage tone="success" message={success.replace('{password}', temp ?? '')} /> : <FormMessage message={state.message} />)}
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {select && (
        <div>
          <label htmlFor={`sel-${select.name}`} className="block font-medium">
            {select.label}
          </label>
          <select
            id={`sel-${select.name}`}
            name={select.name}
            defaultValue={select.value}
            aria-describedby={[helpId, errors[select.name] ? `sel-${select.name}-error` : null].filter(Boolean).join(' ') || undefined}
            className="mt-1 block w-full max-w-xs rounded-md border border-stone-400 bg-white px-3 py-2"
          >
            {select.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <FieldError id={`sel-${select.name}-error`} errors={errors[select.name]} />
        </div>
      )}
      <SubmitButton className={tone === 'danger' ? 'bg-red-700 hover:bg-red-800' : ''}>{submit}</SubmitButton>
    </form>
  );
}
