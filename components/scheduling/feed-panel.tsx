'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/actions';
import { FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

type FeedResult = { op: 'create' | 'revoke'; url: string | null };
type FeedAction = (prev: ActionResult<FeedResult> | null, fd: FormData) => Promise<ActionResult<FeedResult>>;

/** Create, replace or turn off the private calendar link. The link is shown once, right after it is made. */
export function FeedPanel({ action, active, labels }: { action: FeedAction; active: boolean; labels: Record<'intro' | 'create' | 'replace' | 'revoke' | 'copyHint' | 'activeNote' | 'revoked' | 'urlLabel', string> }) {
  const [state, formAction] = useActionState(action, null);
  const url = state?.ok ? state.data.url : null;
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-700">{labels.intro}</p>
      {state && !state.ok && <FormMessage message={state.message} />}
      {state?.ok && state.data.op === 'revoke' && <FormMessage tone="success" message={labels.revoked} />}
      {url && (
        <div>
          <label htmlFor="feed-url" className="block font-medium">{labels.urlLabel}</label>
          <input id="feed-url" readOnly value={url} aria-describedby="feed-hint" className="mt-1 block w-full rounded-md border border-stone-400 bg-stone-50 px-3 py-2 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
          <p id="feed-hint" className="mt-1 text-sm text-stone-600">{labels.copyHint}</p>
        </div>
      )}
      {active && !url && <p className="text-sm">{labels.activeNote}</p>}
      <div className="flex flex-wrap gap-2">
        <form action={formAction}>
          <input type="hidden" name="op" value="create" />
          <SubmitButton>{active ? labels.replace : labels.create}</SubmitButton>
        </form>
        {active && (
          <form action={formAction}>
            <input type="hidden" name="op" value="revoke" />
            <button type="submit" className="rounded-md border border-stone-400 bg-white px-4 py-2.5 font-medium text-stone-800 hover:bg-stone-50">{labels.revoke}</button>
          </form>
        )}
      </div>
    </div>
  );
}
