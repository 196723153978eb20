/**
 * 42 CFR Part 2 consent: pure validation of the written consent a participant signs before any
 * treatment status may reach a recipient. §2.31(a) lists the elements; every one is required and a
 * consent missing any of them is refused (the database repeats the checks it can).
 *
 *   patient        (a)(1) the name of the patient
 *   discloser      (a)(2) who may disclose: named providers or "the treatment providers in my referral"
 *   information    (a)(3) how much and what kind of information (here: referral status attestations only)
 *   recipients     (a)(4) recipients by name; under §2.35 only the monitoring prosecutor's office,
 *                  the program (coordinator) and, optionally, the board
 *   purpose        (a)(5) the purpose of the disclosure
 *   revocation     (a)(6) the right to revoke and how
 *   expiry         (a)(7) an expiry date, event or condition
 *   signature      (a)(8) the patient's signature (typed full name, matching the patient name)
 *   signedOn       (a)(9) the date signed
 */
export const recipientKinds = ['prosecutor_office', 'program', 'board'] as const;
export type RecipientKind = (typeof recipientKinds)[number];

export const expiryEvents = ['final_disposition'] as const;
export type ExpiryEvent = (typeof expiryEvents)[number];

export type ConsentDraft = {
  patientName: string;
  discloser: string;
  information: string;
  recipients: { kind: RecipientKind; name: string }[];
  purpose: string;
  revocation: string;
  expiresOn: string | null;
  expiryEvent: ExpiryEvent | null;
  signature: string;
  signedOn: string | null;
};

export const consentElements = ['patientName', 'discloser', 'information', 'recipients', 'purpose', 'revocation', 'expiry', 'signature', 'signedOn'] as const;
export type ConsentElement = (typeof consentElements)[number];

/** Why an element is refused: a message key under treatment.consentError. */
export type ConsentProblem = 'missing' | 'signatureMismatch' | 'recipientsNotAllowed' | 'expiryBeforeSigning' | 'badDate';

const blank = (s: string | null | undefined) => !s || s.trim().length === 0;
const normalizeName = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Every problem of a draft, by element; an empty object means the consent may be recorded. */
export function validateConsent(d: ConsentDraft): Partial<Record<ConsentElement, ConsentProblem>> {
  const out: Partial<Record<ConsentElement, ConsentProblem>> = {};
  if (blank(d.patientName)) out.patientName = 'missing';
  if (blank(d.discloser)) out.discloser = 'missing';
  if (blank(d.information)) out.information = 'missing';
  if (d.recipients.length === 0 || d.recipients.some((r) => blank(r.name))) out.recipients = 'missing';
  else if (d.recipients.some((r) => !recipientKinds.includes(r.kind)) || new Set(d.recipients.map((r) => r.kind)).size !== d.recipients.length) out.recipients = 'recipientsNotAllowed';
  if (blank(d.purpose)) out.purpose = 'missing';
  if (blank(d.revocation)) out.revocation = 'missing';
  if (blank(d.signedOn)) out.signedOn = 'missing';
  else if (!isDate(d.signedOn!)) out.signedOn = 'badDate';
  if (blank(d.expiresOn) && !d.expiryEvent) out.expiry = 'missing';
  else if (d.expiryEvent && !expiryEvents.includes(d.expiryEvent)) out.expiry = 'missing';
  else if (!blank(d.expiresOn)) {
    if (!isDate(d.expiresOn!)) out.expiry = 'badDate';
    else if (!out.signedOn && d.signedOn && d.expiresOn! <= d.signedOn) out.expiry = 'expiryBeforeSigning';
  }
  if (blank(d.signature)) out.signature = 'missing';
  else if (!blank(d.patientName) && normalizeName(d.signature) !== normalizeName(d.patientName)) out.signature = 'signatureMismatch';
  return out;
}

/** Is a recorded consent in force on `today` (YYYY-MM-DD), given whether its expiry event happened? */
export function consentInForce(c: { revokedAt: Date | null; expiresOn: string | null; expiryEvent: ExpiryEvent | null }, today: string, finalDisposition: boolean): boolean {
  if (c.revokedAt) return false;
  if (c.expiresOn && c.expiresOn < today) return false;
  if (c.expiryEvent === 'final_disposition' && finalDisposition) return false;
  return true;
}

/**
 * The §2.32(a)(1) notice ("Statement 1", 2024 final rule, 89 FR 12472) that accompanies each
 * disclosure made with the patient's consent, in its three parts (lead, the three conditions (i)–(iii),
 * closing), and a faithful Spanish translation. `noticeText` joins them for API answers.
 */
export type Part2Notice = { lead: string; conditions: readonly [string, string, string]; closing: string };

