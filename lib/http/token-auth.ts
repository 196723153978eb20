import 'server-only';
import { resolveApiToken } from '@/db/queries/api-tokens';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import { HttpProblem } from './problem';

/** The client address, for the audit log. */
export function requestIp(req: Request): string | null {
  return req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || req.headers.get('x-real-ip') || null;
}

/**
 * The actor behind `Authorization: Bearer <token>`, or a 401 problem (RFC 6750 challenge) when the
 * token is missing, unknown or revoked. The same answer for all three, so probing learns nothing.
 */
export async function authenticateBearer(db: Db, req: Request): Promise<Actor> {
  const header = req.headers.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const challenge = m ? 'Bearer realm="Common Ground API", error="invalid_token"' : 'Bearer realm="Common Ground API"';
  const actor = m ? await resolveApiToken(db, m[1], requestIp(req)) : null;
  if (!actor) {
    throw new HttpProblem(401, 'Unauthorized', m ? 'The bearer token is not valid or was revoked.' : 'Send an API token as `Authorization: Bearer <token>`.', undefined, { 'www-authenticate': challenge });
  }
  return actor;
}
