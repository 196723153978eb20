import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

let cached: string | undefined;

/**
 * The key that signs and encrypts session tokens. Deployments set NEXTAUTH_SECRET (the same value on
 * every instance). For a fresh `npm start` with nothing configured, a random secret is generated
 * once into .data/ (mode 0600) so sessions survive restarts without a committed secret.
 */
export function getAuthSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.NEXTAUTH_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('NEXTAUTH_SECRET must be at least 32 characters.');
    return (cached = fromEnv);
  }
  const file = path.join(env.dataDir, 'auth-secret');
  try {
    cached = fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const generated = crypto.randomBytes(48).toString('base64url');
    try {
      fs.writeFileSync(file, generated, { mode: 0o600, flag: 'wx' });
      cached = generated;
    } catch {
      // Another process wrote it first: use theirs.
      cached = fs.readFileSync(file, 'utf8').trim();
    }
  }
  return cached;
}
