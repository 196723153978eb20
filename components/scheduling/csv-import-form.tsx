'use client';

import { useActionState, useRef } from 'react';
import type { ActionResult } from '@/lib/actions';
import type { CsvImportResult } from '@/db/queries/volunteers';
import { FieldError, FormMessage } from '@/components/ui/field';

/** Paste or pick a CSV; check it first (every row's errors listed), then import all or nothing. */
export function CsvImportForm({ action, labels }: { action: (prev: ActionResult<CsvImportResult> | null, fd: FormData) => Promise<ActionResult<CsvImportResult>>; labels: Record<'file' | 'paste' | 'hint' | 'check' | 'import' | 'checked' | 'imported' | 'errorsTitle' | 'row' | 'column', string> }) {
  const [state, formAction] = useActionState(action, null);
  const text = useRef<HTMLTextAreaElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const kept = state && !state.ok ? state.values : undefined;
  const r = state?.ok ? state.data : null;
  return (
    <form action={formAction} className="space-y-3">
      {state && !state.ok && <FormMessage message={state.message} />}
      {r && r.errors.length === 0 && <FormMessage tone="success" message={(r.dryRun ? labels.checked : labels.imported).replace('#created#', String(r.created)).replace('#updated#', String(r.updated))} />}
      {r && r.errors.length > 0 && (
        <div role="alert" data-testid="import-errors" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          <p className="font-medium">{labels.errorsTitle.replace('#count#', String(r.errors.length))}</p>
          <ul className="mt-1 list-inside list-disc text-sm">
            {r.errors.map((e, i) => (
              <li key={i}>{labels.row} {e.row} · {labels.column} {e.field}: {e.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <label htmlFor="csv-file" className="block font-medium">{labels.file}</label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          className="mt-1 block text-sm"
          onChange={async (e) => {
            const f = e.currentTarget.files?.[0];
            if (f && text.current) text.current.value = await f.text();
          }}
        />
      </div>
      <div>
        <label htmlFor="csv" className="block font-medium">{labels.paste}</label>
        <p id="csv-hint" className="text-sm text-stone-600">{labels.hint}</p>
        <textarea ref={text} id="csv" name="csv" rows={6} defaultValue={kept?.csv ?? (r?.errors.length ? undefined : '')} aria-describedby={`csv-hint${errors.csv ? ' csv-error' : ''}`} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 font-mono text-xs" />
        <FieldError id="csv-error" errors={errors.csv} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="mode" value="check" className="rounded-md border border-stone-400 bg-white px-4 py-2.5 font-medium">{labels.check}</button>
        <button type="submit" name="mode" value="import" className="rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-800">{labels.import}</button>
      </div>
    </form>
  );
}
