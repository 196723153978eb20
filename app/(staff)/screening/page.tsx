import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { listOverrides, listScreeningQueue } from '@/db/queries/screening';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Screening' };

/** The prosecutor's queue: cases that need review, not yet screened, or screened out; and the overrides report. */
export default async function ScreeningPage() {
  const actor = await requireActor(['prosecutor', 'coordinator']);
  const db = await getDb();
  const [queue, overrides, jurisdiction] = await Promise.all([listScreeningQueue(db, actor), listOverrides(db, actor, 50), getMyJurisdiction(db, actor)]);
  const t = await getTranslations('intake.queue');
  const ti = await getTranslations('intake');
  const ts = await getTranslations('status');
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeZone: jurisdiction.timeZone });
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 text-stone-700">{t('intro')}</p>
      {queue.length === 0 ? (
        <p className="mt-6 text-stone-700">{t('empty')}</p>
      ) : (
        <ul className="mt-4 space-y-2" data-testid="screening-queue">
          {queue.map((c) => (
            <li key={c.id} className="rounded-lg border border-stone-200 bg-white p-3">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/cases/${c.id}`} className="font-medium text-brand-800 underline-offset-2 hover:underline">
                  {c.lastName}, {c.firstName}
                </Link>
                <StatusBadge status={c.status} label={ts(c.status)} />
                <span className="text-sm text-stone-600">
                  {c.externalCaseNumber} · {t('referredOn', { date: day(c.referredAt) })}
                </span>
              </div>
              <p className="mt-1 text-sm text-stone-700">{c.reason ?? t('notScreened')}</p>
            </li>
          ))}
        </ul>
      )}
      <h2 className="mt-10 text-lg font-semibold">{t('overridesTitle')}</h2>
      <p className="text-sm text-stone-600">{t('overridesIntro')}</p>
      {overrides.length === 0 ? (
        <p className="mt-2 text-stone-700">{t('noOverrides')}</p>
      ) : (
        <ul className="mt-2 space-y-2" data-testid="overrides">
          {overrides.map((o) => (
            <li key={o.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
              <Link href={`/cases/${o.caseId}`} className="font-medium text-brand-800 underline">
                {o.externalCaseNumber}
              </Link>{' '}
              → {ti(`screening.decision.${o.decision}`)} · {day(o.createdAt)} · {t('policyVersion', { version: o.policyVersion })}
              <span className="block text-stone-700">“{o.reason}”</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
