import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getServerSession, type NextAuthOptions } from 'next-auth';
import { encode } from 'next-auth/jwt';
import { getDb } from '@/db/client';
import type { Role } from '@/db/schema/users';
import { env } from '@/lib/env';
import type { Actor } from './actor';
import { resolveActor, type SessionClaims } from './resolve-actor';
import { SESSION_MAX_AGE_SECONDS, sessionCookieName } from './cookie';
import { getAuthSecret } from './secret';

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
    providers: [],
    pages: { signIn: '/sign-in' },
    cookies: {
      sessionToken: {
        name: sessionCookieName(secure),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
      },
    },
    callbacks: {
      session: ({ session, token }) => ({ ...session, claims: { sub: token.sub, role: token.role, jid: token.jid, sv: token.sv } }),
    },
  };
}

export async function issueSessionCookie(claims: SessionClaims & { role: Role }) {
  const token = await encode({ token: { ...claims }, secret: getAuthSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
  const secure = env.secureCookies;
  (await cookies()).set(sessionCookieName(secure), token, {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

export async function clearSessionCookie() {
  // A `__Host-` cookie is only replaced by one with the same Secure/Path attributes, so expire it
  // explicitly instead of relying on delete()'s defaults.
  const secure = env.secureCookies;
  (await cookies()).set(sessionCookieName(secure), '', { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: 0 });
}

async function clientIp(): Promise<string | null> {
  const h = await headers();
  return h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || null;
}

/**
 * The signed-in user, re-checked against the database on every request: a disabled account or a
 * bumped sessionVersion (role or password change, sign-out everywhere) ends the session at once.
 * Cached per request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(getAuthOptions())) as { claims?: Partial<SessionClaims> } | null;
  return resolveActor(await getDb(), session?.claims, await clientIp());
});

/** For pages: the actor, or not-found when the role does not belong here. */
export async function requireActor(roles?: readonly Role[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (roles && !roles.includes(actor.role)) notFound();
  return actor;
}
