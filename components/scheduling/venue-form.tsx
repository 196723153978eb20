'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

export function VenueForm<T>({ action, days, kinds, labels }: { action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>; days: [number, string][]; kinds: { value: string; label: string }[]; labels: Record<'name' | 'kind' | 'room' | 'address' | 'zip' | 'capacity' | 'accessible' | 'accessNotes' | 'meetingUrl' | 'days' | 'opens' | 'closes' | 'submit' | 'saved', string> }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  const input = 'mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2';
  const text = (name: string, label: string, type = 'text') => (
    <div>
      <label htmlFor={`v-${name}`} className="block font-medium">{label}</label>
      <input id={`v-${name}`} name={name} type={type} defaultValue={kept?.[name]} aria-describedby={errors[name] ? `v-${name}-error` : undefined} className={input} />
      <FieldError id={`v-${name}-error`} errors={errors[name]} />
    </div>
  );
  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-2" key={state?.ok ? `ok-${JSON.stringify(state.data)}` : 'form'}>
      <div className="sm:col-span-2">{state && (state.ok ? <FormMessage tone="success" message={labels.saved} /> : <FormMessage message={state.message} />)}</div>
      {text('name', labels.name)}
      <div>
        <label htmlFor="v-kind" className="block font-medium">{labels.kind}</label>
        <select id="v-kind" name="kind" defaultValue={kept?.kind ?? 'library'} className={input}>
          {kinds.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
        </select>
      </div>
      {text('room', labels.room)}
      {text('addressLine', labels.address)}
      {text('zip', labels.zip)}
      {text('capacity', labels.capacity, 'number')}
      <div className="sm:col-span-2">{text('meetingUrl', labels.meetingUrl, 'url')}</div>
      <label className="flex items-center gap-2 sm:col-span-2"><input type="checkbox" name="accessible" defaultChecked={kept ? kept.accessible === 'on' : true} className="size-4" />{labels.accessible}</label>
      <div className="sm:col-span-2">{text('accessibilityNotes', labels.accessNotes)}</div>
      <fieldset className="sm:col-span-2" aria-describedby={errors.days ? 'v-days-error' : undefined}>
        <legend className="font-medium">{labels.days}</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {days.map(([d, name]) => (
            <label key={d} className="flex items-center gap-1.5"><input type="checkbox" name={`day_${d}`} defaultChecked={kept ? kept[`day_${d}`] === 'on' : false} className="size-4" />{name}</label>
          ))}
        </div>
        <FieldError id="v-days-error" errors={errors.days} />
      </fieldset>
      {text('opens', labels.opens, 'time')}
      {text('closes', labels.closes, 'time')}
      <div className="sm:col-span-2"><SubmitButton>{labels.submit}</SubmitButton></div>
    </form>
  );
}
