'use client';

import { useActionState, useState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

type Labels = {
  contact: string;
  contactHint: string;
  send: string;
  sending: string;
  sent: string;
  code: string;
  codeHint: string;
  verify: string;
  verifying: string;
  again: string;
  demoCode: string;
};

type RequestAction = (prev: ActionResult<{ contact: string; demoCode?: string }> | null, fd: FormData) => Promise<ActionResult<{ contact: string; demoCode?: string }>>;
type VerifyAction = (prev: ActionResult<null> | null, fd: FormData) => Promise<ActionResult<null>>;

const input = 'mt-1 block w-full rounded-md border border-stone-500 bg-white px-3 py-2.5 text-base';

/** Ask for a code, then type it. Works without JavaScript too (each step is a plain form post). */
export function CodeSignIn({ requestAction, verifyAction, labels }: { requestAction: RequestAction; verifyAction: VerifyAction; labels: Labels }) {
  const [sent, sendAction] = useActionState(requestAction, null);
  const [checked, checkAction] = useActionState(verifyAction, null);
  const [restart, setRestart] = useState(0);
  const contact = sent?.ok ? sent.data.contact : checked && !checked.ok ? checked.values?.contact : undefined;
  const step = contact && restart === 0 ? 'code' : 'contact';
  if (step === 'contact') {
    const errors = sent && !sent.ok ? sent.fieldErrors : {};
    return (
      <form action={(fd) => { setRestart(0); return sendAction(fd); }} className="space-y-4" noValidate>
        {sent && !sent.ok && <FormMessage message={sent.message} />}
        <div>
          <label htmlFor="contact" className="block font-medium">{labels.contact}</label>
          <p id="contact-hint" className="text-sm text-stone-700">{labels.contactHint}</p>
          <input id="contact" name="contact" type="text" autoComplete="username" defaultValue={sent && !sent.ok ? sent.values?.contact : contact} aria-invalid={errors.contact ? true : undefined} aria-describedby={errors.contact ? 'contact-hint contact-error' : 'contact-hint'} className={input} />
          <FieldError id="contact-error" errors={errors.contact} />
        </div>
        <SubmitButton pendingLabel={labels.sending} className="w-full">{labels.send}</SubmitButton>
      </form>
    );
  }
  const errors = checked && !checked.ok ? checked.fieldErrors : {};
  const demo = sent?.ok ? sent.data.demoCode : undefined;
  return (
    <div className="space-y-4">
      {sent?.ok && <FormMessage tone="success" message={labels.sent} />}
      {demo && (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="demo-code">
          {labels.demoCode} <code className="font-mono text-base font-semibold">{demo}</code>
        </p>
      )}
      <form action={checkAction} className="space-y-4" noValidate>
        {checked && !checked.ok && <FormMessage message={checked.message} />}
        <input type="hidden" name="contact" value={contact} />
        <div>
          <label htmlFor="code" className="block font-medium">{labels.code}</label>
          <p id="code-hint" className="text-sm text-stone-700">{labels.codeHint}</p>
          <input id="code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={7} aria-invalid={errors.code ? true : undefined} aria-describedby={errors.code ? 'code-hint code-error' : 'code-hint'} className={`${input} font-mono tracking-widest`} />
          <FieldError id="code-error" errors={errors.code} />
        </div>
        <SubmitButton pendingLabel={labels.verifying} className="w-full">{labels.verify}</SubmitButton>
      </form>
      <button type="button" onClick={() => setRestart((n) => n + 1)} className="text-brand-800 underline underline-offset-2">{labels.again}</button>
    </div>
  );
}

/** One field and a button: the invitation link (token hidden) or a code from a printed letter. */
export function TokenSignIn({ action, kind, token, labels }: { action: VerifyAction; kind: 'invite' | 'letter'; token?: string; labels: { field?: string; hint?: string; submit: string; submitting: string } }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-3" noValidate>
      {state && !state.ok && <FormMessage message={state.message} />}
      <input type="hidden" name="kind" value={kind} />
      {token ? (
        <input type="hidden" name="token" value={token} />
      ) : (
        <div>
          <label htmlFor="letter-code" className="block font-medium">{labels.field}</label>
          {labels.hint && <p id="letter-hint" className="text-sm text-stone-700">{labels.hint}</p>}
          <input id="letter-code" name="token" type="text" autoComplete="off" autoCapitalize="characters" aria-invalid={errors.token ? true : undefined} aria-describedby={errors.token ? 'letter-hint letter-error' : 'letter-hint'} className={`${input} font-mono uppercase`} />
          <FieldError id="letter-error" errors={errors.token} />
        </div>
      )}
      <SubmitButton pendingLabel={labels.submitting} className="w-full">{labels.submit}</SubmitButton>
    </form>
  );
}
