import 'server-only';
import path from 'node:path';

/**
 * Environment, read in one place. Defaults make `npm install && npm start` work with nothing set:
 * embedded database under .data/, demo mode on. With DATABASE_URL the demo is opt-in (DEMO_MODE=1).
 */
export const env = {
  get databaseUrl(): string | undefined {
    return process.env.DATABASE_URL || undefined;
  },
  get pgliteDir(): string {
    return process.env.PGLITE_DIR || path.join(process.cwd(), '.data', 'pglite');
  },
  get demoMode(): boolean {
    const v = process.env.DEMO_MODE;
    if (v === '1' || v === 'true') return true;
    if (v === '0' || v === 'false') return false;
    return !process.env.DATABASE_URL;
  },
  get dataDir(): string {
    return process.env.DATA_DIR || path.join(process.cwd(), '.data');
  },
  /** Cookies are `__Host-` + Secure unless explicitly turned off for plain-http LAN demos. */
  get secureCookies(): boolean {
    return process.env.INSECURE_COOKIES !== '1';
  },
};
