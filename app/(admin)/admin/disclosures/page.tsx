import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { listDisclosures } from '@/db/queries/treatment';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Treatment disclosures' };

/** The jurisdiction's accounting of disclosures under 42 CFR Part 2 (screen only; never exported). */
export default async function DisclosuresPage() {
  const actor = await requireActor(['admin']);
  const db = await getDb();
  const [jurisdiction, rows] = await Promise.all([getMyJurisdiction(db, actor), listDisclosures(db, actor, { limit: 500 })]);
  const t = await getTranslations('treatment');
  const ta = await getTranslations('treatment.admin');
  const tp = await getTranslations('treatment.portal');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: jurisdiction.timeZone });
  return (
    <>
      <h1 className="text-2xl font-semibold">{ta('title')}</h1>
      <p className="mt-1 max-w-3xl text-stone-700">{ta('intro')}</p>
      {rows.length === 0 ? (
        <p className="mt-4 rounded-lg border border-stone-200 bg-white p-4">{ta('none')}</p>
      ) : (
        <ul className="mt-4 space-y-2" data-testid="disclosures">
          {rows.map((d) => (
            <li key={d.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
              <p>
                <time dateTime={d.disclosedAt.toISOString()} className="tabular-nums">{when(d.disclosedAt)}</time> · {ta('colCase')} {d.caseNumber} · {ta('colPatient')}: {d.patientName}
              </p>
              <p>
                {tp('colWho')}: <span className="font-medium">{t(`recipientKind.${d.recipientKind}`)}</span> — {d.recipientName} ({d.recipientRole}) · {tp('colHow')}: {t(`channel.${d.channel}`)} · {ta('colConsent')}: {d.consentSignedOn}
              </p>
              <p className="text-stone-700">{d.what}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
