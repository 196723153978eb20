'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

type Option = { value: string; label: string };

export function TransitionForm({
  action,
  caseId,
  version,
  targets,
  reasons,
  labels,
}: {
  action: (prev: ActionResult<{ version: number }> | null, fd: FormData) => Promise<ActionResult<{ version: number }>>;
  caseId: string;
  version: number;
  targets: Option[];
  reasons: Option[];
  labels: { moveTo: string; reason: string; note: string; submit: string; saved: string };
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-3" key={state?.ok ? `saved-${state.data.version}` : 'form'}>
      {state && (state.ok ? <FormMessage tone="success" message={labels.saved} /> : <FormMessage message={state.message} />)}
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={state?.ok ? state.data.version : version} />
      <div>
        <label htmlFor="to" className="block font-medium">{labels.moveTo}</label>
        <select id="to" name="to" defaultValue={kept?.to} aria-describedby={errors.to ? 'to-error' : undefined} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2">
          {targets.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
        <FieldError id="to-error" errors={errors.to} />
      </div>
      <div>
        <label htmlFor="reason" className="block font-medium">{labels.reason}</label>
        <select id="reason" name="reason" defaultValue={kept?.reason ?? ''} aria-describedby={errors.reason ? 'reason-error' : undefined} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2">
          <option value="">—</option>
          {reasons.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
        <FieldError id="reason-error" errors={errors.reason} />
      </div>
      <div>
        <label htmlFor="note" className="block font-medium">{labels.note}</label>
        <textarea id="note" name="note" rows={2} maxLength={2000} defaultValue={kept?.note} aria-describedby={errors.note ? 'note-error' : undefined} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2" />
        <FieldError id="note-error" errors={errors.note} />
      </div>
      <SubmitButton>{labels.submit}</SubmitButton>
    </form>
  );
}
