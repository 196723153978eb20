// Per-address limit on asking for sign-in codes (each request sends a text or an email, which costs
// money and can be used to pester someone). In memory, per instance, like sign-in-limit.ts; the
// per-account limit in the database (db/queries/sign-in-codes.ts) is the cross-instance guarantee.
import { RateLimiterMemory } from 'rate-limiter-flexible';

const WINDOW_SECONDS = 15 * 60;

export function maxCodeRequestsPerIp(): number {
  return Math.max(1, Number(process.env.CODE_REQUEST_IP_MAX ?? 10) || 10);
}

const g = globalThis as unknown as { __cgCodeRequestLimiter?: RateLimiterMemory };

function limiter(): RateLimiterMemory {
  return (g.__cgCodeRequestLimiter ??= new RateLimiterMemory({ keyPrefix: 'code-request-ip', points: maxCodeRequestsPerIp(), duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS }));
}

/** Count one code request from this address; false when the address is over its limit. */
export async function takeCodeRequest(ip: string | null): Promise<boolean> {
  if (!ip) return true;
  try {
    await limiter().consume(ip);
    return true;
  } catch {
    return false;
  }
}
