import { expect, test } from '@playwright/test';
import { enterCode, hasNoHorizontalOverflow, signIn } from './helpers';

const homes = [
  { email: 'coordinator@demo.test', path: '/cases', heading: 'Cases', data: 'Jackson County, MO' },
  { email: 'prosecutor@demo.test', path: '/cases', heading: 'Cases', data: 'Jackson County, MO' },
  { email: 'volunteer@demo.test', path: '/board', heading: 'My board', data: 'Northeast' },
  { email: 'participant@demo.test', path: '/portal', heading: 'Hello, Jordan.', data: 'Northeast' },
  { email: 'provider@demo.test', path: '/provider', heading: 'Referrals to ReDiscover', data: 'ReDiscover' },
  { email: 'admin@demo.test', path: '/admin', heading: 'Accounts', data: 'volunteer@demo.test' },
];

test.describe('each demo role lands on its own home with seeded data', () => {
  for (const h of homes) {
    test(h.email, async ({ page }) => {
      await signIn(page, h.email);
      await expect(page).toHaveURL(new RegExp(`${h.path}$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(h.heading);
      await expect(page.getByRole('main')).toContainText(h.data);
      // A portal of another role is not found, not merely hidden.
      const other = h.path === '/admin' ? '/cases' : '/admin';
      const res = await page.goto(other);
      expect(res?.status()).toBe(404);
    });
  }
});

test('the sign-in page lists the demo accounts and a wrong password gets the generic answer', async ({ browser }) => {
  // Its own client address, so this deliberate failure counts against nobody else's per-IP limit.
  const ctx = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.10' } });
  const page = await ctx.newPage();
  await page.goto('/sign-in');
  await expect(page.getByTestId('demo-totp')).toContainText('JBSWY3DPEHPK3PXP');
  for (const h of homes) await expect(page.getByText(h.email, { exact: true })).toBeVisible();
  await page.getByLabel('Email').fill('coordinator@demo.test');
  await page.getByLabel('Password').fill('wrong-password-here');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('form-message')).toHaveText('That email and password do not match an active account.');
  // The form keeps what was typed (except the password).
  await expect(page.getByLabel('Email')).toHaveValue('coordinator@demo.test');
  await ctx.close();
});

test('signed-out visitors are sent to sign in, then back to where they were going', async ({ page }) => {
  await page.goto('/boards');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fboards/);
  await page.getByLabel('Email').fill('coordinator@demo.test');
  await page.getByLabel('Password').fill('commonground-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Coordinators have a second step: the code from their authenticator app.
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await enterCode(page);
  await expect(page).toHaveURL(/\/boards$/);
  await expect(page.getByRole('heading', { name: 'Boards' })).toBeVisible();
});

test('sign out ends the session, on the server too', async ({ page }) => {
  await signIn(page, 'prosecutor2@demo.test');
  const copied = await page.context().cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
  await page.goto('/cases');
  await expect(page).toHaveURL(/\/sign-in/);
  // A copy of the old cookie (stolen, or kept by a shared computer) is dead as well.
  await page.context().addCookies(copied);
  await page.goto('/cases');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a disabled user’s open session stops working on the next request', async ({ browser }) => {
  const volunteer = await browser.newContext();
  const vPage = await volunteer.newPage();
  await signIn(vPage, 'volunteer7@demo.test');
  await expect(vPage).toHaveURL(/\/board$/);

  const admin = await browser.newContext();
  const aPage = await admin.newPage();
  await signIn(aPage, 'admin@demo.test');
  await aPage.getByRole('button', { name: 'Disable volunteer7@demo.test' }).click();
  await expect(aPage.getByRole('button', { name: 'Enable volunteer7@demo.test' })).toBeVisible();

  await vPage.reload();
  await expect(vPage).toHaveURL(/\/sign-in/);
  await volunteer.close();
  await admin.close();
});

test('the coordinator moves a case along its lifecycle and sees it on the timeline', async ({ page }) => {
  await signIn(page, 'coordinator@demo.test');
  await page.getByRole('link', { name: /^Offered/ }).click();
  await expect(page).toHaveURL(/status=offered/);
  // A seeded case: other journeys running in parallel create (and expect to keep) their own offers.
  await page.locator('table tr', { hasText: 'JC-2026-' }).locator('a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Case JC-');
  await page.getByLabel('New status').selectOption({ label: 'Returned' });
  await page.getByLabel('Return reason').selectOption({ label: 'Declined the offer' });
  await page.getByLabel('Note (optional)').fill('Declined by phone on Monday');
  await page.getByRole('button', { name: 'Save status' }).click();
  await expect(page.getByRole('main')).toContainText('Offered → Returned — Declined the offer — “Declined by phone on Monday”');
  await expect(page.getByText('This case is closed and can no longer change.')).toBeVisible();
});

test('pages fit a 360-px phone and switch to Spanish', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  await page.goto('/sign-in');
  expect(await hasNoHorizontalOverflow(page)).toBe(true);
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Iniciar sesión');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.getByLabel('Correo electrónico').fill('participant@demo.test');
  await page.getByLabel('Contraseña').fill('commonground-demo');
  await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
  await expect(page).toHaveURL(/\/portal$/);
  expect(await hasNoHorizontalOverflow(page)).toBe(true);
  for (const path of ['/portal']) {
    await page.goto(path);
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
  }
  await ctx.close();
});
