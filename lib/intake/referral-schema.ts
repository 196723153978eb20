/**
 * The one shape of a referral, whichever way it arrives (form, CSV, API). Every path builds this
 * input and calls createReferral, which parses it with `referralSchema`; the OpenAPI document is
 * generated from the same schema, so the three never drift apart.
 */
import { z } from 'zod';
import { ethnicities, races, sexes } from './referral-choices';

const todayUtc = () => new Date().toISOString().slice(0, 10);
/** One day of slack: the office's "today" may already be tomorrow in UTC. */
const tomorrowUtc = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

// `abort`: a malformed date gets one message, not also the range checks that follow.
const isoDate = z.iso.date({ error: 'Use a date like 2026-10-01 (year-month-day).', abort: true });
const optionalIsoDate = z.iso.date({ error: 'Use a date like 2026-10-01 (year-month-day), or leave it empty.', abort: true });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep this under ${max} characters.` })
    .optional()
    .transform((v) => (v ? v : undefined));

export const triStates = ['yes', 'no', 'unknown'] as const;
// The choice lists live in a zod-free module so the referral form (a client component) can use
// them without shipping zod, whose schema set-up probes `new Function` (a CSP eval violation).
export { ethnicities, races, sexes };
export const languages = ['en', 'es'] as const;

export const referralParticipantSchema = z
  .object({
    firstName: z.string({ error: 'Enter the first name.' }).trim().min(1, { error: 'Enter the first name.' }).max(100),
    lastName: z.string({ error: 'Enter the last name.' }).trim().min(1, { error: 'Enter the last name.' }).max(100),
    dateOfBirth: isoDate.refine((d) => d >= '1900-01-01' && d <= todayUtc(), { error: 'The date of birth must be a past date.' }),
    phone: optionalText(30).refine((v) => v === undefined || /^\+?[0-9 ().-]{7,30}$/.test(v), { error: 'Enter a phone number of digits, like 816-555-0142.' }),
    email: optionalText(254).refine((v) => v === undefined || z.email().safeParse(v).success, { error: 'Enter an email address, like name@example.org.' }),
    addressLine: optionalText(200),
    zip: z.string({ error: 'Enter a 5-digit ZIP code.' }).trim().regex(/^[0-9]{5}$/, { error: 'Enter a 5-digit ZIP code.' }),
    preferredLanguage: z.enum(languages, { error: 'Choose English (en) or Spanish (es).' }).default('en'),
    race: z.enum(races, { error: `Use one of: ${races.join(', ')}.` }).default('unknown'),
    ethnicity: z.enum(ethnicities, { error: `Use one of: ${ethnicities.join(', ')}.` }).default('unknown'),
    sex: z.enum(sexes, { error: `Use one of: ${sexes.join(', ')}.` }).default('unknown'),
  })
  .meta({ description: 'The person referred. Demographics are self-reported, or "unknown"; never inferred.' });

export const referralFactsSchema = z
  .object({
    weaponInvolved: z.enum(triStates, { error: 'Use yes, no or unknown.' }).default('unknown'),
    violenceInvolved: z.enum(triStates, { error: 'Use yes, no or unknown.' }).default('unknown'),
    drugQuantityGrams: z.number({ error: 'Enter the quantity in grams as a number, or leave it empty if unknown.' }).min(0, { error: 'The quantity cannot be negative.' }).max(1_000_000).nullable().default(null),
    activeProtectionOrder: z.enum(triStates, { error: 'Use yes, no or unknown.' }).default('unknown'),
    criminalHistoryChecked: z.boolean({ error: 'Use true or false.' }).default(false),
    lastViolentOffenseDate: optionalIsoDate.nullable().default(null),
    lastFailedDiversionDate: optionalIsoDate.nullable().default(null),
  })
  .meta({ description: 'What the report says, for the nexus-to-violence screen. Anything not known is "unknown" or null: the case then waits for a prosecutor’s review.' });

export const referralSchema = z
  .object({
    externalCaseNumber: z
      .string({ error: 'Enter the office’s case number.' })
      .trim()
      .min(1, { error: 'Enter the office’s case number.', abort: true })
      .max(64)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { error: 'Use letters, digits, dots, dashes or slashes.' })
      .meta({ description: 'The office’s own case number; unique in the jurisdiction. Sending it again returns the same case (idempotent).' }),
    policeReportNumber: optionalText(64),
    referringAgency: z.string({ error: 'Enter the referring agency.' }).trim().min(2, { error: 'Enter the referring agency.' }).max(200),
    incidentDate: isoDate.refine((d) => d >= '1990-01-01' && d <= tomorrowUtc(), { error: 'The incident date cannot be in the future.' }),
    participant: referralParticipantSchema,
    charges: z
      .array(z.string().trim().min(1).max(20), { error: 'List the charge codes.' })
      .min(1, { error: 'Choose at least one charge.' })
      .max(10, { error: 'At most 10 charges.' })
      .meta({ description: 'Charge codes from the jurisdiction’s charge table (RSMo sections, e.g. "579.015").' }),
    facts: referralFactsSchema.prefault({}),
    summary: z.string().trim().max(4000, { error: 'Keep the summary under 4,000 characters.' }).default('').meta({ description: 'Volunteer-safe summary of the incident; no criminal history.' }),
  })
  .superRefine((r, ctx) => {
    if (r.participant.dateOfBirth <= todayUtc() && r.participant.dateOfBirth >= r.incidentDate) {
      ctx.addIssue({ code: 'custom', path: ['participant', 'dateOfBirth'], message: 'The date of birth must be before the incident date.' });
    }
    if (new Set(r.charges).size !== r.charges.length) ctx.addIssue({ code: 'custom', path: ['charges'], message: 'A charge is listed twice.' });
  });

export type ReferralInput = z.input<typeof referralSchema>;
export type Referral = z.output<typeof referralSchema>;

/** A complete, valid request body: the OpenAPI example, the README's curl, and a test fixture. */
export const referralExample = {
  externalCaseNumber: 'JC-2026-010203',
  policeReportNumber: 'KCPD-26-48213',
  referringAgency: 'Kansas City Police Department',
  incidentDate: '2026-10-02',
  participant: {
    firstName: 'Dana',
    lastName: 'Example',
    dateOfBirth: '1999-05-14',
    phone: '816-555-0199',
    email: 'dana.example@example.org',
    addressLine: '1200 Prospect Ave',
    zip: '64127',
    preferredLanguage: 'en',
    race: 'unknown',
    ethnicity: 'unknown',
    sex: 'unknown',
  },
  charges: ['579.015'],
  facts: {
    weaponInvolved: 'no',
    violenceInvolved: 'no',
    drugQuantityGrams: 1.2,
    activeProtectionOrder: 'no',
    criminalHistoryChecked: true,
    lastViolentOffenseDate: null,
    lastFailedDiversionDate: null,
  },
  summary: 'Stopped on Prospect Ave; small quantity for personal use. No weapon, no violence reported.',
} satisfies ReferralInput;
