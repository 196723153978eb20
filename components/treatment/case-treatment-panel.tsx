import { getFormatter, getTranslations } from 'next-intl/server';
import { NotifyActionForm } from '@/components/notify/action-form';
import { listConsents, listProviders, viewTreatmentAsRecipient } from '@/db/queries/treatment';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/permissions';
import { referTreatmentAction, revokeConsentOnRequestAction } from '@/app/(staff)/cases/[caseId]/treatment-actions';
import { providerOptions } from './item-referral';
import { Part2Notice } from './part2-notice';

/**
 * Treatment on a case page (staff or board). What a recipient sees comes only from
 * viewTreatmentAsRecipient, which answers null without an active consent naming them — then this
 * panel shows no status at all (for a prosecutor: renders nothing) — and records the disclosure
 * when it shows something. Coordinators and board volunteers also get the referral form;
 * coordinators the consent ledger (to revoke on the participant's written request).
 */
export async function CaseTreatmentPanel({ db, actor, caseId, channel, timeZone }: { db: Db; actor: Actor; caseId: string; channel: 'staff_case_page' | 'board_case_page'; timeZone: string }) {
  const view = await viewTreatmentAsRecipient(db, actor, caseId, channel);
  const canRefer = can(actor.role, 'treatment.refer');
  const isCoordinator = can(actor.role, 'consent.revoke') && actor.role === 'coordinator';
  if (!view && !canRefer && !isCoordinator) return null;
  const [providers, consents] = await Promise.all([canRefer ? listProviders(db, actor) : [], isCoordinator ? listConsents(db, actor, caseId) : []]);
  const t = await getTranslations('treatment');
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeZone });
  const dateOnly = (s: string) => format.dateTime(new Date(`${s}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const accepting = providers.filter((p) => p.acceptingNewClients);
  return (
    <section aria-labelledby="treatment-h" className="rounded-lg border border-stone-200 bg-white p-4" data-testid="treatment-panel">
      <h2 id="treatment-h" className="text-lg font-semibold">{view ? t('panelTitle') : t('referTitle')}</h2>
      {view && (
        <div data-testid="treatment-status">
          <p className="mt-1 text-sm text-stone-700">{t('panelIntro', { recipient: t(`recipientKind.${view.recipientKind}`) })}</p>
          <table className="mt-2 w-full text-left text-sm">
            <thead>
              <tr className="border-b border-stone-200">
                <th scope="col" className="py-1 pr-2">{t('colProvider')}</th>
                <th scope="col" className="py-1 pr-2">{t('colStatus')}</th>
                <th scope="col" className="py-1">{t('colSince')}</th>
              </tr>
            </thead>
            <tbody>
              {view.referrals.map((r) => (
                <tr key={r.id} className="border-b border-stone-100">
                  <td className="py-1 pr-2">{r.providerName}</td>
                  <td className="py-1 pr-2 font-medium">{t(`status.${r.status}`)}</td>
                  <td className="py-1 tabular-nums">{day(r.statusChangedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Part2Notice />
        </div>
      )}
      {canRefer && (
        <div className={view ? 'mt-4 border-t border-stone-200 pt-3' : 'mt-1'}>
          {view && <h3 className="font-medium">{t('referTitle')}</h3>}
          <p className="text-sm text-stone-700">{t('referIntro')}</p>
          {accepting.length === 0 ? (
            <p className="mt-2 text-sm">{t('noProviders')}</p>
          ) : (
            <NotifyActionForm
              className="mt-2"
              id="refer-treatment"
              action={referTreatmentAction}
              hidden={{ caseId }}
              fields={[{ kind: 'select', name: 'providerId', label: t('referProvider'), options: providerOptions(t, accepting) }]}
              submit={t('referSubmit')}
              saved={t('referSaved')}
            />
          )}
        </div>
      )}
      {isCoordinator && (
        <div className="mt-4 border-t border-stone-200 pt-3">
          <h3 className="font-medium">{t('consentsTitle')}</h3>
          {consents.length === 0 && <p className="text-sm text-stone-700">{t('consentsNone')}</p>}
          <ul className="mt-1 space-y-3">
            {consents.map((c) => (
              <li key={c.id} className="text-sm">
                <p>
                  <span className="font-medium">{c.inForce ? t('consentInForce') : t('consentEnded')}</span> · {t('consentSigned', { date: dateOnly(c.signedOn) })}
                  {c.revokedAt ? ` · ${t('consentRevoked', { date: day(c.revokedAt) })}` : ''}
                </p>
                <p>{t('consentRecipients')}: {c.recipients.map((r) => r.name).join('; ')}</p>
                <p>{t('consentExpiry')}: {c.expiryEvent ? t('expiryEvent') : t('expiryDate', { date: dateOnly(c.expiresOn!) })}</p>
                {!c.revokedAt && (
                  <NotifyActionForm
                    className="mt-1"
                    id={`revoke-${c.id}`}
                    action={revokeConsentOnRequestAction}
                    hidden={{ consentId: c.id, version: c.version }}
                    fields={[{ kind: 'text', name: 'writtenRequest', label: t('writtenRequest'), hint: t('writtenRequestHint') }]}
                    submit={t('revokeOnRequest')}
                    saved={t('revoked')}
                  />
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
