'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

export type FormField =
  | { kind: 'text' | 'tel' | 'email'; name: string; label: string; defaultValue?: string | null; hint?: string; autoComplete?: string; required?: boolean }
  | { kind: 'checkbox'; name: string; label: string; defaultChecked: boolean; hint?: string }
  | { kind: 'select'; name: string; label: string; defaultValue?: string; options: { value: string; label: string }[] };

/**
 * A small server-action form: every field error reaches its field (aria-describedby), the form
 * message is announced, and what was typed is kept when the action refuses it.
 */
export function NotifyActionForm<T>({
  action,
  id,
  hidden,
  fields,
  submit,
  saved,
  className = '',
}: {
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
  /** Unique on the page: prefixes the field ids. */
  id: string;
  hidden: Record<string, string | number>;
  fields: FormField[];
  submit: string;
  saved: string;
  className?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  const data = state?.ok && state.data && typeof state.data === 'object' ? (state.data as { version?: number; id?: string }) : null;
  const version = data?.version !== undefined ? String(data.version) : undefined;
  return (
    <form action={formAction} noValidate className={`space-y-3 ${className}`} key={state?.ok ? `saved-${version ?? data?.id ?? 'ok'}` : 'form'} aria-label={submit}>
      {state && (state.ok ? <FormMessage tone="success" message={saved} /> : <FormMessage message={state.message} />)}
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={k === 'version' && version ? version : String(v)} />
      ))}
      {fields.map((f) => {
        const fid = `${id}-${f.name}`;
        const err = errors[f.name];
        const describedBy = [err ? `${fid}-error` : null, 'hint' in f && f.hint ? `${fid}-hint` : null].filter(Boolean).join(' ') || undefined;
        if (f.kind === 'checkbox') {
          const checked = kept ? kept[f.name] === 'on' : f.defaultChecked;
          return (
            <div key={f.name} className="flex items-start gap-2">
              <input id={fid} name={f.name} type="checkbox" defaultChecked={checked} aria-describedby={describedBy} className="mt-1 size-5 shrink-0 accent-brand-700" />
              <div>
                <label htmlFor={fid} className="font-medium">{f.label}</label>
                {f.hint && <p id={`${fid}-hint`} className="text-sm text-stone-600">{f.hint}</p>}
                <FieldError id={`${fid}-error`} errors={err} />
              </div>
            </div>
          );
        }
        if (f.kind === 'select') {
          return (
            <div key={f.name}>
              <label htmlFor={fid} className="block font-medium">{f.label}</label>
              <select id={fid} name={f.name} defaultValue={kept?.[f.name] ?? f.defaultValue} aria-describedby={describedBy} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2">
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>{o.label}</option>
                ))}
              </select>
              <FieldError id={`${fid}-error`} errors={err} />
            </div>
          );
        }
        return (
          <div key={f.name}>
            <label htmlFor={fid} className="block font-medium">{f.label}</label>
            {f.hint && <p id={`${fid}-hint`} className="text-sm text-stone-600">{f.hint}</p>}
            <input
              id={fid}
              name={f.name}
              type={f.kind}
              defaultValue={kept?.[f.name] ?? f.defaultValue ?? ''}
              autoComplete={f.autoComplete ?? 'off'}
              required={f.required}
              aria-invalid={err ? true : undefined}
              aria-describedby={describedBy}
              className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2"
            />
            <FieldError id={`${fid}-error`} errors={err} />
          </div>
        );
      })}
      <SubmitButton>{submit}</SubmitButton>
    </form>
  );
}
