import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { sessionCookieName } from '@/lib/auth/cookie';
import { getAuthSecret } from '@/lib/auth/secret';
import { decodeSessionToken } from '@/lib/auth/session-token';
import { clientIpFrom } from '@/lib/http/client-ip';
import { crossOriginProblem, crossOriginResponse, isOriginExempt } from '@/lib/http/same-origin';
import { contentSecurityPolicy, newNonce, staticSecurityHeaders } from '@/lib/http/security-headers';
import { isSignInPost, signInBlockedFor } from '@/lib/http/sign-in-limit';
import { LOCALE_COOKIE } from '@/lib/i18n/config';
import en from '@/lib/i18n/messages/en.json';
import es from '@/lib/i18n/messages/es.json';

const PORTALS = ['/cases', '/referrals', '/screening', '/routing', '/policy', '/boards', '/schedule', '/hearings', '/volunteers', '/venues', '/providers', '/notices', '/dashboard', '/returned', '/board', '/portal', '/provider', '/admin', '/account', '/bench'];

/**
 * Runs before every page, action and route handler. It is NOT the authorization boundary (every
 * page, action and query re-checks the session and scope in the data layer); it does what must
 * happen before rendering:
 * 1. refuse cross-site state-changing requests (second line behind `assertSameOrigin`),
 * 2. answer HTTP 429 to sign-in posts from an address with too many failed attempts (the sign-in
 *    steps are server actions, which cannot choose their status code),
 * 3. send signed-out visitors of portal pages to sign in,
 * 4. set a per-request CSP nonce that Next.js puts on its own scripts.
 */
export async function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;

  if (!isOriginExempt(pathname)) {
    const problem = crossOriginProblem(req);
    if (problem) return withStaticHeaders(crossOriginResponse(problem));
  }

  if (isSignInPost(req.method, pathname)) {
    const wait = await signInBlockedFor(clientIpFrom(req.headers));
    if (wait > 0) return tooManyAttempts(req, wait);
  }

  if (PORTALS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const secure = process.env.INSECURE_COOKIES !== '1';
    const token = await getToken({ req, secret: getAuthSecret(), cookieName: sessionCookieName(secure), secureCookie: secure, decode: decodeSessionToken });
    if (!token) {
      const url = req.nextUrl.clone();
      url.pathname = '/sign-in';
      url.search = '';
      url.searchParams.set('callbackUrl', pathname + req.nextUrl.search);
      return NextResponse.redirect(url);
    }
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-nonce', nonce);
  // For the denied-access audit row (requireActor); set here so a client cannot choose it.
  requestHeaders.set('x-cg-path', pathname.slice(0, 500));
  requestHeaders.set('content-security-policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('content-security-policy', csp);
  return res;
}

function withStaticHeaders(res: Response): Response {
  for (const [k, v] of Object.entries(staticSecurityHeaders)) res.headers.set(k, v);
  return res;
}

function tooManyAttempts(req: NextRequest, waitSeconds: number): Response {
  const minutes = Math.max(1, Math.ceil(waitSeconds / 60));
  const messages = req.cookies.get(LOCALE_COOKIE)?.value === 'es' ? es.security : en.security;
  const text = messages.tooManyAttempts.replace('{minutes}', String(minutes));
  const headers = { 'retry-after': String(waitSeconds), 'cache-control': 'no-store' };
  // A server action call (fetch with a Next-Action header) shows a text/plain body as the error
  // message (the sign-in error boundary displays it); a plain form post gets a small page.
  if (req.headers.get('next-action')) {
    return withStaticHeaders(new Response(text, { status: 429, headers: { ...headers, 'content-type': 'text/plain' } }));
  }
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="${req.cookies.get(LOCALE_COOKIE)?.value === 'es' ? 'es' : 'en'}"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${messages.tooManyTitle}</title><main style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1>${messages.tooManyTitle}</h1><p>${escaped}</p><p><a href="/sign-in">${messages.backToSignIn}</a></p></main></html>`;
  return withStaticHeaders(
    new Response(html, { status: 429, headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" } }),
  );
}

export const config = {
  // Everything but build assets; prefetches included, so every HTML response gets its nonce.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
