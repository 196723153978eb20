/**
 * Password rules after NIST SP 800-63B §3.1.1.2: long (≥ 15 characters), no composition rules,
 * and refused when it is a known common password, a common password dressed up with digits or
 * symbols, a run of one repeated or sequential pattern, or built from the person's own email or
 * name or the program's name. Pure: the blocklist lookup is passed in.
 */
import { PASSWORD } from '@/lib/auth/policy';

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'repetitive' | 'personal';

export type PasswordContext = { email?: string; name?: string };

/** Words that belong to this system, so no password should be built on them. */
const CONTEXT_WORDS = ['commonground', 'common ground', 'accountability', 'neighborhood'];

/** Length in characters a person would count (code points, not UTF-16 units). */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

function isRepetitive(p: string): boolean {
  const chars = [...p.toLowerCase()];
  if (new Set(chars).size <= 3) return true;
  // One short chunk repeated: "abcabcabcabcabc", "qwe!qwe!qwe!qwe!".
  for (let size = 1; size <= Math.floor(chars.length / 2); size++) {
    if (chars.length % size !== 0) continue;
    const chunk = chars.slice(0, size).join('');
    if (chunk.repeat(chars.length / size) === chars.join('')) return true;
  }
  // A straight run up or down the character table: "abcdefghijklmnop", "987654321098765".
  const codes = chars.map((c) => c.codePointAt(0)!);
  const steps = codes.slice(1).map((c, i) => c - codes[i]);
  const sequential = steps.filter((s) => s === 1 || s === -1 || s === 9 || s === -9).length;
  return sequential >= steps.length - 1;
}

/** The password without digits, symbols and spaces at its ends, lower-cased: "Password!!2024" → "password". */
function core(p: string): string {
  return p
    .toLowerCase()
    .replace(/^[^\p{L}]+/u, '')
    .replace(/[^\p{L}]+$/u, '');
}

export function passwordProblems(password: string, context: PasswordContext, isCommon: (candidate: string) => boolean): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = passwordLength(password);
  if (length < PASSWORD.minLength) problems.push('tooShort');
  if (length > PASSWORD.maxLength) problems.push('tooLong');
  if (problems.length) return problems;

  const lower = password.toLowerCase();
  const squeezed = lower.replace(/[\s\-_.]+/g, '');
  const c = core(password);
  if (isCommon(lower) || isCommon(squeezed) || (c.length > 0 && isCommon(c)) || isCommonRepeat(c, isCommon)) problems.push('common');
  if (isRepetitive(password)) problems.push('repetitive');

  const local = context.email?.split('@')[0]?.toLowerCase() ?? '';
  const nameParts = (context.name ?? '').toLowerCase().split(/\s+/).filter((w) => w.length >= 4);
  const personal = [...(local.length >= 4 ? [local] : []), ...nameParts, ...CONTEXT_WORDS];
  if (personal.some((w) => squeezed.includes(w.replace(/\s+/g, '')))) problems.push('personal');
  return problems;
}

/** "passwordpassword", "monkeymonkey1" — a common password said twice is still common. */
function isCommonRepeat(c: string, isCommon: (candidate: string) => boolean): boolean {
  for (let size = 3; size <= c.length / 2; size++) {
    if (c.length % size !== 0) continue;
    const chunk = c.slice(0, size);
    if (chunk.repeat(c.length / size) === c && isCommon(chunk)) return true;
  }
  return false;
}
