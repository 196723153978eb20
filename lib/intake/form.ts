/**
 * The prosecutor's referral form posts flat fields named by their path in the referral
 * ("participant.zip", "facts.weaponInvolved"); this turns them into the referral input, so the form
 * goes through the same schema and the same createReferral as CSV and API, and every error path
 * names the field it belongs to.
 */
import type { ReferralInput } from './referral-schema';

type Fields = { get(name: string): FormDataEntryValue | null; getAll(name: string): FormDataEntryValue[] };

export function formToReferralInput(fd: Fields): ReferralInput {
  const s = (k: string) => {
    const v = fd.get(k);
    return typeof v === 'string' ? v.trim() : '';
  };
  const opt = (k: string) => s(k) || undefined;
  const qty = s('facts.drugQuantityGrams').replace(',', '.');
  return {
    externalCaseNumber: s('externalCaseNumber'),
    policeReportNumber: opt('policeReportNumber'),
    referringAgency: s('referringAgency'),
    incidentDate: s('incidentDate'),
    participant: {
      firstName: s('participant.firstName'),
      lastName: s('participant.lastName'),
      dateOfBirth: s('participant.dateOfBirth'),
      phone: opt('participant.phone'),
      email: opt('participant.email'),
      addressLine: opt('participant.addressLine'),
      zip: s('participant.zip'),
      preferredLanguage: (opt('participant.preferredLanguage') ?? 'en') as 'en',
      race: (opt('participant.race') ?? 'unknown') as 'unknown',
      ethnicity: (opt('participant.ethnicity') ?? 'unknown') as 'unknown',
      sex: (opt('participant.sex') ?? 'unknown') as 'unknown',
    },
    charges: fd
      .getAll('charges')
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .map((v) => v.trim()),
    facts: {
      weaponInvolved: (opt('facts.weaponInvolved') ?? 'unknown') as 'unknown',
      violenceInvolved: (opt('facts.violenceInvolved') ?? 'unknown') as 'unknown',
      // Text that is not a number goes through as text, so the schema explains the problem.
      drugQuantityGrams: (qty === '' ? null : Number.isFinite(Number(qty)) ? Number(qty) : qty) as number | null,
      activeProtectionOrder: (opt('facts.activeProtectionOrder') ?? 'unknown') as 'unknown',
      criminalHistoryChecked: s('facts.criminalHistoryChecked') === 'on' || s('facts.criminalHistoryChecked') === 'true',
      lastViolentOffenseDate: opt('facts.lastViolentOffenseDate') ?? null,
      lastFailedDiversionDate: opt('facts.lastFailedDiversionDate') ?? null,
    },
    summary: s('summary'),
  };
}

/** Field errors keyed for the form: per-charge errors belong to the charges group. */
export function formFieldErrors(fieldErrors: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(fieldErrors)) {
    const key = k.startsWith('charges.') ? 'charges' : k;
    (out[key] ??= []).push(...v);
  }
  return out;
}
