'use client';

import { useActionState } from 'react';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/actions';

type Option = { value: string; label: string };
type Act = (prev: ActionResult<{ version: number }> | null, fd: FormData) => Promise<ActionResult<{ version: number }>>;
const inputCls = 'mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2';

/** Coordinator: close the case as completed, unsuccessful (reason + summary) or withdrawn (summary). */
export function CloseCaseForm({ action, caseId, version, outcomes, reasons, labels }: { action: Act; caseId: string; version: number; outcomes: Option[]; reasons: Option[]; labels: { outcome: string; reason: string; reasonHint: string; summary: string; summaryHint: string; submit: string; saved: string } }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  if (state?.ok) return <FormMessage tone="success" message={labels.saved} />;
  return (
    <form action={formAction} className="space-y-3" key={kept ? JSON.stringify(kept) : 'new'}>
      {state && !state.ok && <FormMessage message={state.message} />}
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <div>
        <label htmlFor="close-outcome" className="block font-medium">{labels.outcome}</label>
        <select id="close-outcome" name="outcome" defaultValue={kept?.outcome} aria-describedby={errors.outcome ? 'close-outcome-error' : undefined} className={inputCls}>
          {outcomes.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
        <FieldError id="close-outcome-error" errors={errors.outcome} />
      </div>
      <div>
        <label htmlFor="close-reason" className="block font-medium">{labels.reason}</label>
        <p id="close-reason-hint" className="text-sm text-stone-600">{labels.reasonHint}</p>
        <select id="close-reason" name="reasonCode" defaultValue={kept?.reasonCode ?? ''} aria-describedby={`close-reason-hint${errors.reasonCode ? ' close-reason-error' : ''}`} className={inputCls}>
          <option value="">—</option>
          {reasons.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
        <FieldError id="close-reason-error" errors={errors.reasonCode} />
      </div>
      <div>
        <label htmlFor="close-summary" className="block font-medium">{labels.summary}</label>
        <p id="close-summary-hint" className="text-sm text-stone-600">{labels.summaryHint}</p>
        <textarea id="close-summary" name="summary" rows={3} maxLength={4000} defaultValue={kept?.summary} aria-describedby={`close-summary-hint${errors.summary ? ' close-summary-error' : ''}`} className={inputCls} />
        <FieldError id="close-summary-error" errors={errors.summary} />
      </div>
      <SubmitButton>{labels.submit}</SubmitButton>
    </form>
  );
}

/** Prosecutor: the final action on a returned case and any refile window. */
export function FinalActionForm({ action, caseId, version, actions, labels }: { action: Act; caseId: string; version: number; actions: Option[]; labels: { action: string; window: string; windowHint: string; note: string; submit: string; saved: string } }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  if (state?.ok) return <FormMessage tone="success" message={labels.saved} />;
  const id = (s: string) => `${s}-${caseId}`;
  return (
    <form action={formAction} className="mt-2 space-y-3" key={kept ? JSON.stringify(kept) : 'new'}>
      {state && !state.ok && <FormMessage message={state.message} />}
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <div>
        <label htmlFor={id('fa')} className="block font-medium">{labels.action}</label>
        <select id={id('fa')} name="finalAction" defaultValue={kept?.finalAction} aria-describedby={errors.finalAction ? id('fa-error') : undefined} className={inputCls}>
          {actions.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
        <FieldError id={id('fa-error')} errors={errors.finalAction} />
      </div>
      <div>
        <label htmlFor={id('win')} className="block font-medium">{labels.window}</label>
        <p id={id('win-hint')} className="text-sm text-stone-600">{labels.windowHint}</p>
        <input id={id('win')} name="refileWindowUntil" type="date" defaultValue={kept?.refileWindowUntil} aria-describedby={`${id('win-hint')}${errors.refileWindowUntil ? ` ${id('win-error')}` : ''}`} className={inputCls} />
        <FieldError id={id('win-error')} errors={errors.refileWindowUntil} />
      </div>
      <div>
        <label htmlFor={id('note')} className="block font-medium">{labels.note}</label>
        <textarea id={id('note')} name="note" rows={2} maxLength={2000} defaultValue={kept?.note} className={inputCls} />
      </div>
      <SubmitButton>{labels.submit}</SubmitButton>
    </form>
  );
}
