import 'server-only';
import { lookupSession, sessionTimes } from '@/db/queries/sessions';
import type { Db } from '@/db/types';
import type { Actor } from './actor';

/** What the signed session carries; the database stays the authority for all of it. */
export type SessionClaims = { sub: string; role: string; jid: string; sv: number; sid: string };

/**
 * Turn verified session claims into an Actor, or null when the session must end: the account is
 * gone or disabled, its sessionVersion moved on (role or password changed, sign out everywhere),
 * the session was signed out, sat idle 30 minutes or reached its 12-hour end.
 * Runs on every request, so a change takes effect on the very next one. With `touch` (the
 * default for requests) the session's last-seen time moves forward; status checks pass false.
 */
export async function resolveActor(
  db: Db,
  claims: Partial<SessionClaims> | null | undefined,
  ip: string | null = null,
  opts: { touch?: boolean; now?: Date } = {},
): Promise<Actor | null> {
  if (!claims?.sub || typeof claims.sv !== 'number' || typeof claims.sid !== 'string') return null;
  const found = await lookupSession(db, { sub: claims.sub, sid: claims.sid, sv: claims.sv }, { touch: opts.touch ?? true, now: opts.now, ip });
  if (!found.ok) return null;
  const u = found.user;
  return {
    userId: u.id,
    role: u.role,
    jurisdictionId: u.jurisdictionId,
    name: u.name,
    email: u.email,
    locale: u.locale,
    ip,
    session: { id: found.session.id, ...sessionTimes(found.session) },
    mustChangePassword: found.mustChangePassword,
  };
}
