import { expect, test } from '@playwright/test';
import { hasNoHorizontalOverflow, signIn } from './helpers';

test('a prosecutor reads the outcomes dashboard, filters it by board and downloads a table as CSV', async ({ page }) => {
  await signIn(page, 'prosecutor@demo.test');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outcomes dashboard');
  await expect(page.getByRole('heading', { name: 'From referral to completion' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Equity funnel' })).toBeVisible();
  await expect(page.getByText('Reference group: white non-Hispanic', { exact: false })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Fairness survey averages by board' })).toBeVisible();

  // The data-table alternative opens without any script.
  const funnel = page.locator('section[aria-labelledby="funnel"]');
  await funnel.getByText('Show as a table').click();
  await expect(funnel.getByRole('table')).toContainText('referrals');

  // Filter by a board: the URL carries the filter, the form keeps it.
  await page.getByLabel('Board', { exact: true }).selectOption({ label: 'Northeast' });
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/boardId=/);
  await expect(page.getByLabel('Board', { exact: true })).toHaveValue(/[0-9a-f-]{36}/);

  const [download] = await Promise.all([page.waitForEvent('download'), funnel.getByRole('link', { name: 'Download summary as CSV' }).click()]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv as Buffer[]).toString('utf8');
  expect(text.split('\r\n')[0]).toBe('measure,value');
  expect(text).toMatch(/^referrals,\d+$/m);
});

test('the dashboard fits a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn(page, 'coordinator@demo.test');
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outcomes dashboard');
  expect(await hasNoHorizontalOverflow(page)).toBe(true);
});

test('the CSV export is for prosecutors and coordinators only', async ({ page }) => {
  await signIn(page, 'volunteer@demo.test');
  const res = await page.request.get('/dashboard/export?table=summary');
  expect(res.status()).toBe(404);
});