export const part2Notice: Record<'en' | 'es', Part2Notice> = {
  en: {
    lead:
      'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). ' +
      'These rules prohibit you from using or disclosing this record, or testimony that describes the information contained in this record, ' +
      'in any civil, criminal, administrative, or legislative proceedings by any Federal, State, or local authority, against the patient, ' +
      'unless authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. ' +
      'In addition, the Federal rules prohibit you from making any other use or disclosure of this record unless at least one of the following applies:',
    conditions: [
      'Further use or disclosure is expressly permitted by the written consent of the individual whose information is being disclosed in this record or as otherwise permitted by 42 CFR part 2.',
      'You are a covered entity or business associate and have received the record for treatment, payment, or health care operations, or',
      'You have received the record from a covered entity or business associate as permitted by 45 CFR part 164, subparts A and E.',
    ],
    closing: 'A general authorization for the release of medical or other information is NOT sufficient to meet the required elements of written consent to further use or redisclose the record (see 42 CFR 2.31).',
  },
  es: {
    lead:
      'Este registro que se le ha divulgado está protegido por las normas federales de confidencialidad (42 CFR parte 2). ' +
      'Estas normas le prohíben usar o divulgar este registro, o testimonios que describan la información contenida en este registro, ' +
      'en cualquier procedimiento civil, penal, administrativo o legislativo de cualquier autoridad federal, estatal o local, contra el paciente, ' +
      'a menos que lo autorice el consentimiento del paciente, salvo lo dispuesto en 42 CFR 2.12(c)(5) o lo autorizado por un tribunal conforme a 42 CFR 2.64 o 2.65. ' +
      'Además, las normas federales le prohíben hacer cualquier otro uso o divulgación de este registro a menos que se cumpla al menos una de las siguientes condiciones:',
    conditions: [
      'El uso o la divulgación adicional está expresamente permitido por el consentimiento por escrito de la persona cuya información se divulga en este registro o de otro modo permitido por 42 CFR parte 2.',
      'Usted es una entidad cubierta o un socio comercial y recibió el registro para tratamiento, pago u operaciones de atención médica, o',
      'Usted recibió el registro de una entidad cubierta o de un socio comercial según lo permitido por 45 CFR parte 164, subpartes A y E.',
    ],
    closing: 'Una autorización general para divulgar información médica o de otro tipo NO es suficiente para cumplir los elementos requeridos del consentimiento por escrito para usar o volver a divulgar el registro (ver 42 CFR 2.31).',
  },
};

export function noticeText(locale: 'en' | 'es'): string {
  const n = part2Notice[locale];
  return [n.lead, ...n.conditions.map((c, i) => `(${['i', 'ii', 'iii'][i]}) ${c}`), n.closing].join(' ');
}

/** The standard wording of the elements the participant does not choose, in their language. */
export function consentWording(locale: 'en' | 'es', o: { providerName: string | null; programName: string; programPhone: string }) {
  if (locale === 'es') {
    return {
      discloser: o.providerName ?? 'Los proveedores de tratamiento de mi remisión',
      information:
        'Solo el estado de mi remisión a tratamiento, según lo confirme el proveedor: remitido, cita de admisión programada, asistió a la admisión, participando, completado, dado de alta o rechazado, con la fecha. Ningún diagnóstico, nota clínica, resultado de pruebas ni otro registro de tratamiento.',
      purpose: 'Para que quienes supervisan mi acuerdo con la junta comunitaria puedan ver si cumplí con la remisión a tratamiento, y para decidir el resultado de mi caso en el programa de desvío.',
      revocation: `Puedo revocar este consentimiento en cualquier momento, salvo en la medida en que ya se haya actuado con base en él: en mi portal (Tratamiento → Revocar) o por escrito a ${o.programName}, teléfono ${o.programPhone}. Según 42 CFR 2.35, revocarlo no cambia lo que ya se compartió.`,
    };
  }
  return {
    discloser: o.providerName ?? 'The treatment providers in my referral',
    information:
      'Only the status of my treatment referral as the provider confirms it: referred, intake scheduled, attended intake, engaged, completed, discharged or declined, with the date. No diagnosis, clinical notes, test results or other treatment records.',
    purpose: 'So that the people monitoring my neighborhood accountability board agreement can see whether I followed through on the treatment referral, and to decide the outcome of my case in the diversion program.',
    revocation: `I may revoke this consent at any time, except to the extent that action has already been taken in reliance on it: in my portal (Treatment → Revoke) or in writing to ${o.programName}, phone ${o.programPhone}. Under 42 CFR 2.35, revoking it does not undo what was already shared.`,
  };
}

/** "Jackson County, MO" → "Jackson County Prosecuting Attorney's Office" (es: "Fiscalía del Jackson County"). */
export function prosecutorOfficeName(jurisdictionName: string, locale: 'en' | 'es' = 'en'): string {
  const base = jurisdictionName.replace(/,\s*[A-Z]{2}$/, '').trim();
  return locale === 'es' ? `Fiscalía de ${base}` : `${base} Prosecuting Attorney's Office`;
}
