'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

type Letter = { code: string; expiresAt: string; firstName: string; lastName: string; locale: 'en' | 'es' };
export type LetterText = { title: string; greeting: string; intro: string; steps: string[]; codeLabel: string; expires: string; once: string; help: string; program: string };

/** Invitation by text/email, and a printable one-time letter (the code is shown once). */
export function PortalAccessPanel({
  caseId,
  inviteAction,
  letterAction,
  labels,
  letterText,
  siteUrl,
  timeZone,
}: {
  caseId: string;
  inviteAction: (p: ActionResult<{ channels: string[]; expiresAt: string }> | null, fd: FormData) => Promise<ActionResult<{ channels: string[]; expiresAt: string }>>;
  letterAction: (p: ActionResult<Letter> | null, fd: FormData) => Promise<ActionResult<Letter>>;
  labels: { invite: string; inviting: string; invited: string; letter: string; making: string; print: string; letterNote: string };
  letterText: Record<'en' | 'es', LetterText>;
  siteUrl: string;
  timeZone: string;
}) {
  const [invite, inviteForm] = useActionState(inviteAction, null);
  const [letter, letterForm] = useActionState(letterAction, null);
  const l = letter?.ok ? letter.data : null;
  const text = l ? letterText[l.locale] : null;
  const fill = (s: string) =>
    l ? s.replace('{name}', l.firstName).replace('{site}', siteUrl).replace('{date}', new Date(l.expiresAt).toLocaleDateString(l.locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone })) : s;
  return (
    <div className="space-y-6">
      <form action={inviteForm} className="space-y-3 print:hidden">
        <input type="hidden" name="caseId" value={caseId} />
        {invite && !invite.ok && <FormMessage message={invite.message} />}
        {invite?.ok && <FormMessage tone="success" message={`${labels.invited} (${invite.data.channels.join(', ')})`} />}
        <SubmitButton pendingLabel={labels.inviting}>{labels.invite}</SubmitButton>
      </form>
      <form action={letterForm} className="space-y-3 print:hidden">
        <input type="hidden" name="caseId" value={caseId} />
        <p className="text-sm text-stone-700">{labels.letterNote}</p>
        {letter && !letter.ok && <FormMessage message={letter.message} />}
        <SubmitButton pendingLabel={labels.making}>{labels.letter}</SubmitButton>
      </form>
      {l && text && (
        <>
          <button type="button" onClick={() => window.print()} className="rounded-md border border-brand-700 px-4 py-2 font-medium text-brand-800 print:hidden">
            {labels.print}
          </button>
          <article lang={l.locale} className="rounded-lg border border-stone-300 bg-white p-6 text-lg leading-relaxed print:border-0 print:p-0" data-testid="sign-in-letter">
            <p className="text-sm font-semibold">{text.program}</p>
            <h2 className="mt-4 text-2xl font-semibold">{text.title}</h2>
            <p className="mt-4">{fill(text.greeting)}</p>
            <p className="mt-2">{fill(text.intro)}</p>
            <ol className="mt-2 list-decimal space-y-1 pl-6">
              {text.steps.map((s) => (
                <li key={s}>{fill(s)}</li>
              ))}
            </ol>
            <p className="mt-4">{text.codeLabel}</p>
            <p className="mt-1 font-mono text-3xl font-bold tracking-widest" data-testid="letter-code">{l.code}</p>
            <p className="mt-4">{fill(text.expires)}</p>
            <p className="mt-2">{text.once}</p>
            <p className="mt-4">{text.help}</p>
          </article>
        </>
      )}
    </div>
  );
}
