'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

export function ExceptionForm<T>({ action, labels }: { action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>; labels: Record<'date' | 'kind' | 'off' | 'extra' | 'allDay' | 'from' | 'to' | 'note' | 'submit' | 'saved', string> }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  const input = 'mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2';
  return (
    <form action={formAction} className="space-y-3" key={state?.ok ? `ok-${JSON.stringify(state.data)}` : 'form'}>
      {state && (state.ok ? <FormMessage tone="success" message={labels.saved} /> : <FormMessage message={state.message} />)}
      <div>
        <label htmlFor="ex-date" className="block font-medium">{labels.date}</label>
        <input type="date" id="ex-date" name="date" defaultValue={kept?.date} required aria-describedby={errors.date ? 'ex-date-error' : undefined} className={input} />
        <FieldError id="ex-date-error" errors={errors.date} />
      </div>
      <div>
        <label htmlFor="ex-kind" className="block font-medium">{labels.kind}</label>
        <select id="ex-kind" name="kind" defaultValue={kept?.kind ?? 'unavailable'} className={input}>
          <option value="unavailable">{labels.off}</option>
          <option value="available">{labels.extra}</option>
        </select>
      </div>
      <label className="flex items-center gap-2"><input type="checkbox" name="allDay" defaultChecked={kept ? kept.allDay === 'on' : true} className="size-4" />{labels.allDay}</label>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor="ex-start" className="block text-sm">{labels.from}</label>
          <input type="time" id="ex-start" name="start" defaultValue={kept?.start} aria-describedby={errors.start ? 'ex-start-error' : undefined} className={input} />
          <FieldError id="ex-start-error" errors={errors.start} />
        </div>
        <div>
          <label htmlFor="ex-end" className="block text-sm">{labels.to}</label>
          <input type="time" id="ex-end" name="end" defaultValue={kept?.end} aria-describedby={errors.end ? 'ex-end-error' : undefined} className={input} />
          <FieldError id="ex-end-error" errors={errors.end} />
        </div>
      </div>
      <div>
        <label htmlFor="ex-note" className="block font-medium">{labels.note}</label>
        <input id="ex-note" name="note" maxLength={200} defaultValue={kept?.note} className={input} />
      </div>
      <SubmitButton className="w-full sm:w-auto">{labels.submit}</SubmitButton>
    </form>
  );
}
