import 'server-only';
import { getUserForSession } from '@/db/queries/users';
import type { Db } from '@/db/types';
import type { Actor } from './actor';

/** What the signed session carries; the database stays the authority for all of it. */
export type SessionClaims = { sub: string; role: string; jid: string; sv: number };

/**
 * Turn verified session claims into an Actor, or null when the session must end: the account is
 * gone or disabled, or its sessionVersion moved on (role or password changed, sign-out everywhere).
 * Runs on every request, so a change takes effect on the very next one.
 */
export async function resolveActor(db: Db, claims: Partial<SessionClaims> | null | undefined, ip: string | null = null): Promise<Actor | null> {
  if (!claims?.sub || typeof claims.sv !== 'number') return null;
  const user = await getUserForSession(db, claims.sub);
  if (!user || !user.active || user.sessionVersion !== claims.sv) return null;
  return { userId: user.id, role: user.role, jurisdictionId: user.jurisdictionId, name: user.name, email: user.email, locale: user.locale, ip };
}
