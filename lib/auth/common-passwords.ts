import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { passwordProblems, type PasswordContext, type PasswordProblem } from '@/lib/domain/password-rules';
import { DEMO_PASSWORD } from '@/db/seed-data/demo-accounts';

let list: Set<string> | undefined;

/** The shipped blocklist (lib/auth/common-passwords.txt, 10,000 entries), read once; no network. */
export function commonPasswords(): Set<string> {
  if (list) return list;
  const file = path.join(process.cwd(), 'lib', 'auth', 'common-passwords.txt');
  const entries = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#'));
  // The demo password is published in the README: nobody may choose it for a real account.
  entries.push(DEMO_PASSWORD);
  list = new Set(entries);
  return list;
}

export function checkNewPassword(password: string, context: PasswordContext): PasswordProblem[] {
  const set = commonPasswords();
  return passwordProblems(password, context, (candidate) => set.has(candidate));
}
