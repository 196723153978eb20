import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { reasonKey, statusTone, templateLabelKey } from '@/components/notify/notice-labels';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { listOutbox, outboxFilterSchema } from '@/db/queries/outbox';
import { noticeChannelEnum, noticeStatusEnum } from '@/db/schema';
import { requireActor } from '@/lib/auth/session';
import { displayPhone } from '@/lib/notify/phone';
import { configuredTransports, isDemoTransports } from '@/lib/notify/transports';

export const metadata: Metadata = { title: 'Outbox' };

/**
 * Every notice of the jurisdiction, exactly as rendered and sent (in demo mode: as it would have
 * been sent), with the provider's answer.
 */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(['admin']);
  const sp = await searchParams;
  const parsed = outboxFilterSchema.safeParse({ status: sp.status || undefined, channel: sp.channel || undefined, before: sp.before || undefined });
  const filter = parsed.success ? parsed.data : { limit: 25 };
  const db = await getDb();
  const [page, jurisdiction] = await Promise.all([listOutbox(db, actor, filter), getMyJurisdiction(db, actor)]);
  const t = await getTranslations('notify');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: jurisdiction.timeZone });
  const transports = configuredTransports();
  const link = (q: Record<string, string | undefined>) => {
    const params = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => Boolean(e[1])));
    return `/admin/outbox${params.size ? `?${params}` : ''}`;
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('outbox.title')}</h1>
      <p className="mt-1 text-stone-700">{t('outbox.intro')}</p>
      <p className="mt-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sky-900" data-testid="outbox-mode">
        {isDemoTransports(transports) ? t('outbox.demo') : t('outbox.live', { email: transports.email.name, sms: transports.sms.name })}
      </p>
      <form method="get" className="mt-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="status" className="block text-sm font-medium">{t('outbox.filterStatus')}</label>
          <select id="status" name="status" defaultValue={filter.status ?? ''} className="mt-1 rounded-md border border-stone-400 bg-white px-3 py-2">
            <option value="">{t('outbox.all')}</option>
            {noticeStatusEnum.enumValues.map((s) => (
              <option key={s} value={s}>{t(`status.${s}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="channel" className="block text-sm font-medium">{t('outbox.filterChannel')}</label>
          <select id="channel" name="channel" defaultValue={filter.channel ?? ''} className="mt-1 rounded-md border border-stone-400 bg-white px-3 py-2">
            <option value="">{t('outbox.all')}</option>
            {noticeChannelEnum.enumValues.map((c) => (
              <option key={c} value={c}>{t(`channel.${c}`)}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">{t('outbox.filter')}</button>
      </form>
      {page.items.length === 0 ? (
        <p className="mt-6 text-stone-700">{t('outbox.none')}</p>
      ) : (
        <ol className="mt-4 space-y-3" data-testid="outbox-list">
          {page.items.map((n) => {
            const rk = reasonKey(n.lastErrorCode);
            const to = n.toAddress ? (n.channel === 'sms' ? displayPhone(n.toAddress) : n.toAddress) : '—';
            return (
              <li key={n.id} className="rounded-lg border border-stone-200 bg-white p-4">
                <article aria-labelledby={`n-${n.id}`}>
                  <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <h2 id={`n-${n.id}`} className="font-semibold">
                      {t(`template.${templateLabelKey(n.templateKey)}`)} · {t(`channel.${n.channel}`)}
                    </h2>
                    <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-sm font-medium ring-1 ring-inset ${statusTone[n.status]}`}>{t(`status.${n.status}`)}</span>
                    {rk && n.status !== 'sent' && <span className="text-sm">{t(`reason.${rk}`)}</span>}
                  </header>
                  <p className="mt-1 text-sm text-stone-700">
                    <span className="break-all">{t('outbox.to', { to: `${n.recipientName}${n.onBehalfOf ? ` (${t('recipientFor', { name: n.onBehalfOf })})` : ''} · ${to}` })}</span>
                    {' · '}
                    <time dateTime={(n.sentAt ?? n.updatedAt).toISOString()}>{when(n.sentAt ?? n.updatedAt)}</time>
                    {' · '}
                    {n.locale === 'es' ? 'Español' : 'English'}
                  </p>
                  {n.renderedBody ? (
                    <div className="mt-3 rounded-md border border-stone-200 bg-stone-50 p-3">
                      {n.renderedSubject && (
                        <p className="mb-2 break-words text-sm">
                          <span className="font-medium">{t('outbox.subject')}:</span> {n.renderedSubject}
                        </p>
                      )}
                      <pre className="whitespace-pre-wrap break-words font-sans text-sm text-stone-900" data-testid="rendered-body">{n.renderedBody}</pre>
                      {(n.renderedAttachments ?? []).map((a) => (
                        <details key={a.filename} className="mt-2 text-sm">
                          <summary className="cursor-pointer font-medium">{t('outbox.attachment', { name: a.filename })}</summary>
                          <pre className="mt-1 overflow-x-auto text-xs">{a.content}</pre>
                        </details>
                      ))}
                    </div>
                  ) : (
                    <p className="mt-2 text-sm text-stone-600">{t('outbox.notRendered')}</p>
                  )}
                  {n.lastError && n.status !== 'sent' && <p className="mt-2 break-words text-sm text-red-800">{n.lastError}</p>}
                  <div className="mt-2 grid grid-cols-1 gap-x-4 text-xs text-stone-600 sm:grid-cols-2">
                    {n.transport && <div>{t('outbox.transport', { name: n.transport })}</div>}
                    {n.providerResponse && <div className="break-words">{t('outbox.provider', { answer: `${n.providerMessageId ?? ''} ${n.providerResponse}`.trim() })}</div>}
                    <div className="break-all sm:col-span-2">
                      {t('outbox.key')}: <span className="font-mono">{n.idempotencyKey}</span>
                    </div>
                  </div>
                </article>
              </li>
            );
          })}
        </ol>
      )}
      <nav className="mt-4 flex gap-4" aria-label={t('outbox.title')}>
        {filter.before && <Link href={link({ status: filter.status, channel: filter.channel })} className="text-brand-800 underline">{t('outbox.newest')}</Link>}
        {page.next && <Link href={link({ status: filter.status, channel: filter.channel, before: page.next })} className="text-brand-800 underline">{t('outbox.older')}</Link>}
      </nav>
    </>
  );
}
