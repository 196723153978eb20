import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passwordLength, passwordProblems } from '@/lib/domain/password-rules';

// The shipped blocklist, read the way lib/auth/common-passwords.ts reads it.
const list = new Set(
  fs
    .readFileSync(path.join(process.cwd(), 'lib/auth/common-passwords.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#')),
);
const isCommon = (s: string) => list.has(s) || s === 'commonground-demo';
const check = (p: string, ctx = {}) => passwordProblems(p, ctx, isCommon);

describe('password rules (NIST 800-63B)', () => {
  it('ships a 10,000-entry blocklist', () => {
    expect(list.size).toBeGreaterThanOrEqual(9_900);
    expect(list.has('password')).toBe(true);
    expect(list.has('qazwsxedcrfvtgb')).toBe(true);
  });

  it('refuses anything shorter than 15 characters, counting characters not bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 14 }), (p) => {
        fc.pre(passwordLength(p) < 15);
        expect(check(p)).toContain('tooShort');
      }),
      { numRuns: 500 },
    );
    // 15 accented letters are 15 characters even though they are 30 bytes.
    expect(check('ñandúcigüeñaéxó').includes('tooShort')).toBe(false);
  });

  it('has no composition rules: long random text of any alphabet passes', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz ñáéíóú'.split('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 16, maxLength: 60 }), (chars) => {
        const p = chars.join('');
        fc.pre(new Set(chars).size >= 8 && p.trim().length >= 15 && passwordLength(p) >= 15);
        expect(check(p)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every long common password, and common ones padded with digits or symbols', () => {
    const long = [...list].filter((p) => p.length >= 15);
    for (const p of long) expect(check(p), p).toContain('common');
    fc.assert(
      fc.property(fc.constantFrom(...[...list].filter((p) => /^[a-z]{6,}$/.test(p)).slice(0, 500)), fc.stringMatching(/^[0-9!@#$%. ]{1,12}$/), (word, pad) => {
        const p = `${word}${pad}`.padEnd(15, '1');
        expect(check(p)).toContain('common');
        expect(check(p[0].toUpperCase() + p.slice(1))).toContain('common');
      }),
      { numRuns: 300 },
    );
    expect(check('passwordpassword')).toContain('common');
  });

  it('refuses repeated and sequential patterns', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 5 }), fc.integer({ min: 3, max: 20 }), (chunk, times) => {
        const p = chunk.repeat(times);
        fc.pre(passwordLength(p) >= 15 && passwordLength(p) <= 256);
        expect(check(p)).toContain('repetitive');
      }),
      { numRuns: 300 },
    );
    expect(check('abcdefghijklmnop')).toContain('repetitive');
    expect(check('123456789012345678')).toContain('repetitive');
    expect(check('aaaaaaaaaaaaaab1')).toContain('repetitive');
  });

  it('refuses passwords built on the person’s email, name or the program', () => {
    expect(check('my name is jordanrivera ok', { email: 'jordanrivera@example.org' })).toContain('personal');
    expect(check('Carmen-loves-the-river-2026', { name: 'Carmen Coordinator' })).toContain('personal');
    expect(check('CommonGround forever and ever')).toContain('personal');
    expect(check('commonground-demo')).toEqual(expect.arrayContaining(['common', 'personal']));
  });

  it('accepts a plain four-word passphrase', () => {
    expect(check('river lamp October bicycle')).toEqual([]);
  });
});
