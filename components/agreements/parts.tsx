import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { ProgressRow } from '@/db/queries/agreement-progress';
import type { CaseAgreements, ObligationView } from '@/db/queries/agreements';
import type { AgreementSignature } from '@/db/schema';
import { localizeItemText, type StandardTextKey } from '@/lib/domain/agreement-standard-text';

/** Quantities in their unit: "1 hour", "10 hours", "$40.00", "3 meetings" (plural rules of the reader's language). */
export async function qtyFormatter() {
  const t = await getTranslations('agreements');
  const format = await getFormatter();
  return (unit: string, n: number) => (unit === 'cents' ? format.number(n / 100, { style: 'currency', currency: 'USD' }) : t(`unit.${unit}`, { n: Math.round(n * 100) / 100 }));
}

/**
 * A calendar day stored as `YYYY-MM-DD` (a due date, the day progress happened), written out in the
 * reader's language: "December 15, 2026" / "15 de diciembre de 2026". The day is the jurisdiction's
 * own calendar day, so it is formatted as that day (noon UTC), never shifted by a time zone.
 */
export async function dayFormatter() {
  const format = await getFormatter();
  return (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' }) : iso);
}

const stateTone: Record<ObligationView['state'], string> = {
  complete: 'bg-green-100 text-green-900 border-green-300',
  overdue: 'bg-red-100 text-red-900 border-red-300',
  due_soon: 'bg-amber-100 text-amber-900 border-amber-300',
  open: 'bg-stone-100 text-stone-800 border-stone-300',
};

export async function VersionSummary({ v, pdfHref }: { v: CaseAgreements['history'][number]; pdfHref?: string }) {
  const t = await getTranslations('agreements');
  const day = await dayFormatter();
  const a = v.agreement;
  return (
    <div className="text-sm">
      <p className="font-medium">
        {t('versionLine', { n: a.number, status: t(`status.${a.status}`) })} · {t('period', { from: day(a.startsOn), checkIn: day(a.checkInOn), to: day(a.endsOn) })}
      </p>
      {a.amendmentReason && <p className="mt-1">{t('amendedBecause', { reason: a.amendmentReason })}</p>}
      {a.approvedAt && <p className="mt-1 text-stone-700">{t('approvedNote', { note: a.approvalNote ?? '' })}</p>}
      {pdfHref && (
        <a href={pdfHref} className="mt-1 inline-block text-brand-700 underline" data-testid="agreement-pdf">
          {t('pdfLink')}
        </a>
      )}
    </div>
  );
}

/** `action`: what a staff viewer may do on an item (refer a treatment item to a provider). */
export async function ObligationList({ items, compact = false, action }: { items: ObligationView[]; compact?: boolean; action?: (i: ObligationView) => React.ReactNode }) {
  const t = await getTranslations('agreements');
  const qty = await qtyFormatter();
  // The system's own item wording in the reader's language (a Spanish-speaking participant), like the PDF.
  const lang = (await getLocale()) === 'es' ? 'es' : 'en';
  const standard = t.raw('standardText') as Record<StandardTextKey, string>;
  const day = await dayFormatter();
  return (
    <ul className="mt-2 space-y-2" data-testid="obligations">
      {items.map((item) => localizeItemText(item, lang, standard)).map((i) => (
        <li key={i.id} className="rounded-md border border-stone-200 bg-white p-3" data-testid={`obligation-${i.kind}`}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <span className="font-medium">{i.title}</span>
            <span className={`rounded-full border px-2 py-0.5 text-xs font-medium ${stateTone[i.state]}`} data-testid="obligation-state">
              {t(`state.${i.state}`)}
            </span>
          </div>
          {!compact && i.details && <p className="text-sm text-stone-700">{i.details}</p>}
          <p className="text-sm">
            {t('doneLine', { done: qty(i.unit, i.done), target: qty(i.unit, i.targetQuantity), remaining: qty(i.unit, i.remaining), due: day(i.dueOn) })}
          </p>
          {i.pending > 0 && <p className="text-sm text-stone-600">{t('pendingLine', { pending: qty(i.unit, i.pending) })}</p>}
          {!compact && <p className="text-sm text-stone-600">{t('verifiedBy', { how: i.verification })}</p>}
          {!compact && i.noCostAlternative && <p className="text-sm text-stone-600">{t('alternativeIs', { alt: i.noCostAlternative })}</p>}
          {action?.(i)}
        </li>
      ))}
    </ul>
  );
}

/** `timeZone`: the jurisdiction's, so the time of signing reads as it did in the room. */
export async function SignatureList({ sigs, timeZone }: { sigs: AgreementSignature[]; timeZone?: string }) {
  const t = await getTranslations('agreements');
  const format = await getFormatter();
  if (!sigs.length) return <p className="mt-1 text-sm text-stone-600">{t('noSignatures')}</p>;
  return (
    <ul className="mt-1 space-y-1 text-sm" data-testid="signatures">
      {sigs.map((s) => (
        <li key={s.id}>
          {t('signatureLine', { role: t(`signer.${s.signerRole}`), name: s.typedName, when: format.dateTime(s.signedAt, { dateStyle: 'long', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }), method: t(`method.${s.method}`) })}
        </li>
      ))}
    </ul>
  );
}

export async function ProgressList({ rows, review }: { rows: ProgressRow[]; review?: (e: ProgressRow) => React.ReactNode }) {
  const t = await getTranslations('agreements');
  const qty = await qtyFormatter();
  const day = await dayFormatter();
  if (!rows.length) return <p className="mt-1 text-sm text-stone-600">{t('noProgress')}</p>;
  return (
    <ul className="mt-2 space-y-2" data-testid="progress">
      {rows.map((e) => (
        <li key={e.id} className="rounded-md border border-stone-200 p-3 text-sm" data-testid="progress-entry">
          <p>
            <span className="font-medium">{e.itemTitle}</span> · {qty(e.unit, e.quantity)} · {day(e.occurredOn)}
            {e.place ? ` · ${e.place}` : ''}
          </p>
          {e.supervisorContact && <p className="text-stone-700">{t('supervisorIs', { who: e.supervisorContact })}</p>}
          {e.note && <p className="text-stone-700">{e.note}</p>}
          <p className="text-stone-600">
            {t(`progressStatus.${e.status}`)}
            {e.onBehalf ? ` · ${t('loggedBy', { name: e.loggedBy })}` : ''}
            {e.rejectionReason ? ` — ${e.rejectionReason}` : ''}
          </p>
          {e.files.map((f) => (
            <a key={f.id} href={`/api/proof/${f.id}`} className="mr-3 text-brand-700 underline" data-testid="proof-link">
              {t('proofLink', { name: f.name })}
            </a>
          ))}
          {review?.(e)}
        </li>
      ))}
    </ul>
  );
}
