'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { ReferralFormResult } from '@/app/(staff)/referrals/new/actions';
import { FieldError, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { ethnicities, races, sexes } from '@/lib/intake/referral-choices';
import { ChoiceField, SelectField, TextField } from './fields';

type Charge = { code: string; description: string; violent: boolean; weapon: boolean };

const section = 'rounded-lg border border-stone-200 bg-white p-4 space-y-4';

export function ReferralForm({ action, charges, agencies }: { action: (p: ReferralFormResult | null, fd: FormData) => Promise<ReferralFormResult>; charges: Charge[]; agencies: string[] }) {
  const t = useTranslations('intake.form');
  const [state, formAction] = useActionState(action, null);
  const matches = state?.ok ? state.data.matches : [];
  const v: Record<string, string> = (state?.ok ? state.data.values : state?.values) ?? {};
  const e = state && !state.ok ? state.fieldErrors : {};
  const chosen = new Set((v.charges ?? '').split(',').filter(Boolean));
  const tri = [
    { value: 'no', label: t('no') },
    { value: 'yes', label: t('yes') },
    { value: 'unknown', label: t('unknown') },
  ];
  const demo = (kind: 'race' | 'ethnicity' | 'sex', values: readonly string[]) => values.map((x) => ({ value: x, label: t(`${kind}.${x}`) }));
  return (
    <form action={formAction} className="space-y-6" noValidate>
      {state && !state.ok && <FormMessage message={state.message} />}
      {matches.length > 0 && (
        <section aria-labelledby="match-h" className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4" data-testid="participant-match">
          <h2 id="match-h" className="text-lg font-semibold">
            {t('matchTitle')}
          </h2>
          <p className="mt-1">{t('matchIntro')}</p>
          <fieldset className="mt-3 space-y-2">
            <legend className="sr-only">{t('matchTitle')}</legend>
            {matches.map((m) => (
              <label key={m.id} className="flex items-start gap-2">
                <input type="radio" name="participantChoice" value={m.id} defaultChecked={matches.length === 1} className="mt-1 h-5 w-5" />
                <span>
                  {t('matchSame', { name: `${m.firstName} ${m.lastName}`, dob: m.dateOfBirth, zip: m.zip })}
                  <span className="block text-sm text-stone-700">{t('matchCases', { count: m.caseCount, numbers: m.caseNumbers.join(', ') })}</span>
                </span>
              </label>
            ))}
            <label className="flex items-start gap-2">
              <input type="radio" name="participantChoice" value="new" className="mt-1 h-5 w-5" />
              <span>{t('matchDifferent')}</span>
            </label>
          </fieldset>
        </section>
      )}

      <section aria-labelledby="case-h" className={section}>
        <h2 id="case-h" className="text-lg font-semibold">
          {t('caseSection')}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="externalCaseNumber" label={t('externalCaseNumber')} hint={t('externalCaseNumberHint')} required value={v.externalCaseNumber} errors={e.externalCaseNumber} autoComplete="off" />
          <TextField name="policeReportNumber" label={t('policeReportNumber')} value={v.policeReportNumber} errors={e.policeReportNumber} autoComplete="off" />
          <div>
            <TextField name="referringAgency" label={t('referringAgency')} required value={v.referringAgency} errors={e.referringAgency} list="agencies" />
            <datalist id="agencies">
              {agencies.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </div>
          <TextField name="incidentDate" label={t('incidentDate')} type="date" required value={v.incidentDate} errors={e.incidentDate} />
        </div>
      </section>

      <section aria-labelledby="person-h" className={section}>
        <h2 id="person-h" className="text-lg font-semibold">
          {t('personSection')}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="participant.firstName" label={t('firstName')} required value={v['participant.firstName']} errors={e['participant.firstName']} autoComplete="off" />
          <TextField name="participant.lastName" label={t('lastName')} required value={v['participant.lastName']} errors={e['participant.lastName']} autoComplete="off" />
          <TextField name="participant.dateOfBirth" label={t('dateOfBirth')} type="date" required value={v['participant.dateOfBirth']} errors={e['participant.dateOfBirth']} />
          <TextField name="participant.zip" label={t('zip')} required inputMode="numeric" maxLength={5} value={v['participant.zip']} errors={e['participant.zip']} />
          <TextField name="participant.addressLine" label={t('address')} value={v['participant.addressLine']} errors={e['participant.addressLine']} className="sm:col-span-2" />
          <TextField name="participant.phone" label={t('phone')} type="tel" inputMode="tel" value={v['participant.phone']} errors={e['participant.phone']} />
          <TextField name="participant.email" label={t('email')} type="email" value={v['participant.email']} errors={e['participant.email']} />
          <SelectField
            name="participant.preferredLanguage"
            label={t('language')}
            value={v['participant.preferredLanguage'] ?? 'en'}
            errors={e['participant.preferredLanguage']}
            options={[
              { value: 'en', label: t('english') },
              { value: 'es', label: t('spanish') },
            ]}
          />
        </div>
        <fieldset>
          <legend className="font-medium">{t('demographics')}</legend>
          <p className="text-sm text-stone-600">{t('demographicsHint')}</p>
          <div className="mt-2 grid gap-4 sm:grid-cols-3">
            <SelectField name="participant.race" label={t('raceLabel')} value={v['participant.race'] ?? 'unknown'} errors={e['participant.race']} options={demo('race', races)} />
            <SelectField name="participant.ethnicity" label={t('ethnicityLabel')} value={v['participant.ethnicity'] ?? 'unknown'} errors={e['participant.ethnicity']} options={demo('ethnicity', ethnicities)} />
            <SelectField name="participant.sex" label={t('sexLabel')} value={v['participant.sex'] ?? 'unknown'} errors={e['participant.sex']} options={demo('sex', sexes)} />
          </div>
        </fieldset>
      </section>

      <section aria-labelledby="charges-h" className={section}>
        <h2 id="charges-h" className="text-lg font-semibold">
          {t('chargesSection')}
        </h2>
        <fieldset aria-describedby={e.charges ? 'charges-error' : undefined}>
          <legend className="sr-only">{t('chargesSection')}</legend>
          <ul className="grid gap-1 sm:grid-cols-2">
            {charges.map((c) => (
              <li key={c.code}>
                <label className="flex min-h-11 items-start gap-2 py-1">
                  <input type="checkbox" name="charges" value={c.code} defaultChecked={chosen.has(c.code)} className="mt-1 h-5 w-5 shrink-0" />
                  <span>
                    <span className="font-medium">RSMo {c.code}</span> — {c.description}
                    {(c.weapon || c.violent) && <span className="ml-1 rounded bg-red-50 px-1.5 text-xs font-medium text-red-800 ring-1 ring-red-200">{c.weapon ? t('weaponCharge') : t('violentCharge')}</span>}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <FieldError id="charges-error" errors={e.charges} />
        </fieldset>
      </section>

      <section aria-labelledby="facts-h" className={section}>
        <h2 id="facts-h" className="text-lg font-semibold">
          {t('factsSection')}
        </h2>
        <p className="text-sm text-stone-700">{t('factsIntro')}</p>
        <ChoiceField name="facts.weaponInvolved" legend={t('weaponInvolved')} options={tri} value={v['facts.weaponInvolved']} errors={e['facts.weaponInvolved']} />
        <ChoiceField name="facts.violenceInvolved" legend={t('violenceInvolved')} options={tri} value={v['facts.violenceInvolved']} errors={e['facts.violenceInvolved']} />
        <ChoiceField name="facts.activeProtectionOrder" legend={t('protectionOrder')} options={tri} value={v['facts.activeProtectionOrder']} errors={e['facts.activeProtectionOrder']} />
        <TextField name="facts.drugQuantityGrams" label={t('quantity')} hint={t('quantityHint')} inputMode="decimal" value={v['facts.drugQuantityGrams']} errors={e['facts.drugQuantityGrams']} className="max-w-xs" />
        <div>
          <label className="flex min-h-11 items-center gap-2 font-medium">
            <input type="checkbox" name="facts.criminalHistoryChecked" defaultChecked={v['facts.criminalHistoryChecked'] === 'on'} className="h-5 w-5" />
            {t('historyChecked')}
          </label>
          <p className="text-sm text-stone-600">{t('historyCheckedHint')}</p>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="facts.lastViolentOffenseDate" label={t('lastViolent')} type="date" value={v['facts.lastViolentOffenseDate']} errors={e['facts.lastViolentOffenseDate']} />
          <TextField name="facts.lastFailedDiversionDate" label={t('lastFailedDiversion')} type="date" value={v['facts.lastFailedDiversionDate']} errors={e['facts.lastFailedDiversionDate']} />
        </div>
      </section>

      <div className={section}>
        <h2 id="summary-h" className="text-lg font-semibold">
          <label htmlFor="summary">{t('summary')}</label>
        </h2>
        <p id="summary-hint" className="text-sm text-stone-600">
          {t('summaryHint')}
        </p>
        <textarea id="summary" name="summary" rows={4} maxLength={4000} defaultValue={v.summary} aria-describedby={['summary-hint', e.summary ? 'summary-error' : ''].filter(Boolean).join(' ')} className="block w-full rounded-md border border-stone-400 bg-white px-3 py-2" />
        <FieldError id="summary-error" errors={e.summary} />
      </div>

      <SubmitButton pendingLabel={t('submitting')} className="w-full sm:w-auto">
        {matches.length ? t('submitConfirmed') : t('submit')}
      </SubmitButton>
    </form>
  );
}
