'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/actions';

export function ApiTokenForm({ action }: { action: (p: ActionResult<{ name: string; token: string }> | null, fd: FormData) => Promise<ActionResult<{ name: string; token: string }>> }) {
  const t = useTranslations('intake.tokens');
  const [state, formAction] = useActionState(action, null);
  const e = state && !state.ok ? state.fieldErrors : {};
  return (
    <div className="space-y-3">
      {state?.ok && (
        <div role="status" className="rounded-md border border-amber-400 bg-amber-50 p-3" data-testid="new-token">
          <p className="font-medium">{t('createdOnce', { name: state.data.name })}</p>
          <label htmlFor="new-token-value" className="sr-only">
            {t('tokenValue')}
          </label>
          <input id="new-token-value" readOnly value={state.data.token} className="mt-2 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 font-mono text-sm" onFocus={(ev) => ev.currentTarget.select()} />
        </div>
      )}
      <form action={formAction} className="flex flex-col gap-3 sm:flex-row sm:items-end" key={state?.ok ? state.data.token : 'form'}>
        {state && !state.ok && <FormMessage message={state.message} />}
        <div className="grow">
          <label htmlFor="token-name" className="block font-medium">
            {t('name')}
          </label>
          <input id="token-name" name="name" defaultValue={state && !state.ok ? state.values?.name : ''} placeholder={t('namePlaceholder')} aria-describedby={e.name ? 'token-name-error' : undefined} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2" />
          <FieldError id="token-name-error" errors={e.name} />
        </div>
        <SubmitButton>{t('create')}</SubmitButton>
      </form>
    </div>
  );
}
