'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { FormMessage } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions';

export function PortalOfferForm({ action, caseId, version }: { action: (p: ActionResult<{ status: string }> | null, fd: FormData) => Promise<ActionResult<{ status: string }>>; caseId: string; version: number }) {
  const t = useTranslations('intake.portal');
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) return <FormMessage tone="success" message={state.data.status === 'returned' ? t('declinedDone') : t('acceptedDone')} />;
  return (
    <form action={formAction} className="space-y-3">
      {state && !state.ok && <FormMessage message={state.message} />}
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <div className="flex flex-col gap-3 sm:flex-row">
        <button type="submit" name="answer" value="accept" disabled={pending} className="rounded-md bg-brand-700 px-4 py-3 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
          {t('accept')}
        </button>
        <button type="submit" name="answer" value="decline" disabled={pending} className="rounded-md border border-stone-400 bg-white px-4 py-3 font-medium text-stone-800 hover:bg-stone-100 disabled:opacity-70">
          {t('decline')}
        </button>
      </div>
      <p className="text-sm text-stone-600">{t('choiceNote')}</p>
    </form>
  );
}
