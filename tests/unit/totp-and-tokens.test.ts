import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { signPending, verifyPending } from '@/lib/auth/pending';
import { DEMO_TOTP_SECRET, PENDING_SIGN_IN_SECONDS } from '@/lib/auth/policy';
import { hashRecoveryCode, looksLikeRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, totpCodeAt, totpStep, totpUri } from '@/lib/auth/totp';

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= 'unit-test-secret-unit-test-secret-unit-test';
});

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vector', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits) → 287082.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCodeAt(secret, new Date(59_000))).toBe('287082');
  });

  it('accepts the current step and one either side, names the step, refuses the rest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_600_000_000, max: 2_100_000_000 }), fc.integer({ min: -4, max: 4 }), (seconds, offset) => {
        const at = new Date(seconds * 1000);
        const codeAt = new Date(at.getTime() + offset * 30_000);
        const code = totpCodeAt(DEMO_TOTP_SECRET, codeAt);
        const step = matchTotp(DEMO_TOTP_SECRET, code, at);
        if (Math.abs(offset) <= 1) expect(step).toBe(totpStep(codeAt));
        // Outside the window a different step may produce the same 6 digits by chance (1 in a million).
        else if (step !== null) expect(totpCodeAt(DEMO_TOTP_SECRET, new Date(step * 30_000))).toBe(code);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses malformed codes without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (junk) => {
        fc.pre(!/^\s*\d{6}\s*$/.test(junk));
        expect(matchTotp(DEMO_TOTP_SECRET, junk, new Date())).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('makes 160-bit secrets and a URI authenticator apps import', () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(totpUri(s, 'a@b.test')).toMatch(/^otpauth:\/\/totp\/Common%20Ground:a%40b\.test\?issuer=Common%20Ground&secret=[A-Z2-7]{32}&algorithm=SHA1&digits=6&period=30$/);
  });
});

describe('recovery codes', () => {
  it('are ten distinct xxxxx-xxxxx codes, recognised loosely, hashed after normalising', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(looksLikeRecoveryCode(c)).toBe(true);
      expect(hashRecoveryCode(c.toUpperCase().replace('-', ' '))).toBe(hashRecoveryCode(c));
    }
    expect(looksLikeRecoveryCode('123456')).toBe(false);
  });
});

describe('the "password ok" hand-over token', () => {
  const base = { uid: '7c52c1c8-e159-4b4e-a8f4-f2c795893820', sv: 3, step: 'totp' as const, cb: '/cases' };

  it('round-trips and expires after its lifetime', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    const token = signPending(base, now);
    expect(verifyPending(token, now)).toMatchObject(base);
    expect(verifyPending(token, new Date(now.getTime() + (PENDING_SIGN_IN_SECONDS - 1) * 1000))).not.toBeNull();
    expect(verifyPending(token, new Date(now.getTime() + (PENDING_SIGN_IN_SECONDS + 1) * 1000))).toBeNull();
  });

  it('refuses any change to payload or signature', () => {
    const token = signPending(base);
    const [payload, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...base, uid: '00000000-0000-4000-8000-000000000000', exp: 9e9 })).toString('base64url');
    expect(verifyPending(`${forged}.${mac}`)).toBeNull();
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'ABCxyz019-_.'.split('')), (i, ch) => {
        fc.pre(token[i] !== ch);
        const tampered = token.slice(0, i) + ch + token.slice(i + 1);
        const r = verifyPending(tampered);
        // A change inside base64 padding bits can decode to the same bytes; anything else fails.
        if (r) expect(Buffer.from(tampered.split('.')[0], 'base64url').equals(Buffer.from(payload, 'base64url'))).toBe(true);
      }),
      { numRuns: 400 },
    );
    expect(verifyPending('')).toBeNull();
    expect(verifyPending('a.b.c')).toBeNull();
  });
});
