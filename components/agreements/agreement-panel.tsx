import { getTranslations } from 'next-intl/server';
import {
  addItemAction,
  amendAgreementAction,
  approveAgreementAction,
  createDraftAction,
  logProgressAction,
  removeItemAction,
  reviewProgressAction,
  saveTemplateAction,
  signAgreementAction,
} from '@/app/(board)/board/cases/[caseId]/agreement-actions';
import { listCaseProgress } from '@/db/queries/agreement-progress';
import { getCaseAgreements, listTemplatesForCase } from '@/db/queries/agreements';
import { isReferrableItemKind, isReferrableStatus, listProviders } from '@/db/queries/treatment';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import { itemKinds } from '@/lib/domain/agreement-rules';
import { PROOF_MAX_BYTES } from '@/lib/domain/proof-files';
import { can } from '@/lib/permissions';
import { ItemReferral } from '@/components/treatment/item-referral';
import { AgreementForm, type FieldSpec } from './agreement-form';
import { ObligationList, ProgressList, SignatureList, VersionSummary, qtyFormatter } from './parts';

/** The agreement of a case for a coordinator or a volunteer of its board: build, approve, sign, amend, verify. */
export async function AgreementPanel({ db, actor, caseId }: { db: Db; actor: Actor; caseId: string }) {
  const view = await getCaseAgreements(db, actor, caseId);
  const [progress, templates] = await Promise.all([listCaseProgress(db, actor, caseId), can(actor.role, 'agreement.template') ? listTemplatesForCase(db, actor, caseId) : Promise.resolve([])]);
  const t = await getTranslations('agreements');
  const qty = await qtyFormatter();
  const { draft, current } = view;
  const mayDraft = can(actor.role, 'agreement.draft');
  const isCoordinator = actor.role === 'coordinator';
  const pdfHref = (n: number) => `/api/cases/${caseId}/agreement-pdf?number=${n}`;
  // Treatment items of the signed agreement can be referred from where they are listed, while the
  // participant is in the program (the data layer re-checks all of it).
  const mayReferItems = can(actor.role, 'treatment.refer') && isReferrableStatus(view.caseStatus) && !!current?.items.some((i) => isReferrableItemKind(i.kind));
  const referProviders = mayReferItems ? (await listProviders(db, actor)).filter((p) => p.acceptingNewClients) : [];

  const itemFields: FieldSpec[] = draft
    ? [
        { name: 'kind', label: t('field.kind'), type: 'select', options: itemKinds.map((k) => ({ value: k, label: t(`kind.${k}`) })) },
        { name: 'title', label: t('field.title'), type: 'text', hint: t('field.titleHint') },
        { name: 'details', label: t('field.details'), type: 'textarea' },
        { name: 'targetQuantity', label: t('field.target'), type: 'number', hint: t('field.targetHint'), defaultValue: '1' },
        { name: 'dueOn', label: t('field.dueOn'), type: 'date', required: true, min: draft.agreement.startsOn, max: draft.agreement.endsOn, defaultValue: draft.agreement.endsOn },
        { name: 'verification', label: t('field.verification'), type: 'text', required: true, hint: t('field.verificationHint') },
        { name: 'amount', label: t('field.amount'), type: 'number', hint: t('field.amountHint') },
        { name: 'paymentPlan', label: t('field.paymentPlan'), type: 'text' },
        { name: 'cost', label: t('field.cost'), type: 'number', hint: t('field.costHint') },
        { name: 'noCostAlternative', label: t('field.noCostAlternative'), type: 'text', hint: t('field.noCostHint') },
      ]
    : [];

  return (
    <section aria-labelledby="agreement-h" className="rounded-lg border border-stone-200 bg-white p-4" data-testid="agreement-panel">
      <h2 id="agreement-h" className="text-lg font-semibold">{t('title')}</h2>
      <p className="mt-1 text-sm text-stone-700">{t('caps', { level: t(`level.${view.offenseLevel}`), hours: view.caps.maxHours, money: qty('cents', view.caps.maxMoneyCents), items: view.caps.maxItems })}</p>

      {!draft && !current && (
        <div className="mt-3">
          {view.canDraft ? (
            <AgreementForm
              action={createDraftAction}
              hidden={{ caseId }}
              testId="create-draft"
              fields={[
                ...(templates.length ? [{ name: 'templateId', label: t('startFrom'), type: 'select' as const, options: [{ value: '', label: t('noTemplate') }, ...templates.map((tp) => ({ value: tp.id, label: tp.name }))] }] : []),
                { name: 'startsOn', label: t('field.startsOn'), type: 'date', hint: t('field.startsOnHint', { days: view.lengthDays }) },
              ]}
              submit={t('createDraft')}
            />
          ) : (
            <p className="text-stone-700">{t('none')}</p>
          )}
        </div>
      )}

      {current && (
        <div className="mt-4">
          <VersionSummary v={current} pdfHref={pdfHref(current.agreement.number)} />
          <h3 className="mt-4 font-semibold">{t('obligations')}</h3>
          <ObligationList items={current.items} action={mayReferItems ? (i) => (isReferrableItemKind(i.kind) ? <ItemReferral caseId={caseId} item={i} providers={referProviders} /> : null) : undefined} />
          {can(actor.role, 'progress.log') && view.caseStatus === 'in_progress' && (
            <details className="mt-4 rounded-md border border-stone-200 p-3">
              <summary className="cursor-pointer font-medium">{t('logOnBehalf')}</summary>
              <AgreementForm action={logProgressAction} fields={progressFields(t, current.items, view.today)} submit={t('logSubmit')} success={t('logged')} className="mt-3" testId="log-on-behalf" />
            </details>
          )}
          <h3 className="mt-6 font-semibold">{t('progressTitle')}</h3>
          <ProgressList
            rows={progress}
            review={
              can(actor.role, 'progress.verify')
                ? (e) =>
                    e.status === 'pending' && e.loggedByUserId !== actor.userId ? (
                      <div className="mt-2 grid gap-2 sm:grid-cols-2">
                        <AgreementForm action={reviewProgressAction} hidden={{ entryId: e.id, version: e.version, decision: 'verified' }} submit={t('verify')} success={t('verified')} testId={`verify-${e.id}`} />
                        <AgreementForm action={reviewProgressAction} hidden={{ entryId: e.id, version: e.version, decision: 'rejected' }} fields={[{ name: 'reason', label: t('rejectReason'), type: 'text' }]} submit={t('reject')} success={t('rejected')} tone="secondary" />
                      </div>
                    ) : null
                : undefined
            }
          />
          {mayDraft && !draft && view.caseStatus === 'in_progress' && (
            <details className="mt-4 rounded-md border border-stone-200 p-3">
              <summary className="cursor-pointer font-medium">{t('amend')}</summary>
              <AgreementForm
                action={amendAgreementAction}
                hidden={{ caseId }}
                fields={[
                  { name: 'reason', label: t('amendReason'), type: 'textarea', required: true },
                  { name: 'endsOn', label: t('amendEndsOn'), type: 'date', defaultValue: current.agreement.endsOn },
                ]}
                submit={t('amendSubmit')}
                className="mt-3"
              />
            </details>
          )}
        </div>
      )}

      {draft && (
        <div className="mt-4 rounded-md border border-amber-300 bg-amber-50/40 p-3" data-testid="agreement-draft">
          <VersionSummary v={draft} />
          {draft.guardrails.over && (
            <div role="status" className="mt-3 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-amber-900" data-testid="guardrail-warning">
              <p className="font-medium">{draft.approvalNeeded ? t('overCaps') : t('overCapsApproved')}</p>
              <ul className="mt-1 list-inside list-disc text-sm">
                {draft.guardrails.warnings.map((w) => (
                  <li key={w.cap}>{t(`cap.${w.cap}`, { actual: w.cap === 'money' ? qty('cents', w.actual) : w.actual, limit: w.cap === 'money' ? qty('cents', w.limit) : w.limit })}</li>
                ))}
              </ul>
            </div>
          )}
          <ul className="mt-3 space-y-2" data-testid="draft-items">
            {draft.items.map((i) => (
              <li key={i.id} className="rounded-md border border-stone-200 bg-white p-3">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium">{i.title}</span>
                  <span className="text-sm text-stone-600">{t(`kind.${i.kind}`)}</span>
                </div>
                <p className="text-sm">{t('itemLine', { target: qty(i.unit, i.targetQuantity), due: i.dueOn, verification: i.verification })}</p>
                {i.details && <p className="text-sm text-stone-700">{i.details}</p>}
                {i.paymentPlan && <p className="text-sm">{t('paymentPlanIs', { plan: i.paymentPlan })}</p>}
                {i.noCostAlternative && <p className="text-sm">{t('alternativeIs', { alt: i.noCostAlternative })}</p>}
                {mayDraft && <AgreementForm action={removeItemAction} hidden={{ agreementId: draft.agreement.id, version: draft.agreement.version, itemId: i.id }} submit={t('removeItem')} tone="secondary" className="mt-2" />}
              </li>
            ))}
          </ul>
          {mayDraft && (
            <div className="mt-3 rounded-md border border-stone-200 bg-white p-3">
              <h3 className="font-medium">{t('addItem')}</h3>
              <p className="mt-1 text-sm text-stone-700">{t('treatmentNote')}</p>
              <AgreementForm action={addItemAction} hidden={{ agreementId: draft.agreement.id, version: draft.agreement.version }} fields={itemFields} submit={t('addItemSubmit')} className="mt-3" testId="add-item" />
            </div>
          )}
          {isCoordinator && draft.approvalNeeded && (
            <AgreementForm action={approveAgreementAction} hidden={{ agreementId: draft.agreement.id, version: draft.agreement.version }} fields={[{ name: 'note', label: t('approveNote'), type: 'textarea', required: true }]} submit={t('approve')} className="mt-3" testId="approve" />
          )}
          <h3 className="mt-4 font-semibold">{t('signatures')}</h3>
          <SignatureList sigs={draft.signatures} timeZone={view.timeZone} />
          <div className="mt-2 grid gap-3 md:grid-cols-2">
            {view.viewer.isChair && !draft.signatures.some((s) => s.signerRole === 'chair') && (
              <SignForm t={t} agreementId={draft.agreement.id} version={draft.agreement.version} role="chair" label={t('signAsChair')} />
            )}
            {(view.viewer.isChair || isCoordinator) && !draft.signatures.some((s) => s.signerRole === 'participant') && (
              <SignForm t={t} agreementId={draft.agreement.id} version={draft.agreement.version} role="participant" label={t('signOnDevice')} />
            )}
          </div>
          {can(actor.role, 'agreement.template') && (
            <details className="mt-3 rounded-md border border-stone-200 bg-white p-3">
              <summary className="cursor-pointer font-medium">{t('saveTemplate')}</summary>
              <AgreementForm action={saveTemplateAction} hidden={{ agreementId: draft.agreement.id }} fields={[{ name: 'name', label: t('templateName'), type: 'text', required: true }]} submit={t('saveTemplateSubmit')} success={t('templateSaved')} className="mt-3" />
            </details>
          )}
        </div>
      )}

      {view.history.length > 1 && (
        <div className="mt-6">
          <h3 className="font-semibold">{t('history')}</h3>
          <ul className="mt-2 space-y-2">
            {view.history.map((h) => (
              <li key={h.agreement.id}>
                <details className="rounded-md border border-stone-200 p-3">
                  <summary className="cursor-pointer">{t('versionLine', { n: h.agreement.number, status: t(`status.${h.agreement.status}`) })}</summary>
                  <VersionSummary v={h} pdfHref={h.agreement.status === 'draft' ? undefined : pdfHref(h.agreement.number)} />
                  <ObligationList items={h.items} compact />
                  <SignatureList sigs={h.signatures} timeZone={view.timeZone} />
                </details>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<'agreements'>>>;

/** Hearings are recorded at the hearing, and treatment only by the provider's attestation: neither is logged here. */
export function progressFields(t: T, items: { id: string; title: string; kind: string }[], today: string): FieldSpec[] {
  return [
    { name: 'itemId', label: t('field.obligation'), type: 'select', options: items.filter((i) => i.kind !== 'check_in_hearing' && !isReferrableItemKind(i.kind)).map((i) => ({ value: i.id, label: i.title })) },
    { name: 'occurredOn', label: t('field.occurredOn'), type: 'date', required: true, max: today, defaultValue: today },
    { name: 'quantity', label: t('field.quantity'), type: 'number', required: true, hint: t('field.quantityHint') },
    { name: 'place', label: t('field.place'), type: 'text', hint: t('field.placeHint') },
    { name: 'supervisorContact', label: t('field.supervisor'), type: 'text', hint: t('field.supervisorHint') },
    { name: 'note', label: t('field.note'), type: 'textarea' },
    { name: 'proof', label: t('field.proof'), type: 'file', accept: 'image/jpeg,image/png,image/webp,application/pdf', hint: t('field.proofHint'), maxBytes: PROOF_MAX_BYTES, tooLarge: t('field.proofTooLarge', { mb: PROOF_MAX_BYTES / 1048576 }) },
  ];
}

export function SignForm({ t, agreementId, version, role, label }: { t: T; agreementId: string; version: number; role: 'chair' | 'participant'; label: string }) {
  return (
    <div className="rounded-md border border-stone-200 bg-white p-3">
      <h4 className="font-medium">{label}</h4>
      <AgreementForm
        action={signAgreementAction}
        hidden={{ agreementId, version, signerRole: role }}
        fields={[
          { name: 'typedName', label: t('typedName'), type: 'text', required: true },
          { name: 'confirm', label: t('confirmSign'), type: 'checkbox', required: true },
        ]}
        submit={t('sign')}
        success={t('signedOk')}
        testId={`sign-${role}`}
        className="mt-2"
      />
    </div>
  );
}
