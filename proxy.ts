import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { sessionCookieName } from '@/lib/auth/cookie';
import { getAuthSecret } from '@/lib/auth/secret';

/**
 * Only a convenience redirect for signed-out visitors of portal pages. It is NOT the security
 * boundary: every page, action and query re-checks the session and scope in the data layer.
 */
export async function proxy(req: NextRequest) {
  const secure = process.env.INSECURE_COOKIES !== '1';
  const token = await getToken({ req, secret: getAuthSecret(), cookieName: sessionCookieName(secure), secureCookie: secure });
  if (!token) {
    const url = req.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = '';
    url.searchParams.set('callbackUrl', req.nextUrl.pathname + req.nextUrl.search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  matcher: ['/cases/:path*', '/referrals/:path*', '/screening/:path*', '/routing/:path*', '/policy/:path*', '/boards/:path*', '/schedule/:path*', '/hearings/:path*', '/volunteers/:path*', '/venues/:path*', '/notices/:path*', '/board/:path*', '/portal/:path*', '/provider/:path*', '/admin/:path*'],
};
