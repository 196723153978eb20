import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getServerSession, type NextAuthOptions } from 'next-auth';
import { getDb } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { createSession, type SessionUserRow } from '@/db/queries/sessions';
import { LOCALE_COOKIE } from '@/lib/i18n/config';
import { clientIpFrom } from '@/lib/http/client-ip';
import type { Role } from '@/db/schema/users';
import { env } from '@/lib/env';
import type { Actor } from './actor';
import { resolveActor, type SessionClaims } from './resolve-actor';
import { SESSION_MAX_AGE_SECONDS, sessionCookieName } from './cookie';
import { getAuthSecret } from './secret';
import { decodeSessionToken, encodeSessionToken } from './session-token';
import { PENDING_SIGN_IN_SECONDS } from './policy';

export type { SessionClaims } from './resolve-actor';

/**
 * next-auth owns the session format (encrypted JWT in an HttpOnly cookie) and decoding
 * (`getServerSession`). Credentials are checked by our own server action instead of next-auth's
 * credentials callback so sign-in works without client JavaScript and can add lockout and MFA.
 */
export function getAuthOptions(): NextAuthOptions {
  const secure = env.secureCookies;
  return {
    secret: getAuthSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    // next-auth's format, with the derived key cached (lib/auth/session-token.ts).
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    providers: [],
    pages: { signIn: '/sign-in' },
    cookies: {
      sessionToken: {
        name: sessionCookieName(secure),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
      },
    },
    callbacks: {
      session: ({ session, token }) => ({ ...session, claims: { sub: token.sub, role: token.role, jid: token.jid, sv: token.sv, sid: token.sid } }),
    },
  };
}

export async function issueSessionCookie(claims: SessionClaims & { role: Role }) {
  const token = await encodeSessionToken({ token: { ...claims }, secret: getAuthSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
  const secure = env.secureCookies;
  (await cookies()).set(sessionCookieName(secure), token, {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/**
 * Start a server-side session for a user who passed every sign-in step, and set its cookie (and
 * the language cookie from the account). The caller redirects.
 */
export async function startSession(user: SessionUserRow) {
  const db = await getDb();
  const s = await createSession(db, user, { ip: await clientIp(), userAgent: await userAgent() });
  await issueSessionCookie({ sub: user.id, role: user.role, jid: user.jurisdictionId, sv: user.sessionVersion, sid: s.id });
  (await cookies()).set(LOCALE_COOKIE, user.locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
  return s;
}

export async function clearSessionCookie() {
  // A `__Host-` cookie is only replaced by one with the same Secure/Path attributes, so expire it
  // explicitly instead of relying on delete()'s defaults.
  const secure = env.secureCookies;
  (await cookies()).set(sessionCookieName(secure), '', { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: 0 });
}

export async function clientIp(): Promise<string | null> {
  return clientIpFrom(await headers());
}

export async function userAgent(): Promise<string | null> {
  return (await headers()).get('user-agent');
}

async function sessionClaims(): Promise<Partial<SessionClaims> | undefined> {
  const session = (await getServerSession(getAuthOptions())) as { claims?: Partial<SessionClaims> } | null;
  return session?.claims;
}

// The "password ok" hand-over between the two sign-in steps (lib/auth/pending.ts): its own
// short-lived HttpOnly cookie, never a session.
function pendingCookieName(secure: boolean) {
  return secure ? '__Host-cg.pending' : 'cg.pending';
}

export async function setPendingCookie(token: string) {
  const secure = env.secureCookies;
  (await cookies()).set(pendingCookieName(secure), token, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: PENDING_SIGN_IN_SECONDS });
}

export async function readPendingCookie(): Promise<string | undefined> {
  return (await cookies()).get(pendingCookieName(env.secureCookies))?.value;
}

export async function clearPendingCookie() {
  const secure = env.secureCookies;
  (await cookies()).set(pendingCookieName(secure), '', { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: 0 });
}

/**
 * The signed-in user, re-checked against the database on every request: a disabled account or a
 * bumped sessionVersion (role or password change, sign-out everywhere) ends the session at once.
 * Cached per request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  return resolveActor(await getDb(), await sessionClaims(), await clientIp());
});

/** The signed-in user without counting this request as activity (the idle warning's status check). */
export async function peekActor(): Promise<Actor | null> {
  return resolveActor(await getDb(), await sessionClaims(), await clientIp(), { touch: false });
}

/**
 * For pages: the actor, or not-found when the role does not belong here (audited as a denied
 * access). An account whose password an admin reset reaches only the change-password screen.
 */
export async function requireActor(roles?: readonly Role[], opts: { passwordChangeScreen?: boolean } = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (actor.mustChangePassword && !opts.passwordChangeScreen) redirect('/account/password?required=1');
  if (roles && !roles.includes(actor.role)) {
    await auditDeniedPage(actor, (await headers()).get('x-cg-path'));
    notFound();
  }
  return actor;
}

// Layouts and pages render in parallel and both check: one audit row per request.
const auditDeniedPage = cache(async (actor: Actor, path: string | null) => {
  await writeAudit(await getDb(), actor, { action: 'access.page', outcome: 'denied', details: { path } });
});
