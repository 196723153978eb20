import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken, encodeSessionToken } from '@/lib/auth/session-token';

const secret = 'unit-test-secret-unit-test-secret-0123456789';
const claims = { sub: 'u-1', role: 'coordinator', jid: 'j-1', sv: 3, sid: 's-1' };

describe('session token (next-auth format, cached key)', () => {
  it('reads tokens next-auth issued, and next-auth reads ours', async () => {
    const theirs = await encode({ token: claims, secret, maxAge: 600 });
    expect(await decodeSessionToken({ token: theirs, secret })).toMatchObject(claims);
    const ours = await encodeSessionToken({ token: claims, secret, maxAge: 600 });
    const back = await decode({ token: ours, secret });
    expect(back).toMatchObject(claims);
    expect(Number(back!.exp) - Number(back!.iat)).toBe(600);
    expect(typeof back!.jti).toBe('string');
  });

  it('refuses a token made with another secret, a damaged one and an expired one', async () => {
    const ours = await encodeSessionToken({ token: claims, secret, maxAge: 600 });
    await expect(decodeSessionToken({ token: ours, secret: `${secret}-other` })).rejects.toThrow();
    const damaged = ours.slice(0, -6) + (ours.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    await expect(decodeSessionToken({ token: damaged, secret })).rejects.toThrow();
    // Expired well beyond the 15-second clock tolerance.
    const old = await encodeSessionToken({ token: claims, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: old, secret })).rejects.toThrow();
  });

  it('keeps salts apart (a salted token is not a session token)', async () => {
    const salted = await encodeSessionToken({ token: claims, secret, salt: 'other-use' });
    await expect(decodeSessionToken({ token: salted, secret })).rejects.toThrow();
    expect(await decodeSessionToken({ token: salted, secret, salt: 'other-use' })).toMatchObject(claims);
    expect(await decode({ token: salted, secret, salt: 'other-use' })).toMatchObject(claims);
  });
});
