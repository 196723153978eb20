import 'server-only';
import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

// RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps.
const PERIOD = 30;
const ISSUER = 'Common Ground';

function totp(secret: string, label = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app imports (as a QR code or pasted). */
export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / PERIOD);
}

/**
 * The 30-second time step a code belongs to, or null when it matches none of the previous,
 * current or next step (one step of clock drift either way). The caller makes the step single-use.
 */
export function matchTotp(secret: string, code: string, at: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : totpStep(at) + delta;
}

export function totpCodeAt(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

// Recovery codes: 10 random codes of 10 characters from an alphabet without look-alikes
// (≈ 50 bits each), shown once as "xxxxx-xxxxx" and stored as SHA-256.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return normalizeRecoveryCode(code).length === 10 && !/^\d+$/.test(normalizeRecoveryCode(code));
}

export function hashRecoveryCode(code: string): string {
  return crypto.createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');
}
