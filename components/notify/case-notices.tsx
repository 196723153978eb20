import { getFormatter, getTranslations } from 'next-intl/server';
import { addSupportContactAction, endSupportContactFormAction, retryNoticeFormAction, setContactPreferenceAction, updateParticipantContactAction } from '@/app/(staff)/cases/[caseId]/notify-actions';
import type { Db } from '@/db/types';
import { getCaseContacts } from '@/db/queries/contact-preferences';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { listCaseNotices, type CaseNotice } from '@/db/queries/outbox';
import type { Actor } from '@/lib/auth/actor';
import { displayPhone } from '@/lib/notify/phone';
import { can } from '@/lib/permissions';
import { NotifyActionForm } from './action-form';
import { reasonKey, statusTone, templateLabelKey } from './notice-labels';

/**
 * The coordinator's view of a case's notices: what was sent on which channel and what failed, and
 * how the participant is reached (details, channels, STOP, support contacts), with the fixes.
 * Mount on the case page: `<CaseNotices db={db} actor={actor} caseId={c.id} />`.
 */
export async function CaseNotices({ db, actor, caseId }: { db: Db; actor: Actor; caseId: string }) {
  if (!can(actor.role, 'notice.read')) return null;
  const [notices, contacts, jurisdiction] = await Promise.all([listCaseNotices(db, actor, caseId), getCaseContacts(db, actor, caseId), getMyJurisdiction(db, actor)]);
  const t = await getTranslations('notify');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: jurisdiction.timeZone });
  const canManage = can(actor.role, 'contact.manage');
  const failing = notices.filter((n) => n.status === 'failed' || (n.status === 'skipped' && ['no_address', 'invalid_address', 'unreachable'].includes(n.lastErrorCode ?? '')));
  const p = contacts.participant;
  const quiet = jurisdiction.settings.smsQuietHours;

  const whenText = (n: CaseNotice) => (n.sentAt ? t('case.sentAt', { when: when(n.sentAt) }) : n.status === 'pending' ? t('case.dueAt', { when: when(n.sendAfter) }) : t('case.updatedAt', { when: when(n.updatedAt) }));
  const who = (n: CaseNotice) => `${n.recipientName}${n.onBehalfOf ? ` (${t('recipientFor', { name: n.onBehalfOf })})` : ''}`;
  const address = (n: CaseNotice) => (n.toAddress ? (n.channel === 'sms' ? displayPhone(n.toAddress) : n.toAddress) : '');
  const retryable = (n: CaseNotice) => canManage && (n.status === 'failed' || (n.status === 'skipped' && ['no_address', 'invalid_address'].includes(n.lastErrorCode ?? '')));
  const Status = ({ n }: { n: CaseNotice }) => {
    const rk = reasonKey(n.lastErrorCode);
    return (
      <div>
        <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-sm font-medium ring-1 ring-inset ${statusTone[n.status]}`}>{t(`status.${n.status}`)}</span>
        {rk && n.status !== 'sent' && <span className="ml-2 text-sm">{t(`reason.${rk}`)}</span>}
        {n.lastError && n.status !== 'sent' && n.status !== 'cancelled' && <span className="block text-xs text-stone-600">{n.lastError}</span>}
      </div>
    );
  };
  const Retry = ({ n }: { n: CaseNotice }) =>
    retryable(n) ? (
      <form action={retryNoticeFormAction}>
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="noticeId" value={n.id} />
        <button type="submit" aria-label={t('case.resendLabel', { what: t(`template.${templateLabelKey(n.templateKey)}`), to: who(n) })} className="rounded border border-stone-300 px-2 py-1 text-sm font-medium hover:bg-stone-100">
          {t('case.resend')}
        </button>
      </form>
    ) : null;

  const phoneLine = (ph: typeof p.phone) =>
    !ph.raw ? <span className="text-stone-600">{t('case.missing')}</span> : !ph.e164 ? <span className="text-red-800">{ph.raw} — {t('case.invalid')}</span> : <span>{displayPhone(ph.e164)}</span>;
  const emailLine = (em: typeof p.email) => (!em.raw ? <span className="text-stone-600">{t('case.missing')}</span> : em.valid ? <span className="break-all">{em.raw}</span> : <span className="text-red-800 break-all">{em.raw} — {t('case.invalid')}</span>);

  return (
    <>
      <section aria-labelledby="notices-h" className="rounded-lg border border-stone-200 bg-white p-4" data-testid="case-notices">
        <h2 id="notices-h" className="text-lg font-semibold">{t('case.noticesTitle')}</h2>
        <p className="text-sm text-stone-600">{t('case.noticesIntro')}</p>
        {failing.length > 0 && (
          <p className="mt-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800">{t('case.failingCount', { count: failing.length })}</p>
        )}
        {notices.length === 0 ? (
          <p className="mt-3 text-stone-700">{t('case.none')}</p>
        ) : (
          <>
            <ul className="mt-3 space-y-2 md:hidden">
              {notices.map((n) => (
                <li key={n.id} className="rounded-md border border-stone-200 p-3">
                  <p className="font-medium">{t(`template.${templateLabelKey(n.templateKey)}`)} · {t(`channel.${n.channel}`)}</p>
                  <p className="text-sm">{who(n)}</p>
                  {address(n) && <p className="break-all text-sm text-stone-700">{address(n)}</p>}
                  <div className="mt-1"><Status n={n} /></div>
                  <p className="mt-1 text-sm text-stone-600">{whenText(n)}</p>
                  <div className="mt-2"><Retry n={n} /></div>
                </li>
              ))}
            </ul>
            <div className="mt-3 hidden overflow-x-auto md:block">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t('case.noticesTitle')}</caption>
                <thead className="border-b border-stone-200 text-stone-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-medium">{t('case.colWhat')}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t('case.colTo')}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t('case.colStatus')}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t('case.colWhen')}</th>
                    <th scope="col" className="py-2 font-medium"><span className="sr-only">{t('case.resend')}</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {notices.map((n) => (
                    <tr key={n.id} className="align-top">
                      <td className="py-2 pr-3">
                        <span className="font-medium">{t(`template.${templateLabelKey(n.templateKey)}`)}</span>
                        <span className="block text-stone-600">{t(`channel.${n.channel}`)}</span>
                      </td>
                      <td className="py-2 pr-3">
                        {who(n)}
                        {address(n) && <span className="block break-all text-stone-600">{address(n)}</span>}
                      </td>
                      <td className="py-2 pr-3"><Status n={n} /></td>
                      <td className="py-2 pr-3">
                        {whenText(n)}
                        {n.attempts > 1 && <span className="block text-stone-600">{t('case.attempts', { count: n.attempts })}</span>}
                      </td>
                      <td className="py-2"><Retry n={n} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="reach-h" className="rounded-lg border border-stone-200 bg-white p-4" data-testid="case-contacts">
        <h2 id="reach-h" className="text-lg font-semibold">{t('case.reachTitle', { name: p.name })}</h2>
        <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-stone-600">{t('case.phone')}</dt>
            <dd className="font-medium">{phoneLine(p.phone)}</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">{t('case.email')}</dt>
            <dd className="font-medium">{emailLine(p.email)}</dd>
          </div>
        </dl>
        {p.phone.stoppedAt && <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">{t('case.stopped', { when: when(p.phone.stoppedAt) })}</p>}
        {canManage && (
          <div className="mt-4 grid gap-6 md:grid-cols-2">
            <div>
              <h3 className="font-medium">{t('case.detailsTitle')}</h3>
              <NotifyActionForm
                id="contact"
                className="mt-2"
                action={updateParticipantContactAction}
                hidden={{ caseId, version: p.version }}
                fields={[
                  { kind: 'tel', name: 'phone', label: t('case.phone'), defaultValue: p.phone.raw, hint: t('case.phoneHint'), autoComplete: 'off' },
                  { kind: 'email', name: 'email', label: t('case.email'), defaultValue: p.email.raw },
                ]}
                submit={t('case.detailsSubmit')}
                saved={t('case.detailsSaved')}
              />
            </div>
            <div>
              <h3 className="font-medium">{t('case.prefsTitle')}</h3>
              <NotifyActionForm
                id="prefs"
                className="mt-2"
                action={setContactPreferenceAction}
                hidden={{ caseId, personKind: 'participant', personId: p.id, version: p.preferences.version }}
                fields={[
                  { kind: 'checkbox', name: 'smsEnabled', label: t('case.prefsSms'), defaultChecked: p.preferences.smsEnabled, hint: t('case.prefsHint', { start: quiet.start, end: quiet.end }) },
                  { kind: 'checkbox', name: 'emailEnabled', label: t('case.prefsEmail'), defaultChecked: p.preferences.emailEnabled },
                ]}
                submit={t('case.prefsSubmit')}
                saved={t('case.prefsSaved')}
              />
            </div>
          </div>
        )}

        <h3 className="mt-6 font-medium">{t('case.supportTitle')}</h3>
        <p className="text-sm text-stone-600">{t('case.supportIntro')}</p>
        {contacts.supportContacts.length === 0 ? (
          <p className="mt-2 text-stone-700">{t('case.supportNone')}</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {contacts.supportContacts.map((s) => (
              <li key={s.id} className="rounded-md border border-stone-200 p-3">
                <p className="font-medium">{s.name} <span className="font-normal text-stone-600">· {s.relationship} · {s.locale === 'es' ? t('case.spanish') : t('case.english')}</span></p>
                <p className="text-sm">{t('case.phone')}: {phoneLine(s.phone)}</p>
                <p className="text-sm">{t('case.email')}: {emailLine(s.email)}</p>
                {s.phone.stoppedAt && <p className="text-sm text-amber-900">{t('case.stopped', { when: when(s.phone.stoppedAt) })}</p>}
                {canManage && (
                  <form action={endSupportContactFormAction} className="mt-2">
                    <input type="hidden" name="caseId" value={caseId} />
                    <input type="hidden" name="supportContactId" value={s.id} />
                    <input type="hidden" name="version" value={s.version} />
                    <button type="submit" className="rounded border border-stone-300 px-2 py-1 text-sm font-medium hover:bg-stone-100">{t('case.supportEnd', { name: s.name })}</button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
        {canManage && (
          <details className="mt-4 rounded-md border border-stone-200 p-3">
            <summary className="cursor-pointer font-medium">{t('case.supportAddTitle')}</summary>
            <NotifyActionForm
              id="support"
              className="mt-3"
              action={addSupportContactAction}
              hidden={{ caseId }}
              fields={[
                { kind: 'text', name: 'name', label: t('case.supportName'), required: true },
                { kind: 'text', name: 'relationship', label: t('case.supportRelationship'), required: true },
                { kind: 'tel', name: 'phone', label: t('case.phone'), hint: t('case.phoneHint') },
                { kind: 'email', name: 'email', label: t('case.email') },
                { kind: 'select', name: 'locale', label: t('case.supportLanguage'), defaultValue: 'en', options: [{ value: 'en', label: t('case.english') }, { value: 'es', label: t('case.spanish') }] },
              ]}
              submit={t('case.supportSubmit')}
              saved={t('case.supportSaved')}
            />
          </details>
        )}
      </section>
    </>
  );
}
