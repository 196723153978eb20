import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { FormMessage } from '@/components/ui/field';
import { getDb } from '@/db/client';
import { parseAuditFilter, searchAudit } from '@/db/queries/audit';
import { auditOutcomeEnum } from '@/db/schema';
import { requireActor } from '@/lib/auth/session';
import { DataTable } from '@/components/ui/data-table';

export const metadata: Metadata = { title: 'Audit log' };

const inputClass = 'mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2';

function query(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(['admin']);
  const { filter, invalid } = parseAuditFilter(await searchParams);
  const page = await searchAudit(await getDb(), actor, filter);
  const t = await getTranslations('auditLog');
  const format = await getFormatter();
  const utc = (d: Date) => format.dateTime(d, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'UTC' });
  const kept = { actor: filter.actor, action: filter.action, entityType: filter.entityType, entityId: filter.entityId, outcome: filter.outcome, from: filter.from, to: filter.to };
  const record = (r: (typeof page.items)[number]) => (r.entityType ? `${r.entityType}${r.entityId ? ` ${r.entityId}` : ''}` : '');
  const details = (r: (typeof page.items)[number]) => {
    const text = JSON.stringify(r.details);
    return text === '{}' ? '' : text;
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 max-w-3xl text-stone-700">{t('intro')}</p>
      {invalid.length > 0 && (
        <div className="mt-4">
          <FormMessage message={t('invalid')} />
        </div>
      )}
      <form method="get" className="mt-4 grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t('filters')}>
        <div>
          <label htmlFor="f-actor" className="text-sm font-medium">{t('actor')}</label>
          <input id="f-actor" name="actor" defaultValue={filter.actor} maxLength={254} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-action" className="text-sm font-medium">{t('action')}</label>
          <input id="f-action" name="action" defaultValue={filter.action} maxLength={100} placeholder="auth." className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-entity" className="text-sm font-medium">{t('entity')}</label>
          <input id="f-entity" name="entityType" defaultValue={filter.entityType} maxLength={50} placeholder="case" className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-entity-id" className="text-sm font-medium">{t('entityId')}</label>
          <input id="f-entity-id" name="entityId" defaultValue={filter.entityId} maxLength={100} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-outcome" className="text-sm font-medium">{t('outcome')}</label>
          <select id="f-outcome" name="outcome" defaultValue={filter.outcome ?? ''} className={inputClass}>
            <option value="">{t('any')}</option>
            {auditOutcomeEnum.enumValues.map((o) => (
              <option key={o} value={o}>{t(`outcomes.${o}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-from" className="text-sm font-medium">{t('from')}</label>
          <input id="f-from" name="from" type="date" defaultValue={filter.from} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-to" className="text-sm font-medium">{t('to')}</label>
          <input id="f-to" name="to" type="date" defaultValue={filter.to} className={inputClass} />
        </div>
        <div className="flex items-end gap-3">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">{t('search')}</button>
          <Link href="/admin/audit" className="py-2 text-sm text-brand-700 underline">{t('reset')}</Link>
        </div>
      </form>
      <p className="mt-3 text-sm">
        <a href={`/admin/audit/export${query(kept)}`} className="font-medium text-brand-700 underline" download>
          {t('export')}
        </a>{' '}
        <span className="text-stone-600">{t('exportNote')}</span>
      </p>

      {page.items.length === 0 ? (
        <p className="mt-6 text-stone-700">{t('empty')}</p>
      ) : (
        <>
          {/* Phones: one card per entry. */}
          <ul className="mt-4 space-y-2 md:hidden" aria-label={t('title')}>
            {page.items.map((r) => (
              <li key={r.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
                <p className="font-mono text-xs">{r.action}</p>
                <p className="mt-1 tabular-nums text-stone-600">{utc(r.occurredAt)} UTC</p>
                <p className="mt-1 break-all">{r.actorEmail ?? t('system')}</p>
                {record(r) && <p className="mt-1 break-all text-stone-600">{record(r)}</p>}
                <p className="mt-1">
                  {t(`outcomes.${r.outcome}`)}
                  {r.ip ? ` · ${r.ip}` : ''}
                </p>
                {details(r) && <p className="mt-1 break-all font-mono text-xs text-stone-600">{details(r)}</p>}
              </li>
            ))}
          </ul>
          <DataTable caption={t('title')} className="mt-4 hidden md:block" heads={[t('colWhen'), t('colWho'), t('colAction'), t('colRecord'), t('colOutcome'), t('colWhere')]}>
                {page.items.map((r) => (
                  <tr key={r.id} className="align-top">
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums">{utc(r.occurredAt)}</td>
                    <td className="px-3 py-2 break-all">{r.actorEmail ?? t('system')}</td>
                    <td className="px-3 py-2">
                      <span className="font-mono text-xs">{r.action}</span>
                      {details(r) && <span className="mt-1 block max-w-xs break-all font-mono text-xs text-stone-500">{details(r)}</span>}
                    </td>
                    <td className="px-3 py-2 break-all text-xs">{record(r)}</td>
                    <td className="px-3 py-2">{t(`outcomes.${r.outcome}`)}</td>
                    <td className="px-3 py-2 tabular-nums">{r.ip ?? ''}</td>
                  </tr>
                ))}
          </DataTable>
        </>
      )}
      <nav className="mt-4 flex gap-4" aria-label={t('title')}>
        {filter.before && (
          <Link href={`/admin/audit${query(kept)}`} className="font-medium text-brand-700 underline">{t('newest')}</Link>
        )}
        {page.nextBefore && (
          <Link href={`/admin/audit${query({ ...kept, before: page.nextBefore })}`} className="font-medium text-brand-700 underline">{t('older')}</Link>
        )}
      </nav>
    </>
  );
}
