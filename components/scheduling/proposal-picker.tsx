'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ProposalView } from './present';

type BookingResult = { status: 'booked'; hearingId: string } | { status: 'taken'; message: string; proposals: ProposalView[] };

export type PickerLabels = {
  legend: string;
  panel: string;
  chair: string;
  alternate: string;
  noAlternate: string;
  video: string;
  submit: string;
  booked: string;
  openRunSheet: string;
  reason?: string;
  kind?: string;
  kinds?: { value: string; label: string }[];
};

/**
 * Proposed times as one radio group (keyboard: arrows move, space picks) and one submit button.
 * When another coordinator wins the race, the message and the fresh options replace the list.
 */
export function ProposalPicker({
  action,
  hidden,
  proposals,
  labels,
  runSheetHref,
}: {
  action: (prev: ActionResult<BookingResult> | null, fd: FormData) => Promise<ActionResult<BookingResult>>;
  hidden: Record<string, string | number>;
  proposals: ProposalView[];
  labels: PickerLabels;
  runSheetHref: string;
}) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok && state.data.status === 'booked') {
    return (
      <div className="space-y-2">
        <FormMessage tone="success" message={labels.booked} />
        <Link className="font-medium text-brand-800 underline" href={runSheetHref.replace('HEARING', state.data.hearingId)}>
          {labels.openRunSheet}
        </Link>
      </div>
    );
  }
  const taken = state?.ok && state.data.status === 'taken' ? state.data : null;
  const list = taken ? taken.proposals : proposals;
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-4" key={taken ? `taken-${list.map((p) => p.token).join()}` : 'first'}>
      {taken && <FormMessage message={taken.message} />}
      {state && !state.ok && <FormMessage message={state.message} />}
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={String(v)} />
      ))}
      <fieldset aria-describedby={errors.proposal ? 'proposal-error' : undefined}>
        <legend className="font-medium">{labels.legend}</legend>
        <FieldError id="proposal-error" errors={errors.proposal} />
        <ul className="mt-2 space-y-2" data-testid="proposals">
          {list.map((p, i) => (
            <li key={p.token}>
              <label className="flex cursor-pointer gap-3 rounded-lg border border-stone-300 bg-white p-3 has-[:checked]:border-brand-700 has-[:checked]:ring-2 has-[:checked]:ring-brand-100">
                <input type="radio" name="proposal" value={p.token} defaultChecked={kept ? kept.proposal === p.token : i === 0} className="mt-1.5 size-4 shrink-0" />
                <span className="min-w-0">
                  <span className="block font-semibold">{p.when}</span>
                  <span className="block text-sm text-stone-700">
                    {p.venue}
                    {p.video ? ` · ${labels.video}` : ''}
                  </span>
                  <span className="mt-1 block text-sm">
                    <span className="text-stone-600">{labels.panel}: </span>
                    {p.panel.map((s) => (s.role === 'chair' ? `${s.name} (${labels.chair})` : s.name)).join(', ')}
                  </span>
                  <span className="block text-sm text-stone-600">
                    {labels.alternate}: {p.alternate ?? labels.noAlternate}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {labels.kinds && labels.kinds.length > 1 && (
        <div>
          <label htmlFor="kind" className="block font-medium">{labels.kind}</label>
          <select id="kind" name="kind" defaultValue={kept?.kind} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 sm:w-auto">
            {labels.kinds.map((k) => (
              <option key={k.value} value={k.value}>{k.label}</option>
            ))}
          </select>
        </div>
      )}
      {labels.reason && (
        <div>
          <label htmlFor="reason" className="block font-medium">{labels.reason}</label>
          <textarea id="reason" name="reason" rows={2} maxLength={1000} defaultValue={kept?.reason} aria-describedby={errors.reason ? 'reason-error' : undefined} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2" />
          <FieldError id="reason-error" errors={errors.reason} />
        </div>
      )}
      {list.length > 0 && <SubmitButton>{labels.submit}</SubmitButton>}
    </form>
  );
}
