/**
 * Phone numbers and email addresses as the notice channels need them. Pure.
 * Numbers are stored as people typed them; sending, opt-outs and matching use E.164.
 */

/**
 * E.164 form of a phone number, or null when it cannot be a dialable number. Ten digits (or eleven
 * starting with 1) are read as North American numbers, which must have a valid area code and
 * exchange; anything written with a leading + is taken as international.
 */
export function normalizePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  if (/[a-z]/i.test(trimmed.replace(/\s*(ext\.?|x)\s*\d+$/i, ''))) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+') && !trimmed.startsWith('+1')) {
    return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : null;
  }
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(national)) return null;
  return `+1${national}`;
}

/** (816) 555-0142 for North American numbers, the E.164 form otherwise. */
export function displayPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

/** Last four digits only, for logs and audit entries. */
export function maskPhone(e164: string): string {
  return `…${e164.slice(-4)}`;
}

export function normalizeEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const e = raw.trim();
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z0-9-]{2,}$/i.test(e) && e.length <= 254 ? e : null;
}
