import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { CsvImportForm } from '@/components/scheduling/csv-import-form';
import { getDb } from '@/db/client';
import { listRoster, type RosterRow } from '@/db/queries/volunteers';
import { requireActor } from '@/lib/auth/session';
import type { IneligibleReason } from '@/lib/domain/volunteer-eligibility';
import { importVolunteersAction } from './actions';

export const metadata: Metadata = { title: 'Volunteers' };

export default async function VolunteersPage() {
  const actor = await requireActor(['coordinator']);
  const roster = await listRoster(await getDb(), actor);
  const t = await getTranslations('scheduling');
  const format = await getFormatter();
  const d = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const reason = (r: IneligibleReason) => {
    switch (r.code) {
      case 'training_short':
        return t('reason.training_short', { hours: r.hours, needed: r.needed });
      case 'observation_short':
        return t('reason.observation_short', { observed: r.observed, needed: r.needed });
      case 'term_not_started':
      case 'term_ended':
      case 'background_check_expired':
        return t(`reason.${r.code}`, { date: d(r.date) });
      default:
        return t(`reason.${r.code}`);
    }
  };
  const readiness = (v: RosterRow) => {
    const reasons = [...new Set(v.memberships.flatMap((m) => m.eligibility.reasons.map(reason)))];
    const chairIssues = v.memberships.flatMap((m) => m.eligibility.chairIssues.map((c) => t('reason.chair_term_too_long', { days: c.days, max: c.maxDays })));
    const expiring = [...new Set(v.memberships.flatMap((m) => m.eligibility.expiringSoon.map((e) => t(`expiring.${e.code}`, { date: d(e.date), days: e.inDays }))))];
    return { reasons: v.memberships.length ? reasons : [t('reason.no_board')], chairIssues, expiring };
  };
  const notReady = roster.filter((v) => !v.eligible).length;
  const expiringCount = roster.filter((v) => readiness(v).expiring.length > 0).length;
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('rosterTitle')}</h1>
      <p className="mt-1 text-stone-700">{t('rosterIntro', { total: roster.length, notReady, expiring: expiringCount })}</p>
      <ul className="mt-4 space-y-2 md:hidden">
        {roster.map((v) => {
          const r = readiness(v);
          return (
            <li key={v.userId} className="rounded-lg border border-stone-200 bg-white p-3">
              <Link href={`/volunteers/${v.userId}`} className="font-medium text-brand-800 underline">{v.name}</Link>
              <span className="block text-sm text-stone-600">{v.memberships.map((m) => `${m.boardName} (${t(`role.${m.role}`)})`).join(', ')}</span>
              <span className={`block text-sm font-medium ${v.eligible ? 'text-green-800' : 'text-red-800'}`}>{v.eligible ? t('canSit') : t('cannotSit')}</span>
              {[...r.reasons, ...r.chairIssues].map((x) => <span key={x} className="block text-sm">{x}</span>)}
              {r.expiring.map((x) => <span key={x} className="block text-sm text-amber-900">{x}</span>)}
            </li>
          );
        })}
      </ul>
      <table className="mt-4 hidden w-full border-collapse bg-white text-left md:table" data-testid="roster">
        <thead>
          <tr className="border-b border-stone-300 text-sm text-stone-600">
            <th scope="col" className="p-2">{t('colName')}</th>
            <th scope="col" className="p-2">{t('colBoards')}</th>
            <th scope="col" className="p-2">{t('colReady')}</th>
            <th scope="col" className="p-2">{t('colWhy')}</th>
            <th scope="col" className="p-2">{t('colExpiring')}</th>
          </tr>
        </thead>
        <tbody>
          {roster.map((v) => {
            const r = readiness(v);
            return (
              <tr key={v.userId} className="border-b border-stone-200 align-top">
                <td className="p-2"><Link href={`/volunteers/${v.userId}`} className="font-medium text-brand-800 underline">{v.name}</Link><span className="block text-xs text-stone-600">{v.email}</span></td>
                <td className="p-2 text-sm">{v.memberships.map((m) => `${m.boardName} (${t(`role.${m.role}`)})`).join(', ')}</td>
                <td className={`p-2 text-sm font-medium ${v.eligible ? 'text-green-800' : 'text-red-800'}`}>{v.eligible ? t('canSit') : t('cannotSit')}</td>
                <td className="p-2 text-sm">{[...r.reasons, ...r.chairIssues].join('; ') || '—'}</td>
                <td className="p-2 text-sm text-amber-900">{r.expiring.join('; ') || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <section aria-labelledby="import-h" className="mt-8 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="import-h" className="text-lg font-semibold">{t('importTitle')}</h2>
        <div className="mt-3">
          <CsvImportForm action={importVolunteersAction} labels={{ file: t('importFile'), paste: t('importPaste'), hint: t('importHint'), check: t('importCheck'), import: t('importSubmit'), checked: t('importChecked'), imported: t('imported'), errorsTitle: t('importErrors'), row: t('importRow'), column: t('importColumn') }} />
        </div>
      </section>
    </>
  );
}
