import 'server-only';
import crypto from 'node:crypto';
import { z } from 'zod';
import { PENDING_SIGN_IN_SECONDS } from './policy';
import { getAuthSecret } from './secret';

/**
 * The hand-over between the two sign-in steps: "this browser gave the right password for user X
 * (session version N) at time T". It is NOT a session — it opens only the second-factor and
 * enrolment steps. HMAC-SHA256 with a key derived from the auth secret; expires after 10 minutes;
 * bound to the session version, so disabling the account or a password change voids it.
 */
const pendingSchema = z.object({
  uid: z.uuid(),
  sv: z.number().int(),
  exp: z.number().int(),
  step: z.enum(['totp', 'enroll']),
  cb: z.string().max(2000).nullable(),
});
export type PendingSignIn = z.infer<typeof pendingSchema>;

function key(): Buffer {
  return crypto.createHmac('sha256', getAuthSecret()).update('common-ground pending sign-in v1').digest();
}

export function signPending(p: Omit<PendingSignIn, 'exp'>, now = new Date()): string {
  const payload = Buffer.from(JSON.stringify({ ...p, exp: Math.floor(now.getTime() / 1000) + PENDING_SIGN_IN_SECONDS })).toString('base64url');
  const mac = crypto.createHmac('sha256', key()).update(payload).digest('base64url');
  return `${payload}.${mac}`;
}

export function verifyPending(token: string | undefined | null, now = new Date()): PendingSignIn | null {
  if (!token || token.length > 4000) return null;
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  const expected = crypto.createHmac('sha256', key()).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success || parsed.data.exp * 1000 < now.getTime()) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
