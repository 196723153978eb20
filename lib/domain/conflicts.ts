/**
 * Conflicts of interest a volunteer has not declared but the records suggest: the same home
 * address as the participant, or the same surname in the same ZIP (likely family or neighbours).
 * These are flags for a coordinator's review; until dismissed they keep the volunteer off the case.
 */
export type PersonAddress = { lastName: string; addressLine: string | null; zip: string | null };
export type AutoConflictKind = 'same_address' | 'same_surname_zip';

/** Lower-case, collapse spaces and common street-suffix spellings, drop punctuation. */
export function normalizeAddress(s: string): string {
  return s
    .toLowerCase()
    .replace(/[.,#]/g, ' ')
    .replace(/\b(avenue|ave)\b/g, 'ave')
    .replace(/\b(street|st)\b/g, 'st')
    .replace(/\b(road|rd)\b/g, 'rd')
    .replace(/\b(boulevard|blvd)\b/g, 'blvd')
    .replace(/\b(drive|dr)\b/g, 'dr')
    .replace(/\b(apartment|apt|unit)\b/g, 'apt')
    .replace(/\s+/g, ' ')
    .trim();
}

export function autoConflicts(volunteer: PersonAddress, participant: PersonAddress): AutoConflictKind[] {
  const out: AutoConflictKind[] = [];
  const sameZip = !!volunteer.zip && volunteer.zip === participant.zip;
  if (sameZip && volunteer.addressLine && participant.addressLine && normalizeAddress(volunteer.addressLine) === normalizeAddress(participant.addressLine)) out.push('same_address');
  const surname = (s: string) => s.trim().toLowerCase();
  if (sameZip && surname(volunteer.lastName) !== '' && surname(volunteer.lastName) === surname(participant.lastName)) out.push('same_surname_zip');
  return out;
}
