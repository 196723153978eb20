import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ApiTokenForm } from '@/components/intake/api-token-form';
import { IntakeIntl } from '@/components/intake/intake-intl';
import { getDb } from '@/db/client';
import { listApiTokens } from '@/db/queries/api-tokens';
import { requireActor } from '@/lib/auth/session';
import { createApiTokenAction, revokeApiTokenFormAction } from './actions';

export const metadata: Metadata = { title: 'API tokens' };

export default async function ApiTokensPage() {
  const actor = await requireActor(['admin']);
  const tokens = await listApiTokens(await getDb(), actor);
  const t = await getTranslations('intake.tokens');
  const format = await getFormatter();
  const utc = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 text-stone-700">{t('intro')}</p>
      <p className="mt-1 text-sm text-stone-600">
        {t('docs')} <a href="/api/v1/openapi.json" className="text-brand-700 underline">/api/v1/openapi.json</a>
      </p>
      <div className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-semibold">{t('newTitle')}</h2>
        <div className="mt-3">
          <IntakeIntl>
            <ApiTokenForm action={createApiTokenAction} />
          </IntakeIntl>
        </div>
      </div>
      <h2 className="mt-8 text-lg font-semibold">{t('listTitle')}</h2>
      <ul className="mt-2 space-y-2" data-testid="token-list">
        {tokens.map((k) => (
          <li key={k.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-stone-200 bg-white p-3">
            <div className="text-sm">
              <span className="font-medium">{k.name}</span> <span className="font-mono text-xs text-stone-600">{k.prefix}…</span>
              <span className="block text-stone-600">
                {t('created', { date: utc(k.createdAt), by: k.createdBy ?? '—' })} · {k.lastUsedAt ? t('lastUsed', { date: utc(k.lastUsedAt) }) : t('neverUsed')}
              </span>
            </div>
            {k.revokedAt ? (
              <span className="text-sm font-medium text-red-800">{t('revokedOn', { date: utc(k.revokedAt) })}</span>
            ) : (
              <form action={revokeApiTokenFormAction}>
                <input type="hidden" name="tokenId" value={k.id} />
                <button type="submit" className="rounded border border-red-300 px-3 py-2 text-sm font-medium text-red-800 hover:bg-red-50" aria-label={t('revokeNamed', { name: k.name })}>
                  {t('revoke')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
