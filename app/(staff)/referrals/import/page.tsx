import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CsvImport } from '@/components/intake/csv-import';
import { IntakeIntl } from '@/components/intake/intake-intl';
import { requireActor } from '@/lib/auth/session';
import { csvColumns, requiredCsvColumns } from '@/lib/intake/csv';
import { importCsvAction, previewCsvAction } from './actions';

export const metadata: Metadata = { title: 'Import referrals' };

export default async function ImportReferralsPage() {
  await requireActor(['prosecutor']);
  const t = await getTranslations('intake.csv');
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 text-stone-700">{t('intro')}</p>
      <details className="mt-3 rounded-lg border border-stone-200 bg-white p-3 text-sm">
        <summary className="cursor-pointer font-medium">{t('columnsTitle')}</summary>
        <p className="mt-2">{t('columnsIntro')}</p>
        <ul className="mt-2 grid gap-x-6 sm:grid-cols-2">
          {csvColumns.map(([c]) => (
            <li key={c} className="font-mono text-xs">
              {c}
              {requiredCsvColumns.includes(c) ? ' *' : ''}
            </li>
          ))}
        </ul>
      </details>
      <div className="mt-6">
        <IntakeIntl>
          <CsvImport previewAction={previewCsvAction} importAction={importCsvAction} templateHref="/referrals/import/template.csv" />
        </IntakeIntl>
      </div>
    </div>
  );
}
