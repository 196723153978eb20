'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

export type PreferencesValues = {
  version: number;
  presets: string[];
  extra: string;
  videoOk: boolean;
  inPersonOk: boolean;
  needsAccessibleVenue: boolean;
  childcareNeeded: boolean;
  transportNeeded: boolean;
  notes: string;
};

export function PreferencesForm<T>({
  action,
  caseId,
  values,
  presets,
  labels,
}: {
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
  caseId: string;
  values: PreferencesValues;
  presets: { value: string; label: string }[];
  labels: Record<'times' | 'extra' | 'extraHint' | 'how' | 'videoOk' | 'inPersonOk' | 'needs' | 'accessible' | 'childcare' | 'transport' | 'notes' | 'submit' | 'saved', string>;
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  const checked = (name: string, fallback: boolean) => (kept ? kept[name] === 'on' : fallback);
  const box = 'size-4 shrink-0';
  return (
    <form action={formAction} className="space-y-4" key={`v${values.version}`}>
      {state && (state.ok ? <FormMessage tone="success" message={labels.saved} /> : <FormMessage message={state.message} />)}
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={values.version} />
      <fieldset>
        <legend className="font-medium">{labels.times}</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {presets.map((p) => (
            <label key={p.value} className="flex items-center gap-2">
              <input type="checkbox" name={`preset_${p.value}`} defaultChecked={checked(`preset_${p.value}`, values.presets.includes(p.value))} className={box} />
              {p.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="extra" className="block font-medium">{labels.extra}</label>
        <p id="extra-hint" className="text-sm text-stone-600">{labels.extraHint}</p>
        <textarea id="extra" name="extra" rows={2} defaultValue={kept?.extra ?? values.extra} aria-describedby={`extra-hint${errors.extra ? ' extra-error' : ''}`} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 font-mono text-sm" />
        <FieldError id="extra-error" errors={errors.extra} />
      </div>
      <fieldset aria-describedby={errors.inPersonOk ? 'mode-error' : undefined}>
        <legend className="font-medium">{labels.how}</legend>
        <label className="mt-1 flex items-center gap-2"><input type="checkbox" name="inPersonOk" defaultChecked={checked('inPersonOk', values.inPersonOk)} className={box} />{labels.inPersonOk}</label>
        <label className="flex items-center gap-2"><input type="checkbox" name="videoOk" defaultChecked={checked('videoOk', values.videoOk)} className={box} />{labels.videoOk}</label>
        <FieldError id="mode-error" errors={errors.inPersonOk} />
      </fieldset>
      <fieldset>
        <legend className="font-medium">{labels.needs}</legend>
        <label className="mt-1 flex items-center gap-2"><input type="checkbox" name="needsAccessibleVenue" defaultChecked={checked('needsAccessibleVenue', values.needsAccessibleVenue)} className={box} />{labels.accessible}</label>
        <label className="flex items-center gap-2"><input type="checkbox" name="childcareNeeded" defaultChecked={checked('childcareNeeded', values.childcareNeeded)} className={box} />{labels.childcare}</label>
        <label className="flex items-center gap-2"><input type="checkbox" name="transportNeeded" defaultChecked={checked('transportNeeded', values.transportNeeded)} className={box} />{labels.transport}</label>
      </fieldset>
      <div>
        <label htmlFor="notes" className="block font-medium">{labels.notes}</label>
        <textarea id="notes" name="notes" rows={2} maxLength={1000} defaultValue={kept?.notes ?? values.notes} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2" />
      </div>
      <SubmitButton>{labels.submit}</SubmitButton>
    </form>
  );
}
