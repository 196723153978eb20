'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

type Field = { name: string; label: string; type: 'date' | 'number' | 'text' | 'checkbox'; value: string; step?: string; hint?: string };

/** The coordinator's readiness form for one volunteer: every field's error next to it. */
export function ProfileForm<T>({ action, hidden, fields, labels }: { action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>; hidden: Record<string, string | number>; fields: Field[]; labels: { submit: string; saved: string } }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">{state && (state.ok ? <FormMessage tone="success" message={labels.saved} /> : <FormMessage message={state.message} />)}</div>
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={String(v)} />)}
      {fields.map((f) =>
        f.type === 'checkbox' ? (
          <label key={f.name} className="flex items-center gap-2 sm:col-span-2">
            <input type="checkbox" name={f.name} defaultChecked={kept ? kept[f.name] === 'on' : f.value === 'true'} className="size-4" />
            {f.label}
          </label>
        ) : (
          <div key={f.name}>
            <label htmlFor={f.name} className="block font-medium">{f.label}</label>
            {f.hint && <p id={`${f.name}-hint`} className="text-sm text-stone-600">{f.hint}</p>}
            <input
              id={f.name}
              name={f.name}
              type={f.type}
              step={f.step}
              defaultValue={kept?.[f.name] ?? f.value}
              aria-describedby={[f.hint ? `${f.name}-hint` : '', errors[f.name] ? `${f.name}-error` : ''].filter(Boolean).join(' ') || undefined}
              className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2"
            />
            <FieldError id={`${f.name}-error`} errors={errors[f.name]} />
          </div>
        ),
      )}
      <div className="sm:col-span-2"><SubmitButton>{labels.submit}</SubmitButton></div>
    </form>
  );
}
