/**
 * Item wording the system writes itself (not the panel): the standard check-in and closing
 * hearings, and the fixed treatment items. Items are stored in English, the staff language (task
 * titles like "Book: Mid-term check-in with the board" come from them); documents for the
 * participant translate these exact strings by key (messages `agreements.standardText`). Text a
 * volunteer typed is the participant's agreement as written and is printed as is.
 */
import { TREATMENT_TEXT } from './agreement-rules';

export const STANDARD_TEXT = {
  midTermCheckIn: 'Mid-term check-in with the board',
  closingMeeting: 'Closing meeting with the board',
  attendanceAtHearing: 'Attendance recorded at the hearing',
  treatmentAssessment: 'Treatment assessment',
  treatmentProgram: 'Treatment program',
  providerAttestation: 'Attestation from the provider',
} as const;
export type StandardTextKey = keyof typeof STANDARD_TEXT;

const keyOf = new Map<string, StandardTextKey>(Object.entries(STANDARD_TEXT).map(([k, v]) => [v, k as StandardTextKey]));

type ItemText = { title: string; details: string | null; verification: string };

/**
 * An item's title, details and verification in the participant's language: standard strings
 * translated through `messages` (the `agreements.standardText` block of that language), the
 * clinician wording of treatment items from TREATMENT_TEXT, anything else unchanged.
 */
export function localizeItemText<I extends ItemText>(item: I, lang: 'en' | 'es', messages: Record<StandardTextKey, string>): I {
  const tr = (s: string) => {
    const k = keyOf.get(s.trim());
    return k ? messages[k] : s;
  };
  const details = item.details && item.details.trim() === TREATMENT_TEXT.en ? TREATMENT_TEXT[lang] : item.details;
  return { ...item, title: tr(item.title), details, verification: tr(item.verification) };
}
