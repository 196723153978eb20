import { createSession } from '@/db/queries/sessions';
import type { Db } from '@/db/types';
import type { User } from '@/db/schema';
import type { SessionClaims } from '@/lib/auth/resolve-actor';

/** A server-side session for a user, and the claims its cookie would carry. */
export async function sessionFor(db: Db, u: User, now = new Date()): Promise<SessionClaims> {
  const s = await createSession(db, u, { ip: '127.0.0.1', userAgent: 'vitest' }, now);
  return { sub: u.id, role: u.role, jid: u.jurisdictionId, sv: u.sessionVersion, sid: s.id };
}
