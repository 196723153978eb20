import { createHmac } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoCode, forgetSession, signIn, submit } from './helpers';

// Accounts these tests change (lock, password, sessions) are used by no other test.
const REQUIRED_HEADERS: Record<string, RegExp> = {
  'strict-transport-security': /max-age=\d{7,}/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^DENY$/,
  'referrer-policy': /^strict-origin-when-cross-origin$/,
  'permissions-policy': /camera=\(\)/,
};

/** A browser context that looks like it comes from its own address (per-IP limits stay separate). */
async function fromAddress(browser: Browser, ip: string) {
  return browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': ip } });
}

/** Record CSP violations the page reports. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${location.pathname}`);
    });
  });
  return violations;
}

test('every kind of response carries the security headers; pages get a fresh CSP nonce that Next.js uses', async ({ request }) => {
  const page1 = await request.get('/sign-in');
  const page2 = await request.get('/sign-in');
  for (const res of [page1, await request.get('/api/health'), await request.get('/favicon.ico', { failOnStatusCode: false })]) {
    for (const [name, pattern] of Object.entries(REQUIRED_HEADERS)) expect(res.headers()[name], `${res.url()} ${name}`).toMatch(pattern);
  }
  const csp = page1.headers()['content-security-policy'];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).not.toContain('unsafe-inline');
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(/'nonce-([^']+)'/.exec(page2.headers()['content-security-policy'])![1]).not.toBe(nonce);
  const html = await page1.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
});

test('two-step sign-in: a wrong code is refused, a used code cannot be replayed, the session cookie is __Host-, HttpOnly, Secure and SameSite, and no CSP violations', async ({ browser }) => {
  const ctx = await fromAddress(browser, '203.0.113.21');
  const page = await ctx.newPage();
  const violations = await watchCsp(page);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('prosecutor.clay@demo.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  // Not a session yet: only the short-lived hand-over cookie.
  expect((await ctx.cookies()).map((c) => c.name)).not.toContain('__Host-cg.session');
  expect(await page.request.get('/cases', { maxRedirects: 0 }).then((r) => r.status())).toBe(307);

  await page.getByLabel('6-digit code').fill('000000');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('form-message')).toContainText('That code did not work');

  // A second browser reaches the code step too; the code this browser uses must not work there.
  const other = await fromAddress(browser, '203.0.113.22');
  const otherPage = await other.newPage();
  await otherPage.goto('/sign-in');
  await otherPage.getByLabel('Email').fill('prosecutor.clay@demo.test');
  await otherPage.getByLabel('Password').fill(DEMO_PASSWORD);
  await otherPage.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(otherPage).toHaveURL(/\/sign-in\/verify$/);
  // Far enough from a step boundary that both submissions fall in the same 30-second step.
  if (Date.now() % 30_000 > 20_000) await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  const code = demoCode();
  await page.getByLabel('6-digit code').fill(code);
  expect(await submit(page, 'Continue')).toBe('/cases');
  await expect(page).toHaveURL(/\/cases$/);
  await otherPage.getByLabel('6-digit code').fill(code);
  expect(await submit(otherPage, 'Continue')).toBeNull();
  await expect(otherPage.getByTestId('form-message')).toContainText('That code did not work');
  await other.close();

  const session = (await ctx.cookies()).find((c) => c.name === '__Host-cg.session')!;
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
  expect(session.domain).toBe('localhost'); // host-only: no Domain attribute
  expect((await ctx.cookies()).find((c) => c.name === '__Host-cg.pending')).toBeUndefined();
  for (const path of ['/account', '/account/two-factor', '/account/password', '/cases']) await page.goto(path);
  expect(violations).toEqual([]);
  await ctx.close();
  forgetSession('prosecutor.clay@demo.test');
});

test('five wrong passwords lock the account; the right one then gets the same answer', async ({ browser }) => {
  const ctx = await fromAddress(browser, '203.0.113.31');
  const page = await ctx.newPage();
  const attempt = async (password: string) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('volunteer19@demo.test');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  };
  for (let i = 0; i < 5; i++) {
    await attempt(`wrong password number ${i}`);
    await expect(page.getByTestId('form-message')).toHaveText('That email and password do not match an active account.');
  }
  await attempt(DEMO_PASSWORD);
  await expect(page.getByTestId('form-message')).toHaveText('That email and password do not match an active account.');
  await expect(page).toHaveURL(/\/sign-in$/);
  await ctx.close();
});

test('too many failures from one address get HTTP 429 and a clear message', async ({ browser, request, baseURL }, testInfo) => {
  // 21 password checks (argon2id, deliberately slow) take most of a minute on a loaded 2-core box.
  test.slow();
  // A retry uses a fresh address: the first try's failures are still counted against its own.
  const ip = `203.0.113.${41 + testInfo.retry * 10}`;
  const ctx = await fromAddress(browser, ip);
  const page = await ctx.newPage();
  // The default limit is 20 failed steps per address in 15 minutes (SIGN_IN_IP_MAX_FAILURES).
  for (let i = 0; i < 20; i++) {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(`nobody${i}@demo.test`);
    await page.getByLabel('Password').fill('wrong password here');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('form-message')).toHaveText('That email and password do not match an active account.');
  }
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('volunteer@demo.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
  expect(response.status()).toBe(429);
  expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
  await expect(page.getByTestId('form-message')).toContainText('Too many failed sign-in attempts came from your network');
  // Without JavaScript (a plain form post) the answer is a small page with the same words.
  const plain = await request.post('/sign-in', { headers: { 'x-forwarded-for': ip, origin: new URL(baseURL!).origin }, form: { email: 'a@b.test', password: 'x' } });
  expect(plain.status()).toBe(429);
  expect(await plain.text()).toContain('Too many failed sign-in attempts');
  // Other addresses are not affected.
  const other = await fromAddress(browser, `203.0.113.${42 + testInfo.retry * 10}`);
  const otherPage = await other.newPage();
  await otherPage.goto('/sign-in');
  await otherPage.getByLabel('Email').fill('volunteer3@demo.test');
  await otherPage.getByLabel('Password').fill(DEMO_PASSWORD);
  await otherPage.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(otherPage).toHaveURL(/\/board$/);
  await ctx.close();
  await other.close();
});

test('cross-site state-changing requests are refused before any handler runs', async ({ request }) => {
  const evil = { origin: 'https://evil.example' };
  expect((await request.post('/api/session', { headers: evil })).status()).toBe(403);
  expect((await request.post('/sign-in', { headers: { ...evil, 'next-action': 'x' }, form: { email: 'a@b.test' } })).status()).toBe(403);
  expect((await request.delete('/admin/audit/export', { headers: evil })).status()).toBe(403);
  // Same-origin and safe requests pass through.
  expect((await request.get('/api/session', { headers: evil })).status()).toBe(200);
});

test('the SMS provider’s reply webhook is reached without an Origin header; its signature is the check', async ({ request, baseURL }) => {
  // As the provider posts: server to server, form-encoded, no Origin or Referer, signed with the
  // auth token over the public URL and the sorted parameters. HELP changes nothing.
  const url = `${baseURL}/api/sms/inbound`;
  const params = { MessageSid: 'SMe2e0000000000000000000000000001', From: '+18165550199', To: '+18165550100', Body: 'HELP' };
  const payload = Object.keys(params).sort().reduce((acc, k) => acc + k + params[k as keyof typeof params], url);
  const signature = createHmac('sha1', 'e2e-sms-auth-token').update(payload, 'utf8').digest('base64');
  const signed = await request.post('/api/sms/inbound', { headers: { 'x-twilio-signature': signature }, form: params });
  expect(signed.status()).toBe(200);
  expect(signed.headers()['content-type']).toContain('text/xml');
  expect(await signed.text()).toContain('<Response><Message>');
  // A forged one gets past the proxy too, and the route itself refuses it.
  const forged = await request.post('/api/sms/inbound', { headers: { 'x-twilio-signature': 'Zm9yZ2Vk' }, form: params });
  expect(forged.status()).toBe(403);
  expect(((await forged.json()) as { title: string }).title).toBe('Invalid signature');
});

test('sign out everywhere ends the other browser’s session too', async ({ browser }) => {
  const email = 'volunteer18@demo.test';
  const one = await browser.newContext();
  const two = await browser.newContext();
  const p1 = await one.newPage();
  const p2 = await two.newPage();
  await signIn(p1, email);
  forgetSession(email);
  await signIn(p2, email);
  await p1.goto('/account');
  await expect(p1.getByTestId('session-list').locator('li')).toHaveCount(2);
  await p1.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(p1).toHaveURL(/\/sign-in\?signedOut=everywhere/);
  await expect(p1.getByTestId('form-message')).toHaveText('You are signed out on every device.');
  await p2.goto('/board');
  await expect(p2).toHaveURL(/\/sign-in/);
  forgetSession(email);
  await one.close();
  await two.close();
});

test('changing the password keeps this browser signed in and signs out the others', async ({ browser }) => {
  const email = 'volunteer17@demo.test';
  const one = await browser.newContext();
  const two = await browser.newContext();
  const p1 = await one.newPage();
  const p2 = await two.newPage();
  await signIn(p1, email);
  forgetSession(email);
  await signIn(p2, email);
  forgetSession(email);
  await p1.goto('/account/password');
  await p1.getByLabel('Current password').fill(DEMO_PASSWORD);
  await p1.getByLabel('New password', { exact: true }).fill('password1234567');
  await p1.getByLabel('New password again').fill('password1234567');
  await p1.getByRole('button', { name: 'Change password' }).click();
  await expect(p1.locator('#newPassword-error')).toContainText('commonly used passwords');
  await expect(p1.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await p1.getByLabel('Current password').fill(DEMO_PASSWORD);
  await p1.getByLabel('New password', { exact: true }).fill('quiet heron under copper bridge');
  await p1.getByLabel('New password again').fill('quiet heron under copper bridge');
  await p1.getByRole('button', { name: 'Change password' }).click();
  await expect(p1).toHaveURL(/\/account\?changed=password$/);
  await expect(p1.getByTestId('form-message')).toContainText('Every other device was signed out');
  await p2.goto('/board');
  await expect(p2).toHaveURL(/\/sign-in/);
  await signIn(p2, email, 'quiet heron under copper bridge');
  await expect(p2).toHaveURL(/\/board$/);
  await one.close();
  await two.close();
});

test('the idle warning appears before the session ends, “Stay signed in” keeps it, and the form keeps its text', async ({ page }) => {
  await page.clock.install();
  await signIn(page, 'admin@demo.test');
  await page.goto('/admin/audit');
  await page.getByLabel('Action starts with').fill('auth.sign_in');
  await expect(page.getByTestId('session-timeout')).toHaveCount(0);
  // 28½ minutes without activity (the browser's clock; the server keeps its own).
  await page.clock.fastForward('28:30');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('you will be signed out in');
  await expect(page.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
  await page.clock.setSystemTime(new Date());
  await page.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Action starts with')).toHaveValue('auth.sign_in');
});

test('admins search the audit log and export it; the export is itself audited', async ({ page }) => {
  await signIn(page, 'admin@demo.test');
  await page.goto('/admin/audit');
  await page.getByLabel('Action starts with').fill('auth.sign_in');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/action=auth.sign_in/);
  await expect(page.locator('table tbody tr').first()).toContainText('auth.sign_in');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export these results (CSV)' }).click()]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  expect(text.split('\r\n')[0]).toBe('chain_seq,id,occurred_at_utc,actor_email,actor_user_id,actor_role,jurisdiction_id,action,entity_type,entity_id,outcome,ip,details,hash');
  expect(text).toContain('auth.sign_in');
  await page.goto('/admin/audit?action=audit.export');
  await expect(page.locator('table tbody tr').first()).toContainText('audit.export');
  // Not for anyone else: a coordinator gets "not found".
  const coord = await page.context().browser()!.newContext();
  const cp = await coord.newPage();
  await signIn(cp, 'coordinator@demo.test');
  expect((await cp.request.get('/admin/audit/export')).status()).toBe(404);
  expect((await cp.goto('/admin/audit'))?.status()).toBe(404);
  await coord.close();
});
