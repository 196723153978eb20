'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

/**
 * Every participant form is described as data (serialisable from a server component) and drawn
 * here: one small client component for the whole portal, so the pages stay light. Errors are tied
 * to their fields; what the person typed or chose is kept after an error.
 */
export type PortalField =
  | { type: 'hidden'; name: string; value: string }
  | { type: 'text'; name: string; label: string; hint?: string; autoComplete?: string; inputMode?: 'numeric' | 'email' | 'tel' | 'text'; defaultValue?: string }
  | { type: 'textarea'; name: string; label: string; hint?: string; defaultValue?: string }
  | { type: 'scale'; name: string; label: string; options: { value: string; label: string }[] }
  | { type: 'checkboxes'; name: string; label: string; hint?: string; options: { value: string; label: string }[]; defaults?: string[] }
  | { type: 'checkbox'; name: string; label: string; defaultChecked?: boolean };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any action result; the form reads only ok/message/errors
type Action = (prev: ActionResult<any> | null, fd: FormData) => Promise<ActionResult<any>>;

export function PortalForm({ action, fields, submit, pending, success, testId }: { action: Action; fields: PortalField[]; submit: string; pending: string; success?: string; testId?: string }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? (state.values ?? {}) : null;
  const err = (name: string) => errors[name];
  const describedBy = (name: string, hint?: string) => [hint ? `${name}-hint` : '', err(name) ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid={testId}>
      {state && !state.ok && <FormMessage message={state.message} />}
      {state?.ok && success && <FormMessage tone="success" message={state.message ?? success} />}
      {fields.map((f) => {
        switch (f.type) {
          case 'hidden':
            return <input key={f.name} type="hidden" name={f.name} value={f.value} />;
          case 'text':
            return (
              <div key={f.name}>
                <label htmlFor={f.name} className="block font-medium">{f.label}</label>
                {f.hint && <p id={`${f.name}-hint`} className="text-sm text-stone-700">{f.hint}</p>}
                <input id={f.name} name={f.name} type="text" autoComplete={f.autoComplete} inputMode={f.inputMode} defaultValue={values?.[f.name] ?? f.defaultValue} aria-invalid={err(f.name) ? true : undefined} aria-describedby={describedBy(f.name, f.hint)} className="mt-1 block w-full rounded-md border border-stone-500 bg-white px-3 py-2.5 text-base" />
                <FieldError id={`${f.name}-error`} errors={err(f.name)} />
              </div>
            );
          case 'textarea':
            return (
              <div key={f.name}>
                <label htmlFor={f.name} className="block font-medium">{f.label}</label>
                {f.hint && <p id={`${f.name}-hint`} className="text-sm text-stone-700">{f.hint}</p>}
                <textarea id={f.name} name={f.name} rows={3} maxLength={1000} defaultValue={values?.[f.name] ?? f.defaultValue} aria-invalid={err(f.name) ? true : undefined} aria-describedby={describedBy(f.name, f.hint)} className="mt-1 block w-full rounded-md border border-stone-500 bg-white px-3 py-2 text-base" />
                <FieldError id={`${f.name}-error`} errors={err(f.name)} />
              </div>
            );
          case 'scale':
            return (
              <fieldset key={f.name} aria-describedby={err(f.name) ? `${f.name}-error` : undefined}>
                <legend className="font-medium">{f.label}</legend>
                <div className="mt-2 grid grid-cols-5 gap-1">
                  {f.options.map((o) => (
                    <label key={o.value} className="flex min-h-11 cursor-pointer flex-col items-center justify-center rounded-md border border-stone-400 px-1 py-1 text-center text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                      <input type="radio" name={f.name} value={o.value} defaultChecked={values?.[f.name] === o.value} className="h-5 w-5" />
                      <span>{o.label}</span>
                    </label>
                  ))}
                </div>
                <FieldError id={`${f.name}-error`} errors={err(f.name)} />
              </fieldset>
            );
          case 'checkboxes': {
            // One checkbox per option, named `<list>_<option>` (form data stays one value per name).
            const checked = (v: string) => (values ? values[`${f.name}_${v}`] === 'on' : (f.defaults ?? []).includes(v));
            return (
              <fieldset key={f.name} aria-describedby={describedBy(f.name, f.hint)}>
                <legend className="font-medium">{f.label}</legend>
                {f.hint && <p id={`${f.name}-hint`} className="text-sm text-stone-700">{f.hint}</p>}
                <div className="mt-1 space-y-1">
                  {f.options.map((o) => (
                    <label key={o.value} className="flex min-h-11 items-center gap-3">
                      <input type="checkbox" name={`${f.name}_${o.value}`} defaultChecked={checked(o.value)} className="h-5 w-5" />
                      <span>{o.label}</span>
                    </label>
                  ))}
                </div>
                <FieldError id={`${f.name}-error`} errors={err(f.name)} />
              </fieldset>
            );
          }
          case 'checkbox':
            return (
              <div key={f.name}>
                <label className="flex min-h-11 items-center gap-3">
                  <input type="checkbox" name={f.name} defaultChecked={values ? values[f.name] === 'on' : f.defaultChecked} aria-describedby={err(f.name) ? `${f.name}-error` : undefined} className="h-5 w-5" />
                  <span>{f.label}</span>
                </label>
                <FieldError id={`${f.name}-error`} errors={err(f.name)} />
              </div>
            );
        }
      })}
      <SubmitButton pendingLabel={pending} className="w-full sm:w-auto">{submit}</SubmitButton>
    </form>
  );
}
