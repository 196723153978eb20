'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/actions';

type Act<T> = (p: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
const box = 'mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2';

/** The prosecutor decides (needs review) or overrides the screening, with a written reason. */
export function OverrideForm({ action, caseId, version, choices }: { action: Act<{ version: number; status: string }>; caseId: string; version: number; choices: ('eligible' | 'ineligible')[] }) {
  const t = useTranslations('intake.screening');
  const [state, formAction] = useActionState(action, null);
  const e = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  if (state?.ok) return <FormMessage tone="success" message={t('decided')} />;
  return (
    <form action={formAction} className="space-y-3" data-testid="override-form">
      {state && !state.ok && <FormMessage message={state.message} />}
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <fieldset aria-describedby={e.decision ? 'decision-error' : undefined}>
        <legend className="font-medium">{t('decisionLegend')}</legend>
        <div className="mt-1 flex flex-wrap gap-x-5">
          {choices.map((c) => (
            <label key={c} className="inline-flex min-h-11 items-center gap-2">
              <input type="radio" name="decision" value={c} defaultChecked={kept?.decision ? kept.decision === c : choices.length === 1} className="h-5 w-5" />
              {t(`decide.${c}`)}
            </label>
          ))}
        </div>
        <FieldError id="decision-error" errors={e.decision} />
      </fieldset>
      <div>
        <label htmlFor="override-reason" className="block font-medium">
          {t('reasonLabel')}
        </label>
        <p id="override-reason-hint" className="text-sm text-stone-600">
          {t('reasonHint')}
        </p>
        <textarea id="override-reason" name="reason" rows={3} maxLength={2000} defaultValue={kept?.reason} aria-describedby={['override-reason-hint', e.reason ? 'override-reason-error' : ''].filter(Boolean).join(' ')} className={box} />
        <FieldError id="override-reason-error" errors={e.reason} />
      </div>
      <SubmitButton>{t('saveDecision')}</SubmitButton>
    </form>
  );
}

/** Close an ineligible case: it goes back to the prosecutor's file. */
export function ReturnIneligibleForm({ action, caseId, version }: { action: Act<{ version: number; status: string }>; caseId: string; version: number }) {
  const t = useTranslations('intake.screening');
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) return <FormMessage tone="success" message={t('returned')} />;
  return (
    <form action={formAction} className="space-y-2">
      {state && !state.ok && <FormMessage message={state.message} />}
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton>{t('returnToOffice')}</SubmitButton>
    </form>
  );
}

/** The coordinator records the participant's answer on their behalf. */
export function OfferAnswerForm({ action, caseId, version }: { action: Act<{ version: number; status: string; routing: string | null }>; caseId: string; version: number }) {
  const t = useTranslations('intake.offer');
  const [state, formAction] = useActionState(action, null);
  const kept = state && !state.ok ? state.values : undefined;
  if (state?.ok) return <FormMessage tone="success" message={state.data.routing ? t('recordedRouted', { routing: state.data.routing }) : t('recorded')} />;
  return (
    <form action={formAction} className="space-y-3" data-testid="offer-form">
      {state && !state.ok && <FormMessage message={state.message} />}
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <fieldset>
        <legend className="font-medium">{t('answerLegend')}</legend>
        <div className="mt-1 flex flex-wrap gap-x-5">
          <label className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name="answer" value="accept" defaultChecked={kept?.answer !== 'decline'} className="h-5 w-5" />
            {t('accepted')}
          </label>
          <label className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name="answer" value="decline" defaultChecked={kept?.answer === 'decline'} className="h-5 w-5" />
            {t('declined')}
          </label>
        </div>
      </fieldset>
      <div>
        <label htmlFor="offer-note" className="block font-medium">
          {t('noteLabel')}
        </label>
        <input id="offer-note" name="note" maxLength={1000} defaultValue={kept?.note} placeholder={t('notePlaceholder')} className={box} />
      </div>
      <SubmitButton>{t('record')}</SubmitButton>
    </form>
  );
}

/** The coordinator chooses a board (queue) or reassigns, always with a written reason. */
export function AssignBoardForm({ action, caseId, version, boards, currentBoardId, submitLabel }: { action: Act<{ version: number; status: string }>; caseId: string; version: number; boards: { id: string; label: string }[]; currentBoardId: string | null; submitLabel: string }) {
  const t = useTranslations('intake.routing');
  const [state, formAction] = useActionState(action, null);
  const e = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  if (state?.ok) return <FormMessage tone="success" message={t('assigned')} />;
  return (
    <form action={formAction} className="space-y-3" data-testid="assign-form">
      {state && !state.ok && <FormMessage message={state.message} />}
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <div>
        <label htmlFor={`board-${caseId}`} className="block font-medium">
          {t('boardLabel')}
        </label>
        <select id={`board-${caseId}`} name="boardId" defaultValue={kept?.boardId ?? ''} aria-describedby={e.boardId ? `board-${caseId}-error` : undefined} className={box}>
          <option value="">{t('chooseBoard')}</option>
          {boards
            .filter((b) => b.id !== currentBoardId)
            .map((b) => (
              <option key={b.id} value={b.id}>
                {b.label}
              </option>
            ))}
        </select>
        <FieldError id={`board-${caseId}-error`} errors={e.boardId} />
      </div>
      <div>
        <label htmlFor={`reason-${caseId}`} className="block font-medium">
          {t('reasonLabel')}
        </label>
        <textarea id={`reason-${caseId}`} name="reason" rows={2} maxLength={1000} defaultValue={kept?.reason} aria-describedby={e.reason ? `reason-${caseId}-error` : undefined} className={box} />
        <FieldError id={`reason-${caseId}-error`} errors={e.reason} />
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}

/** Ask the routing rules again (a board got room, a ZIP was added). */
export function RouteAgainForm({ action, caseId, version }: { action: Act<{ version: number; status: string; routing: string }>; caseId: string; version: number }) {
  const t = useTranslations('intake.routing');
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      {state && (state.ok ? <FormMessage tone={state.data.status === 'assigned' ? 'success' : 'error'} message={state.data.routing} /> : <FormMessage message={state.message} />)}
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={state?.ok ? state.data.version : version} />
      <SubmitButton>{t('routeAgain')}</SubmitButton>
    </form>
  );
}
