'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

type Labels = Record<'recipients' | 'providerScope' | 'allProviders' | 'expiry' | 'expiryAtDisposition' | 'expiryOnDate' | 'expiresOn' | 'expiresOnHint' | 'signature' | 'submit' | 'saved', string>;

/**
 * The participant's signature step of a Part 2 consent: recipients (a group of checkboxes),
 * provider scope, expiry and the typed name. Every refused element is named next to its field and
 * announced; what was chosen and typed is kept.
 */
export function ConsentForm<T>({
  action,
  caseId,
  locale,
  recipients,
  providers,
  labels,
}: {
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
  caseId: string;
  locale: string;
  recipients: { kind: string; name: string; hint: string }[];
  providers: { id: string; name: string }[];
  labels: Labels;
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  const input = 'mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2';
  const described = (name: string, hint?: boolean) => [errors[name] ? `c-${name}-error` : null, hint ? `c-${name}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <form action={formAction} noValidate className="space-y-4" key={state?.ok ? 'signed' : 'form'}>
      {state && (state.ok ? <FormMessage tone="success" message={labels.saved} /> : <FormMessage message={state.message} />)}
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="locale" value={locale} />
      <fieldset aria-describedby={described('recipients')}>
        <legend className="font-medium">{labels.recipients}</legend>
        <div className="mt-1 space-y-2">
          {recipients.map((r) => (
            <div key={r.kind} className="flex items-start gap-2">
              <input id={`c-recipient-${r.kind}`} type="checkbox" name={`recipient_${r.kind}`} defaultChecked={kept?.[`recipient_${r.kind}`] === 'on'} className="mt-1 size-5 shrink-0 accent-brand-700" aria-describedby={`c-recipient-${r.kind}-hint`} />
              <div>
                <label htmlFor={`c-recipient-${r.kind}`} className="font-medium">{r.name}</label>
                <p id={`c-recipient-${r.kind}-hint`} className="text-sm text-stone-600">{r.hint}</p>
              </div>
            </div>
          ))}
        </div>
        <FieldError id="c-recipients-error" errors={errors.recipients} />
      </fieldset>
      <div>
        <label htmlFor="c-providerId" className="block font-medium">{labels.providerScope}</label>
        <select id="c-providerId" name="providerId" defaultValue={kept?.providerId ?? ''} aria-describedby={described('providerId')} className={input}>
          <option value="">{labels.allProviders}</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>{p.name}</option>
          ))}
        </select>
        <FieldError id="c-providerId-error" errors={errors.providerId} />
      </div>
      <fieldset>
        <legend className="font-medium">{labels.expiry}</legend>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="expiry" value="final_disposition" defaultChecked={(kept?.expiry ?? 'final_disposition') === 'final_disposition'} className="size-5 accent-brand-700" />
          {labels.expiryAtDisposition}
        </label>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="expiry" value="date" defaultChecked={kept?.expiry === 'date'} className="size-5 accent-brand-700" />
          {labels.expiryOnDate}
        </label>
      </fieldset>
      <div>
        <label htmlFor="c-expiresOn" className="block font-medium">{labels.expiresOn}</label>
        <p id="c-expiresOn-hint" className="text-sm text-stone-600">{labels.expiresOnHint}</p>
        <input id="c-expiresOn" name="expiresOn" type="date" defaultValue={kept?.expiresOn ?? ''} aria-invalid={errors.expiresOn ? true : undefined} aria-describedby={described('expiresOn', true)} className={input} />
        <FieldError id="c-expiresOn-error" errors={errors.expiresOn} />
      </div>
      <div>
        <label htmlFor="c-signature" className="block font-medium">{labels.signature}</label>
        <input id="c-signature" name="signature" type="text" autoComplete="name" defaultValue={kept?.signature ?? ''} aria-invalid={errors.signature ? true : undefined} aria-describedby={described('signature')} className={input} />
        <FieldError id="c-signature-error" errors={errors.signature} />
      </div>
      <SubmitButton>{labels.submit}</SubmitButton>
    </form>
  );
}
