'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

type Labels = Record<'name' | 'services' | 'languages' | 'address' | 'zip' | 'phone' | 'accepting' | 'medicaid' | 'sliding' | 'noCost' | 'costNote' | 'submit' | 'saved', string>;

/** New directory entry: every field error reaches its field, and what was typed is kept. */
export function ProviderForm<T>({ action, services, labels }: { action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>; services: { value: string; label: string }[]; labels: Labels }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  const input = 'mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2';
  const text = (name: string, label: string, type = 'text') => (
    <div>
      <label htmlFor={`p-${name}`} className="block font-medium">{label}</label>
      <input id={`p-${name}`} name={name} type={type} defaultValue={kept?.[name]} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `p-${name}-error` : undefined} className={input} />
      <FieldError id={`p-${name}-error`} errors={errors[name]} />
    </div>
  );
  const box = (name: string, label: string, dflt = false) => (
    <label className="flex items-center gap-2">
      <input type="checkbox" name={name} defaultChecked={kept ? kept[name] === 'on' : dflt} className="size-4" />
      {label}
    </label>
  );
  return (
    <form action={formAction} noValidate className="grid gap-3 sm:grid-cols-2" key={state?.ok ? `ok-${JSON.stringify(state.data)}` : 'form'}>
      <div className="sm:col-span-2">{state && (state.ok ? <FormMessage tone="success" message={labels.saved} /> : <FormMessage message={state.message} />)}</div>
      <div className="sm:col-span-2">{text('name', labels.name)}</div>
      <fieldset className="sm:col-span-2" aria-describedby={errors.services ? 'p-services-error' : undefined}>
        <legend className="font-medium">{labels.services}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
          {services.map((s) => (
            <label key={s.value} className="flex items-center gap-1.5">
              <input type="checkbox" name={`service_${s.value}`} defaultChecked={kept?.[`service_${s.value}`] === 'on'} className="size-4" />
              {s.label}
            </label>
          ))}
        </div>
        <FieldError id="p-services-error" errors={errors.services} />
      </fieldset>
      {text('languages', labels.languages)}
      {text('phone', labels.phone, 'tel')}
      {text('addressLine', labels.address)}
      {text('zip', labels.zip)}
      <div className="sm:col-span-2">{text('costNote', labels.costNote)}</div>
      <div className="flex flex-col gap-2 sm:col-span-2">
        {box('acceptingNewClients', labels.accepting, true)}
        {box('acceptsMedicaid', labels.medicaid)}
        {box('slidingScale', labels.sliding)}
        {box('noCostOption', labels.noCost)}
      </div>
      <div className="sm:col-span-2">
        <SubmitButton>{labels.submit}</SubmitButton>
      </div>
    </form>
  );
}
