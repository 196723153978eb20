// Shared by proxy.ts and the server: no server-only import, no database.
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export function sessionCookieName(secure: boolean): string {
  // `__Host-` binds the cookie to this exact host over HTTPS (or localhost), path /, no Domain.
  return secure ? '__Host-cg.session' : 'cg.session';
}
