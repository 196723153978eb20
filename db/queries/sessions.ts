import 'server-only';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authSessions, users, userSecurity } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { SESSION } from '@/lib/auth/policy';
import type { Db } from '../types';
import { writeAudit } from './audit';

/**
 * Server-side sessions. The cookie is a next-auth JWT carrying the session id (`sid`); this table
 * is the authority. Why a table and not only JWT claims: idle expiry needs a "last seen" time that
 * every instance agrees on and that moves without re-issuing the cookie on each request, and
 * sign-out must end one session for real (a copied JWT stays valid until it expires otherwise).
 * Cost: the per-request user lookup joins this row; a write happens at most once a minute.
 */

const IDLE_MS = SESSION.idleMinutes * 60_000;
const ABSOLUTE_MS = SESSION.absoluteHours * 3_600_000;
const TOUCH_MS = SESSION.touchSeconds * 1000;

export type SessionTimes = { idleExpiresAt: Date; absoluteExpiresAt: Date };

export type SessionUserRow = {
  id: string;
  role: Actor['role'];
  jurisdictionId: string;
  name: string;
  email: string;
  locale: Actor['locale'];
  active: boolean;
  sessionVersion: number;
};

export async function createSession(db: Db, user: SessionUserRow, meta: { ip: string | null; userAgent: string | null }, now = new Date()) {
  const [s] = await db
    .insert(authSessions)
    .values({ userId: user.id, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + ABSOLUTE_MS), ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null })
    .returning();
  return s;
}

export function sessionTimes(s: { lastSeenAt: Date; expiresAt: Date }): SessionTimes {
  return { idleExpiresAt: new Date(s.lastSeenAt.getTime() + IDLE_MS), absoluteExpiresAt: s.expiresAt };
}

export type SessionLookup =
  | { ok: true; user: SessionUserRow; mustChangePassword: boolean; session: { id: string; lastSeenAt: Date; expiresAt: Date } }
  | { ok: false; reason: 'missing' | 'inactive' | 'version' | 'revoked' | 'idle' | 'expired' };

/**
 * Find the user and session behind verified claims and decide whether the session still holds.
 * With `touch`, a live session's last-seen time moves forward (at most once a minute), and a
 * session found idle or past its absolute end is revoked and audited once.
 */
export async function lookupSession(db: Db, claims: { sub: string; sid: string; sv: number }, opts: { now?: Date; touch?: boolean; ip?: string | null } = {}): Promise<SessionLookup> {
  const now = opts.now ?? new Date();
  if (!z.uuid().safeParse(claims.sub).success || !z.uuid().safeParse(claims.sid).success) return { ok: false, reason: 'missing' };
  const [row] = await db
    .select({
      user: { id: users.id, role: users.role, jurisdictionId: users.jurisdictionId, name: users.name, email: users.email, locale: users.locale, active: users.active, sessionVersion: users.sessionVersion },
      session: { id: authSessions.id, lastSeenAt: authSessions.lastSeenAt, expiresAt: authSessions.expiresAt, revokedAt: authSessions.revokedAt },
      mustChangePassword: userSecurity.mustChangePassword,
    })
    .from(users)
    .innerJoin(authSessions, and(eq(authSessions.userId, users.id), eq(authSessions.id, claims.sid)))
    .leftJoin(userSecurity, eq(userSecurity.userId, users.id))
    .where(eq(users.id, claims.sub))
    .limit(1);
  if (!row) return { ok: false, reason: 'missing' };
  if (!row.user.active) return { ok: false, reason: 'inactive' };
  if (row.user.sessionVersion !== claims.sv) return { ok: false, reason: 'version' };
  if (row.session.revokedAt) return { ok: false, reason: 'revoked' };
  const idle = now.getTime() - row.session.lastSeenAt.getTime() >= IDLE_MS;
  const expired = now.getTime() >= row.session.expiresAt.getTime();
  if (idle || expired) {
    if (opts.touch) {
      const reason = expired ? 'expired' : 'idle';
      const ended = await revokeSession(db, claims.sid, reason, now);
      if (ended) {
        const u = row.user;
        await writeAudit(db, { userId: u.id, role: u.role, jurisdictionId: u.jurisdictionId, name: u.name, email: u.email, locale: u.locale, ip: opts.ip ?? null }, { action: 'auth.session_end', entityType: 'session', entityId: claims.sid, details: { reason } });
      }
    }
    return { ok: false, reason: expired ? 'expired' : 'idle' };
  }
  let lastSeenAt = row.session.lastSeenAt;
  if (opts.touch && now.getTime() - lastSeenAt.getTime() >= TOUCH_MS) {
    await db
      .update(authSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(authSessions.id, claims.sid), isNull(authSessions.revokedAt), lt(authSessions.lastSeenAt, now)));
    lastSeenAt = now;
  }
  return { ok: true, user: row.user, mustChangePassword: row.mustChangePassword ?? false, session: { id: row.session.id, lastSeenAt, expiresAt: row.session.expiresAt } };
}

/** "Stay signed in": move last-seen to now regardless of the once-a-minute rule. */
export async function touchSession(db: Db, actor: Actor, now = new Date()): Promise<SessionTimes | null> {
  if (!actor.session) return null;
  const [s] = await db
    .update(authSessions)
    .set({ lastSeenAt: now })
    .where(and(eq(authSessions.id, actor.session.id), eq(authSessions.userId, actor.userId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)))
    .returning({ lastSeenAt: authSessions.lastSeenAt, expiresAt: authSessions.expiresAt });
  return s ? sessionTimes(s) : null;
}

export async function revokeSession(db: Db, sessionId: string, reason: string, now = new Date()): Promise<boolean> {
  const ended = await db
    .update(authSessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  return ended.length > 0;
}

/**
 * End every session of a user: revoke the rows and bump sessionVersion (which also voids any
 * half-finished two-step sign-in). Returns the new session version.
 */
export async function endAllSessions(db: Db, userId: string, reason: string, now = new Date()): Promise<number> {
  await db
    .update(authSessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt)));
  const [u] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return u?.sessionVersion ?? 0;
}

/** The actor's own recent sessions, for the account screen. */
export async function listMySessions(db: Db, actor: Actor, now = new Date()) {
  const rows = await db
    .select({ id: authSessions.id, createdAt: authSessions.createdAt, lastSeenAt: authSessions.lastSeenAt, expiresAt: authSessions.expiresAt, revokedAt: authSessions.revokedAt, revokedReason: authSessions.revokedReason, ip: authSessions.ip, userAgent: authSessions.userAgent })
    .from(authSessions)
    .where(eq(authSessions.userId, actor.userId))
    .orderBy(desc(authSessions.createdAt))
    .limit(20);
  return rows.map((r) => ({
    ...r,
    current: r.id === actor.session?.id,
    live: !r.revokedAt && now.getTime() < r.expiresAt.getTime() && now.getTime() - r.lastSeenAt.getTime() < IDLE_MS,
  }));
}
