import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/scheduling/action-form';
import { ConsentForm } from '@/components/treatment/consent-form';
import { getDb } from '@/db/client';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { getConsentForm, getOwnTreatment, listConsents, listDisclosures } from '@/db/queries/treatment';
import { requireActor } from '@/lib/auth/session';
import { localizeItemText, type StandardTextKey } from '@/lib/domain/agreement-standard-text';
import { revokeOwnConsentAction, signConsentAction } from './actions';

/** The tab title in the participant's language. */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('portalApp.titles'))('treatment') };
}

/** The participant's own referrals in full, the consent form and ledger, and the accounting of disclosures. */
export default async function PortalTreatmentPage() {
  const actor = await requireActor(['participant']);
  const db = await getDb();
  const locale = (await getLocale()) === 'es' ? 'es' : 'en';
  const [jurisdiction, own, form, consents, disclosures] = await Promise.all([
    getMyJurisdiction(db, actor),
    getOwnTreatment(db, actor),
    getConsentForm(db, actor, locale),
    listConsents(db, actor),
    listDisclosures(db, actor, { limit: 100 }),
  ]);
  const t = await getTranslations('treatment');
  const tp = await getTranslations('treatment.portal');
  // Treatment items are stored with their standard English titles; the participant reads theirs.
  const standard = (await getTranslations('agreements')).raw('standardText') as Record<StandardTextKey, string>;
  const itemTitle = (title: string) => localizeItemText({ title, details: null, verification: '' }, locale, standard).title;
  const format = await getFormatter();
  const tz = jurisdiction.timeZone;
  const day = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeZone: tz });
  const dayTime = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
  const dateOnly = (s: string) => format.dateTime(new Date(`${s}T12:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' });
  if (!own || !form) {
    return (
      <>
        <h1 className="text-2xl font-semibold">{tp('title')}</h1>
        <p className="mt-4 rounded-lg border border-stone-200 bg-white p-4">{tp('noCase')}</p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-semibold">{tp('title')}</h1>
      <p className="mt-1 max-w-2xl text-stone-700">{tp('intro')}</p>

      {own.referrals.length === 0 && <p className="mt-4 rounded-lg border border-stone-200 bg-white p-4">{tp('none')}</p>}
      <ul className="mt-4 space-y-4">
        {own.referrals.map((r) => (
          <li key={r.id} className="rounded-lg border border-stone-200 bg-white p-4" data-testid="own-referral">
            <h2 className="text-lg font-semibold">{r.provider.name}</h2>
            {r.itemTitle && (
              <p className="text-sm" data-testid="referral-item">
                {tp('forItem', { title: itemTitle(r.itemTitle), date: r.itemDueOn ? dateOnly(r.itemDueOn) : '' })}
              </p>
            )}
            <p className="font-medium">{t(`status.${r.status}`)} · {day(r.statusChangedAt)}</p>
            <p className="text-sm">{r.provider.addressLine} {r.provider.zip}</p>
            <p className="text-sm">
              <a className="text-brand-700 underline" href={`tel:${r.provider.phone.replace(/[^0-9+]/g, '')}`}>{r.provider.phone}</a>
            </p>
            <p className="text-sm">{tp('services', { list: r.provider.services.map((s) => t(`service.${s}`)).join(', ') })}</p>
            <p className="text-sm">{t('languages', { list: r.provider.languages.join(', ') })}</p>
            {(r.provider.costNote || r.provider.noCostOption) && <p className="text-sm">{t('cost')}: {[r.provider.noCostOption && t('noCost'), r.provider.costNote].filter(Boolean).join(' · ')}</p>}
            <h3 className="mt-2 text-sm font-medium">{tp('history')}</h3>
            <ol className="text-sm">
              {r.events.map((e) => (
                <li key={e.id}>
                  <time dateTime={e.occurredAt.toISOString()} className="tabular-nums text-stone-600">{day(e.occurredAt)}</time> — {t(`status.${e.toStatus}`)}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>

      <section aria-labelledby="consents-h" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="consents-h" className="text-lg font-semibold">{tp('yourConsents')}</h2>
        {consents.length === 0 && <p className="mt-1 text-stone-700">{t('consentsNone')}</p>}
        <ul className="mt-2 space-y-3">
          {consents.map((c) => (
            <li key={c.id} className="border-t border-stone-100 pt-2" data-testid="own-consent">
              <p>
                <span className="font-medium">{c.inForce ? t('consentInForce') : t('consentEnded')}</span> · {t('consentSigned', { date: dateOnly(c.signedOn) })}
                {c.revokedAt ? ` · ${t('consentRevoked', { date: day(c.revokedAt) })}` : ''}
              </p>
              <p className="text-sm">{t('consentRecipients')}: {c.recipients.map((r) => r.name).join('; ')}</p>
              <p className="text-sm">{tp('discloser')}: {c.discloser}</p>
              <p className="text-sm">{t('consentExpiry')}: {c.expiryEvent ? t('expiryEvent') : t('expiryDate', { date: dateOnly(c.expiresOn!) })}</p>
              {!c.revokedAt && <ActionForm className="mt-1" action={revokeOwnConsentAction} hidden={{ consentId: c.id, version: c.version }} submit={tp('revoke')} success={tp('revokedOk')} />}
            </li>
          ))}
        </ul>
      </section>

      {own.referrals.length > 0 && (
        <section aria-labelledby="consent-h" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="consent-h" className="text-lg font-semibold">{tp('consentTitle')}</h2>
          <p className="mt-1 text-stone-700">{tp('consentIntro')}</p>
          <h3 className="mt-3 font-medium">{tp('consentElements')}</h3>
          <dl className="mt-1 space-y-2 text-sm">
            <Item label={tp('patient')}>{form.patientName}</Item>
            <Item label={tp('discloser')}>{form.wording.discloser}</Item>
            <Item label={tp('information')}>{form.wording.information}</Item>
            <Item label={tp('purpose')}>{form.wording.purpose}</Item>
            <Item label={tp('revocation')}>{form.wording.revocation}</Item>
            <Item label={tp('signedOn')}>{dateOnly(form.today)}</Item>
          </dl>
          <div className="mt-4">
            <ConsentForm
              action={signConsentAction}
              caseId={form.caseId}
              locale={locale}
              recipients={form.recipients.map((r) => ({ kind: r.kind, name: r.name, hint: t(`recipientKind.${r.kind}`) }))}
              providers={form.providers}
              labels={{
                recipients: tp('chooseRecipients'),
                providerScope: tp('providerScope'),
                allProviders: tp('allProviders'),
                expiry: tp('expiryChoice'),
                expiryAtDisposition: tp('expiryAtDisposition'),
                expiryOnDate: tp('expiryOnDate'),
                expiresOn: tp('expiresOn'),
                expiresOnHint: tp('expiresOnHint'),
                signature: tp('signature', { name: form.patientName }),
                submit: tp('sign'),
                saved: tp('signedOk'),
              }}
            />
          </div>
        </section>
      )}

      <section aria-labelledby="accounting-h" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="accounting-h" className="text-lg font-semibold">{tp('accountingTitle')}</h2>
        <p className="mt-1 text-sm text-stone-700">{tp('accountingIntro')}</p>
        {disclosures.length === 0 ? (
          <p className="mt-2">{tp('accountingNone')}</p>
        ) : (
          <ul className="mt-2 space-y-2 text-sm" data-testid="own-disclosures">
            {disclosures.map((d) => (
              <li key={d.id} className="border-t border-stone-100 pt-2">
                <p>
                  <time dateTime={d.disclosedAt.toISOString()} className="tabular-nums">{dayTime(d.disclosedAt)}</time> · <span className="font-medium">{t(`recipientKind.${d.recipientKind}`)}</span> ({d.recipientName}) · {t(`channel.${d.channel}`)}
                </p>
                <p className="text-stone-700">{d.shown ? d.shown.map((x) => tp('disclosedReferral', { provider: x.provider, status: t(`status.${x.status}`), date: dateOnly(x.on) })).join('; ') : d.what}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-stone-700">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
