'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/actions';
import type { Criterion } from '@/lib/domain/eligibility';

const box = 'mt-1 block w-28 rounded-md border border-stone-400 bg-white px-3 py-2';

/** Edit the written policy: saving creates a new version; decisions already taken keep theirs. */
export function PolicyForm({ action, version, divertsCases, criteria }: { action: (p: ActionResult<{ version: number }> | null, fd: FormData) => Promise<ActionResult<{ version: number }>>; version: number; divertsCases: boolean; criteria: Criterion[] }) {
  const t = useTranslations('intake.policy');
  const tc = useTranslations('intake.criterion');
  const [state, formAction] = useActionState(action, null);
  const e = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  const checked = (name: string, fallback: boolean) => (kept ? kept[name] === 'on' : fallback);
  const param = (c: Criterion) =>
    c.kind === 'violent_history_within_years' || c.kind === 'failed_diversion_within_years'
      ? { name: `${c.kind}.years`, label: t('years'), value: String(c.years) }
      : c.kind === 'distribution_quantity'
        ? { name: `${c.kind}.maxGrams`, label: t('maxGrams'), value: String(c.maxGrams) }
        : null;
  return (
    <form action={formAction} className="space-y-4" key={state?.ok ? `v${state.data.version}` : 'form'}>
      {state && (state.ok ? <FormMessage tone="success" message={t('saved', { version: state.data.version })} /> : <FormMessage message={state.message} />)}
      <input type="hidden" name="basedOnVersion" value={state?.ok ? state.data.version : version} />
      <label className="flex min-h-11 items-start gap-2 rounded-lg border border-stone-200 bg-white p-3">
        <input type="checkbox" name="divertsCases" defaultChecked={checked('divertsCases', divertsCases)} className="mt-1 h-5 w-5" />
        <span>
          <span className="font-medium">{t('divertsCases')}</span>
          <span className="block text-sm text-stone-600">{t('divertsCasesHint')}</span>
        </span>
      </label>
      <fieldset className="space-y-2 rounded-lg border border-stone-200 bg-white p-3">
        <legend className="px-1 font-medium">{t('criteriaLegend')}</legend>
        {criteria.map((c) => {
          const p = param(c);
          const id = `${c.kind}-param`;
          return (
            <div key={c.kind} className="flex flex-wrap items-end justify-between gap-3 border-b border-stone-100 pb-2 last:border-0">
              <label className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name={`${c.kind}.enabled`} defaultChecked={checked(`${c.kind}.enabled`, c.enabled)} className="h-5 w-5" />
                {tc(c.kind)}
              </label>
              {p && (
                <div>
                  <label htmlFor={id} className="block text-sm">
                    {p.label}
                  </label>
                  <input id={id} name={p.name} inputMode="decimal" defaultValue={kept?.[p.name] ?? p.value} aria-describedby={e[p.name] ? `${id}-error` : undefined} className={box} />
                  <FieldError id={`${id}-error`} errors={e[p.name]} />
                </div>
              )}
            </div>
          );
        })}
      </fieldset>
      <div>
        <label htmlFor="policy-note" className="block font-medium">
          {t('note')}
        </label>
        <textarea id="policy-note" name="note" rows={2} maxLength={1000} defaultValue={kept?.note} aria-describedby={e.note ? 'policy-note-error' : undefined} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2" />
        <FieldError id="policy-note-error" errors={e.note} />
      </div>
      <SubmitButton>{t('save')}</SubmitButton>
    </form>
  );
}
