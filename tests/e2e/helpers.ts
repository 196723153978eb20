// Demo accounts that security tests change for the rest of a run, so no other test should use
// them: volunteer14 (disabled by the authorization matrix), volunteer17 (password changed),
// volunteer18 (signed out everywhere), volunteer19 (locked out), prosecutor.clay (code replay),
// prosecutor.platte (the matrix's other-jurisdiction fixture).
import { expect, type BrowserContext, type Cookie, type Page } from '@playwright/test';
import { TOTP } from 'otpauth';

export const DEMO_PASSWORD = 'commonground-demo';
/** The published authenticator key of the demo accounts (demo mode only). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

export function demoCode(at = Date.now()): string {
  return new TOTP({ secret: DEMO_TOTP_SECRET, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });
}

// Sessions already made by this worker, per account. Coordinator, prosecutor and admin sign-ins
// need a single-use code, and only one code per account exists every 30 seconds; re-using a live
// session keeps the suite fast. A session that was signed out, timed out or ended is detected
// (the app sends us to sign in) and replaced by a fresh sign-in.
const sessions = new Map<string, Cookie[]>();

/**
 * Sign in as a demo account, completing the code step when the app asks for it, and land on the
 * account's home page. With a non-default password the full form is always used.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  const reusable = password === DEMO_PASSWORD ? sessions.get(email) : undefined;
  if (reusable) {
    await page.context().addCookies(reusable);
    await page.goto('/');
    if (!/\/sign-in/.test(page.url())) return;
  }
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const redirect = await submit(page, 'Sign in');
  if (redirect?.startsWith('/sign-in/verify')) {
    await page.waitForURL(/\/sign-in\/verify/);
    await enterCode(page);
  } else if (redirect) {
    await page.waitForURL((url) => url.pathname !== '/sign-in');
  }
  await expect(page).not.toHaveURL(/\/sign-in/);
  if (password === DEMO_PASSWORD) sessions.set(email, await sessionCookies(page.context()));
}

/**
 * Click a form's submit button and wait for its server action to answer. Returns where the
 * action redirected to, or null when it answered in place (an error message).
 */
export async function submit(page: Page, button: string): Promise<string | null> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && !!r.request().headers()['next-action']),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return res.headers()['x-action-redirect']?.split(';')[0] ?? null;
}

/** Fill the second step with the current demo code; if that code was just used, wait for the next one. */
export async function enterCode(page: Page) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByLabel('6-digit code').fill(demoCode());
    if (await submit(page, 'Continue')) {
      await page.waitForURL((url) => url.pathname !== '/sign-in/verify');
      return;
    }
    // Codes are single-use: another test signed in to this account within the same 30 seconds.
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  }
  throw new Error('The code step did not accept three consecutive codes.');
}

async function sessionCookies(context: BrowserContext): Promise<Cookie[]> {
  return (await context.cookies()).filter((c) => c.name.includes('cg.session') || c.name === 'cg.locale');
}

/** Forget this worker's saved session of an account (after a test ends it on purpose). */
export function forgetSession(email: string) {
  sessions.delete(email);
}

/** True when nothing on the page is wider than the viewport (no sideways scrolling on a phone). */
export async function hasNoHorizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}
