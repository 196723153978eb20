// Shared by proxy.ts (which answers 429) and the sign-in actions (which count failures). No
// server-only import. Both run in the same Node.js process under `next start`, but in separately
// bundled modules, so the limiter lives on globalThis to be one object for both.
import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Per-IP limit on FAILED sign-in steps (wrong password, unknown email, wrong code): 20 in 15
 * minutes by default (SIGN_IN_IP_MAX_FAILURES), then that address gets HTTP 429 on the sign-in
 * pages for 15 minutes. Successful sign-ins cost nothing, so a busy office behind one NAT address
 * is not blocked by its own staff. In memory, per instance: with N instances an address gets at
 * most N × the limit — the per-account lockout in the database is the cross-instance guarantee.
 */
const WINDOW_SECONDS = 15 * 60;

function maxFailures(): number {
  return Math.max(1, Number(process.env.SIGN_IN_IP_MAX_FAILURES ?? 20) || 20);
}

const g = globalThis as unknown as { __cgSignInIpLimiter?: RateLimiterMemory };

function limiter(): RateLimiterMemory {
  return (g.__cgSignInIpLimiter ??= new RateLimiterMemory({ keyPrefix: 'sign-in-ip', points: maxFailures(), duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS }));
}

/** Seconds until this address may try again, or 0 when it is not blocked. */
export async function signInBlockedFor(ip: string | null): Promise<number> {
  if (!ip) return 0;
  const res = await limiter().get(ip);
  if (!res || res.consumedPoints < maxFailures()) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

export async function recordSignInFailure(ip: string | null): Promise<void> {
  if (!ip) return;
  // consume() rejects once the points are spent; that rejection is the block, not an error.
  await limiter()
    .consume(ip)
    .catch(() => undefined);
}

export function isSignInPost(method: string, pathname: string): boolean {
  return method === 'POST' && (pathname === '/sign-in' || pathname.startsWith('/sign-in/'));
}
