'use server';

import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { importReferralCsv, previewReferralCsv, type CsvImportResult, type CsvPreview } from '@/db/queries/referrals';
import { errorResult, type ActionResult } from '@/lib/actions';
import { getActor } from '@/lib/auth/session';
import { can } from '@/lib/permissions';

const MAX_BYTES = 2_500_000;

async function readCsv(fd: FormData): Promise<string | null> {
  const file = fd.get('file');
  if (file instanceof File && file.size > 0) return file.size > MAX_BYTES ? null : file.text();
  const text = fd.get('csv');
  return typeof text === 'string' && text.length > 0 && text.length <= MAX_BYTES ? text : null;
}

/** Step 1: check the file; nothing is saved. The text comes back so step 2 imports exactly it. */
export async function previewCsvAction(_prev: ActionResult<{ preview: CsvPreview; csv: string; fileName: string }> | null, fd: FormData): Promise<ActionResult<{ preview: CsvPreview; csv: string; fileName: string }>> {
  const t = await getTranslations('intake.csv');
  try {
    const actor = await getActor();
    if (!actor) return { ok: false, message: t('sessionEnded'), fieldErrors: {} };
    if (!can(actor.role, 'case.refer')) {
      await writeAudit(await getDb(), actor, { action: 'case.refer', outcome: 'denied' });
      return { ok: false, message: t('notAllowed'), fieldErrors: {} };
    }
    const csv = await readCsv(fd);
    if (csv === null) return { ok: false, message: t('chooseFile'), fieldErrors: { file: [t('chooseFile')] } };
    const file = fd.get('file');
    return { ok: true, data: { preview: await previewReferralCsv(await getDb(), actor, csv), csv, fileName: file instanceof File ? file.name : '' } };
  } catch (err) {
    unstable_rethrow(err);
    return errorResult(err);
  }
}

/** Step 2: import the valid rows of the checked file; report the rest by line and column. */
export async function importCsvAction(_prev: ActionResult<CsvImportResult> | null, fd: FormData): Promise<ActionResult<CsvImportResult>> {
  const t = await getTranslations('intake.csv');
  try {
    const actor = await getActor();
    if (!actor) return { ok: false, message: t('sessionEnded'), fieldErrors: {} };
    if (!can(actor.role, 'case.refer')) {
      await writeAudit(await getDb(), actor, { action: 'case.refer', outcome: 'denied' });
      return { ok: false, message: t('notAllowed'), fieldErrors: {} };
    }
    const csv = await readCsv(fd);
    if (csv === null) return { ok: false, message: t('chooseFile'), fieldErrors: {} };
    const result = await importReferralCsv(await getDb(), actor, csv);
    revalidatePath('/cases');
    return { ok: true, data: result };
  } catch (err) {
    unstable_rethrow(err);
    return errorResult(err);
  }
}
