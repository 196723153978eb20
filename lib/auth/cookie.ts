// Shared by proxy.ts and the server: no server-only import, no database.
import { SESSION } from './policy';

/** The cookie and JWT live as long as the absolute session limit; the session row decides sooner ends. */
export const SESSION_MAX_AGE_SECONDS = SESSION.absoluteHours * 60 * 60;

export function sessionCookieName(secure: boolean): string {
  // `__Host-` binds the cookie to this exact host over HTTPS (or localhost), path /, no Domain.
  return secure ? '__Host-cg.session' : 'cg.session';
}
