import 'server-only';
import crypto from 'node:crypto';
import { getAuthSecret } from './secret';

/**
 * Numbers of password-less sign-in, in one place. A 6-digit code gives 1 in 1,000,000 per guess;
 * with 5 tries per code and the account lockout (5 failures in 15 minutes → 10 minutes locked)
 * an attacker gets well under 1 in 10,000 per day against one account.
 */
export const ONE_TIME_CODE = {
  digits: 6,
  ttlMinutes: 10,
  /** Wrong tries that use a code up (they also count toward the account lockout). */
  maxAttempts: 5,
  /** Codes a person can ask for per account in `requestWindowMinutes`. */
  maxRequests: 3,
  requestWindowMinutes: 15,
  inviteTtlDays: 7,
  letterTtlDays: 14,
} as const;

/** A random 6-digit code (leading zeros kept). */
export function newNumericCode(): string {
  return String(crypto.randomInt(0, 10 ** ONE_TIME_CODE.digits)).padStart(ONE_TIME_CODE.digits, '0');
}

/**
 * The stored form of a 6-digit code: keyed HMAC of the row id and the code, so the table alone
 * (a backup, a read replica) cannot be brute-forced offline over the small code space.
 */
export function hashNumericCode(rowId: string, code: string): string {
  return 'n:' + crypto.createHmac('sha256', getAuthSecret()).update(`${rowId}:${code}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

// Crockford base32 without I, L, O, U: nothing to misread on a printed letter.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 60-bit letter code, printed as XXXX-XXXX-XXXX. */
export function newLetterCode(): string {
  const bytes = crypto.randomBytes(12);
  const chars = Array.from(bytes, (b) => ALPHABET[b % 32]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** The way a person might type a letter code back: any case, spaces or dashes, O for 0 and I/L for 1. */
export function normalizeLetterCode(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** A 192-bit token for an invitation link. */
export function newInviteToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** High-entropy tokens are looked up by their hash (unique index), so a plain SHA-256 is enough. */
export function hashToken(kind: 'invite' | 'letter', token: string): string {
  const value = kind === 'letter' ? normalizeLetterCode(token) : token;
  return `${kind === 'letter' ? 'l' : 'i'}:` + crypto.createHash('sha256').update(value).digest('hex');
}
