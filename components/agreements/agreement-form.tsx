'use client';

import { useActionState, useId, useState, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

export type FieldSpec =
  | { name: string; label: string; type: 'text' | 'number' | 'date' | 'textarea'; required?: boolean; hint?: string; defaultValue?: string; step?: string; min?: string; max?: string; inputMode?: 'decimal' | 'numeric' }
  | { name: string; label: string; type: 'select'; options: { value: string; label: string }[]; required?: boolean; hint?: string; defaultValue?: string }
  | { name: string; label: string; type: 'checkbox'; required?: boolean; hint?: string }
  /** maxBytes + tooLarge: checked in the browser too, because a file past the server's request
   * limit never reaches the action (the framework refuses the whole request). */
  | { name: string; label: string; type: 'file'; accept: string; hint?: string; maxBytes?: number; tooLarge?: string };

const input = 'mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2';

/**
 * A plain form for the agreement screens: every field error next to its field (aria-describedby),
 * the form message announced, and what was typed kept after an error. Works without client-side
 * validation; the server decides.
 */
export function AgreementForm<T>({
  action,
  hidden = {},
  fields = [],
  submit,
  success,
  testId,
  className = '',
  tone = 'primary',
}: {
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
  hidden?: Record<string, string | number>;
  fields?: FieldSpec[];
  submit: string;
  success?: string;
  testId?: string;
  className?: string;
  tone?: 'primary' | 'secondary';
}) {
  const [state, formAction] = useActionState(action, null);
  const uid = useId();
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const [fileErrors, setFileErrors] = useState<Record<string, string[]>>({});
  const errors = { ...(state && !state.ok ? state.fieldErrors : {}), ...fileErrors };
  const hasFile = fields.some((f) => f.type === 'file');
  // A chosen file over its limit: say so next to the field, and do not send the form.
  const oversize = (form: HTMLFormElement) => {
    const found: Record<string, string[]> = {};
    for (const f of fields) {
      if (f.type !== 'file' || !f.maxBytes || !f.tooLarge) continue;
      const file = (form.elements.namedItem(f.name) as HTMLInputElement | null)?.files?.[0];
      if (file && file.size > f.maxBytes) found[f.name] = [f.tooLarge];
    }
    setFileErrors(found);
    return Object.keys(found).length > 0;
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    if (oversize(e.currentTarget)) {
      e.preventDefault();
      (e.currentTarget.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
    }
  };
  return (
    <form action={formAction} onSubmit={hasFile ? onSubmit : undefined} className={`space-y-3 ${className}`} data-testid={testId} encType={hasFile ? 'multipart/form-data' : undefined}>
      {state && (state.ok ? (success ? <FormMessage tone="success" message={success} /> : null) : <FormMessage message={state.message} />)}
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={String(v)} />
      ))}
      {fields.map((f) => {
        const id = `${uid}-${f.name}`;
        const errId = `${id}-err`;
        const hintId = `${id}-hint`;
        const errs = errors[f.name];
        const described = [f.hint ? hintId : null, errs?.length ? errId : null].filter(Boolean).join(' ') || undefined;
        const common = { id, name: f.name, 'aria-invalid': errs?.length ? true : undefined, 'aria-describedby': described } as const;
        if (f.type === 'checkbox') {
          return (
            <div key={f.name}>
              <label htmlFor={id} className="flex items-start gap-2">
                <input type="checkbox" {...common} required={f.required} defaultChecked={values[f.name] === 'on'} className="mt-1 h-5 w-5" />
                <span>{f.label}</span>
              </label>
              {f.hint && <p id={hintId} className="text-sm text-stone-600">{f.hint}</p>}
              <FieldError id={errId} errors={errs} />
            </div>
          );
        }
        return (
          <div key={f.name}>
            <label htmlFor={id} className="block font-medium">
              {f.label}
            </label>
            {f.hint && <p id={hintId} className="text-sm text-stone-600">{f.hint}</p>}
            {f.type === 'select' ? (
              <select {...common} required={f.required} defaultValue={values[f.name] ?? f.defaultValue} className={input}>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : f.type === 'textarea' ? (
              <textarea {...common} required={f.required} defaultValue={values[f.name] ?? f.defaultValue} rows={3} className={input} />
            ) : f.type === 'file' ? (
              <input {...common} type="file" accept={f.accept} onChange={(e) => e.currentTarget.form && oversize(e.currentTarget.form)} className="mt-1 block w-full text-sm" />
            ) : (
              <input {...common} type={f.type === 'number' ? 'text' : f.type} inputMode={f.type === 'number' ? (f.inputMode ?? 'decimal') : undefined} required={f.required} defaultValue={values[f.name] ?? f.defaultValue} min={f.type === 'date' ? f.min : undefined} max={f.type === 'date' ? f.max : undefined} className={input} />
            )}
            <FieldError id={errId} errors={errs} />
          </div>
        );
      })}
      <SubmitButton className={tone === 'secondary' ? '!bg-white !text-brand-800 border border-brand-700 hover:!bg-brand-50' : ''}>{submit}</SubmitButton>
    </form>
  );
}
