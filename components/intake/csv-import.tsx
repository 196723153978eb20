'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { CsvImportResult, CsvPreview, CsvRowIssue } from '@/db/queries/referrals';
import type { ActionResult } from '@/lib/actions';

type PreviewState = ActionResult<{ preview: CsvPreview; csv: string; fileName: string }>;
type ImportState = ActionResult<CsvImportResult>;

function IssueList({ rows, caption }: { rows: { line: number; externalCaseNumber: string; issues: CsvRowIssue[] }[]; caption: string }) {
  const t = useTranslations('intake.csv');
  const flat = rows.flatMap((r) => r.issues.map((i, k) => ({ key: `${r.line}-${k}`, line: r.line, number: r.externalCaseNumber, ...i })));
  return (
    <>
      {/* Cards on phones, a table from medium screens up. */}
      <ul className="mt-2 space-y-2 md:hidden">
        {flat.map((i) => (
          <li key={i.key} className="rounded-md border border-red-200 bg-white p-3 text-sm">
            <span className="font-medium">{t('lineColumn', { line: i.line, column: i.column })}</span>
            {i.number && <span className="text-stone-600"> · {i.number}</span>}
            <span className="block">{i.message}</span>
          </li>
        ))}
      </ul>
      <div className="mt-2 hidden max-h-[32rem] overflow-auto rounded-lg border border-stone-200 bg-white md:block">
        <table className="w-full text-left text-sm" data-testid="csv-issues">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 border-b border-stone-200 bg-stone-50 text-stone-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">{t('colLine')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('colColumn')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('colCase')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('colProblem')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {flat.map((i) => (
              <tr key={i.key}>
                <td className="px-3 py-1.5 tabular-nums">{i.line}</td>
                <td className="px-3 py-1.5 font-mono text-xs">{i.column}</td>
                <td className="px-3 py-1.5">{i.number}</td>
                <td className="px-3 py-1.5">{i.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function CsvImport({ previewAction, importAction, templateHref }: { previewAction: (p: PreviewState | null, fd: FormData) => Promise<PreviewState>; importAction: (p: ImportState | null, fd: FormData) => Promise<ImportState>; templateHref: string }) {
  const t = useTranslations('intake.csv');
  const [preview, previewFormAction] = useActionState(previewAction, null);
  const [imported, importFormAction] = useActionState(importAction, null);
  const p = preview?.ok ? preview.data.preview : null;
  const done = imported?.ok ? imported.data : null;
  return (
    <div className="space-y-6">
      <form action={previewFormAction} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-semibold">{t('step1')}</h2>
        <p className="text-sm text-stone-700">
          {t('step1Intro')}{' '}
          <a href={templateHref} download="referrals-template.csv" className="text-brand-700 underline">
            {t('template')}
          </a>
        </p>
        {preview && !preview.ok && <FormMessage message={preview.message} />}
        <div>
          <label htmlFor="file" className="block font-medium">
            {t('file')}
          </label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby={preview && !preview.ok && preview.fieldErrors.file ? 'file-error' : undefined} className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-2" />
          <FieldError id="file-error" errors={preview && !preview.ok ? preview.fieldErrors.file : undefined} />
        </div>
        <SubmitButton pendingLabel={t('checking')}>{t('check')}</SubmitButton>
      </form>

      {p && (
        <section aria-labelledby="preview-h" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4" data-testid="csv-preview">
          <h2 id="preview-h" className="text-lg font-semibold">
            {t('step2', { file: preview?.ok ? preview.data.fileName : '' })}
          </h2>
          {p.fileProblems.length > 0 ? (
            <ul className="space-y-1 text-red-800" role="alert">
              {p.fileProblems.map((f, i) => (
                <li key={i}>{f.line ? t('lineProblem', { line: f.line, message: f.message }) : f.message}</li>
              ))}
            </ul>
          ) : (
            <>
              <p aria-live="polite" data-testid="csv-counts">
                {t('counts', { total: p.counts.total, ready: p.counts.ready, invalid: p.counts.invalid, already: p.counts.alreadyImported })}
              </p>
              {p.unknownColumns.length > 0 && <p className="text-sm text-stone-700">{t('unknownColumns', { columns: p.unknownColumns.join(', ') })}</p>}
              {p.rows.some((r) => r.linksTo) && (
                <details className="text-sm">
                  <summary className="cursor-pointer font-medium">{t('linked', { count: p.rows.filter((r) => r.linksTo).length })}</summary>
                  <ul className="mt-1 list-inside list-disc">
                    {p.rows
                      .filter((r) => r.linksTo)
                      .map((r) => (
                        <li key={r.line}>{t('linkedRow', { line: r.line, name: r.name, cases: r.linksTo!.caseNumbers.join(', ') })}</li>
                      ))}
                  </ul>
                </details>
              )}
              {p.counts.invalid > 0 && (
                <>
                  <h3 className="font-medium">{t('problemsTitle')}</h3>
                  <IssueList rows={p.rows.filter((r) => r.outcome === 'invalid')} caption={t('problemsTitle')} />
                </>
              )}
              {p.counts.ready > 0 && !done && (
                <form action={importFormAction}>
                  <input type="hidden" name="csv" value={preview?.ok ? preview.data.csv : ''} />
                  {imported && !imported.ok && <FormMessage message={imported.message} />}
                  <SubmitButton pendingLabel={t('importing')}>{t('import', { count: p.counts.ready })}</SubmitButton>
                  {p.counts.invalid > 0 && <p className="mt-2 text-sm text-stone-600">{t('importNote')}</p>}
                </form>
              )}
            </>
          )}
        </section>
      )}

      {done && (
        <section aria-labelledby="done-h" className="space-y-2 rounded-lg border border-green-300 bg-green-50 p-4" data-testid="csv-result">
          <h2 id="done-h" className="text-lg font-semibold">
            {t('doneTitle')}
          </h2>
          <p role="status">{t('done', { created: done.created, linked: done.linked, already: done.alreadyImported, failed: done.failed.length })}</p>
          {done.failed.length > 0 && <IssueList rows={done.failed} caption={t('notImported')} />}
        </section>
      )}
    </div>
  );
}
