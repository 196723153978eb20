'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

type Slot = { start: string; end: string };

/**
 * One row per weekday (Monday first), up to two windows each, with native time inputs: big touch
 * targets on a phone, typed values kept on error.
 */
export function WeeklyAvailabilityForm<T>({
  action,
  days,
  initial,
  labels,
}: {
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
  /** [weekday number, name] in display order. */
  days: [number, string][];
  initial: Record<number, Slot[]>;
  labels: Record<'from' | 'to' | 'second' | 'submit' | 'saved' | 'hint', string>;
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  const val = (name: string, fallback: string) => (kept ? (kept[name] ?? '') : fallback);
  const input = 'mt-1 block w-full rounded-md border border-stone-400 bg-white px-2 py-2';
  return (
    <form action={formAction} className="space-y-3">
      {state && (state.ok ? <FormMessage tone="success" message={labels.saved} /> : <FormMessage message={state.message} />)}
      <p className="text-sm text-stone-600">{labels.hint}</p>
      {days.map(([d, name]) => (
        <fieldset key={d} className="rounded-lg border border-stone-200 p-3">
          <legend className="px-1 font-medium">{name}</legend>
          {[0, 1].map((k) => {
            const base = `d${d}_${k}`;
            const slot = initial[d]?.[k];
            const errStart = errors[`${base}_start`];
            const errEnd = errors[`${base}_end`];
            return (
              <div key={k} className="grid grid-cols-2 gap-2">
                <div>
                  <label htmlFor={`${base}_start`} className="text-sm">{k === 0 ? labels.from : `${labels.second} · ${labels.from}`}</label>
                  <input type="time" step={900} id={`${base}_start`} name={`${base}_start`} defaultValue={val(`${base}_start`, slot?.start ?? '')} aria-describedby={errStart ? `${base}_start-error` : undefined} className={input} />
                  <FieldError id={`${base}_start-error`} errors={errStart} />
                </div>
                <div>
                  <label htmlFor={`${base}_end`} className="text-sm">{k === 0 ? labels.to : `${labels.second} · ${labels.to}`}</label>
                  <input type="time" step={900} id={`${base}_end`} name={`${base}_end`} defaultValue={val(`${base}_end`, slot?.end ?? '')} aria-describedby={errEnd ? `${base}_end-error` : undefined} className={input} />
                  <FieldError id={`${base}_end-error`} errors={errEnd} />
                </div>
              </div>
            );
          })}
        </fieldset>
      ))}
      <SubmitButton className="w-full sm:w-auto">{labels.submit}</SubmitButton>
    </form>
  );
}
