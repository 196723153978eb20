import { expect, test, type Page } from '@playwright/test';
import { hasNoHorizontalOverflow, signIn } from './helpers';

/** The in-process worker runs every few seconds: reload until the text shows up. */
async function reloadUntil(page: Page, locator: () => ReturnType<Page['getByText']>, timeout = 30_000) {
  await expect(async () => {
    await page.reload();
    await expect(locator()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout });
}

test('the admin Outbox shows each notice exactly as rendered, in demo mode', async ({ page }) => {
  await signIn(page, 'admin@demo.test');
  await page.getByRole('link', { name: 'Outbox' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outbox');
  await expect(page.getByTestId('outbox-mode')).toContainText('Demo mode');
  const bodies = page.getByTestId('rendered-body');
  await expect(bodies.filter({ hasText: 'Completó el programa' }).first()).toBeVisible();
  await expect(bodies.filter({ hasText: /^Common Ground \(for .+\): Congratulations!.*Reply STOP to opt out\.$/ }).first()).toBeVisible();
  await page.getByLabel('Status').selectOption('failed');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByTestId('outbox-list').getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('outbox-list')).toContainText('Number or address is not valid');
});

test('a coordinator finds a failing number, fixes it on the case and sends the notice again', async ({ page }) => {
  await signIn(page, 'coordinator@demo.test');
  await page.getByRole('link', { name: 'Delivery problems' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delivery problems');
  const table = page.getByRole('table');
  await expect(table).toContainText('Replied STOP');
  const bad = table.getByRole('row').filter({ hasText: 'Number or address is not valid' });
  await bad.getByRole('link', { name: /Open the case of/ }).click();

  const notices = page.getByTestId('case-notices');
  await expect(notices.getByRole('heading', { name: 'Notices' })).toBeVisible();
  await expect(notices).toContainText('1 notice did not reach the participant');
  const contacts = page.getByTestId('case-contacts');
  await expect(contacts).toContainText('816-555-01 — Not a valid number or address');

  // A wrong number is refused with the reason on the field, and what was typed stays.
  const details = contacts.getByRole('form', { name: 'Save contact details' });
  const phone = details.getByLabel('Phone');
  await phone.fill('555-12');
  await details.getByRole('button', { name: 'Save contact details' }).click();
  await expect(contacts.getByText('Enter a phone number with area code')).toBeVisible();
  await expect(phone).toHaveValue('555-12');
  await expect(phone).toHaveAttribute('aria-describedby', /contact-phone-error/);

  await phone.fill('(816) 555-0142');
  await details.getByRole('button', { name: 'Save contact details' }).click();
  await expect(contacts.getByText('Contact details saved.')).toBeVisible();
  await expect(contacts).toContainText('(816) 555-0142');

  await notices.getByRole('button', { name: /^Send the Program completed to .* again$/ }).first().click();
  // Sent by the in-process worker, or held until 8 am when the test runs at night (quiet hours).
  await reloadUntil(page, () => page.getByTestId('case-notices').getByRole('cell', { name: /^(Sent|Waiting Held until quiet hours end)$/ }).first());
  await expect(page.getByTestId('case-notices')).not.toContainText('did not reach the participant');
});

test('completing a case sends the participant their notice through the worker', async ({ page }) => {
  await signIn(page, 'coordinator@demo.test');
  await page.goto('/cases?status=in_progress');
  // Not Sam Ortega's case (outcomes.spec.ts completes it for the participant's certificate).
  await page.getByTestId('case-cards').getByRole('link').first().or(page.getByRole('table').locator('tbody tr').filter({ hasNotText: 'Ortega, Sam' }).getByRole('link').first()).first().click();
  await expect(page.getByTestId('case-notices')).toContainText('No notices have been sent about this case yet.');
  const closure = page.getByTestId('case-closure');
  await closure.getByLabel('Outcome').selectOption('completed');
  await closure.getByRole('button', { name: 'Close the case' }).click();
  await expect(page.getByText('This case is closed and can no longer change.')).toBeVisible();
  await reloadUntil(page, () => page.getByTestId('case-notices').getByRole('cell', { name: /^(Sent|Waiting Held until quiet hours end)$/ }).first());
  await expect(page.getByTestId('case-notices').getByRole('cell', { name: 'Program completed Text' })).toBeVisible();
});

test('a support contact can be added; a bad field is explained and what was typed stays', async ({ page }) => {
  await signIn(page, 'coordinator@demo.test');
  await page.goto('/cases?status=hearing_scheduled');
  await page.getByRole('table').getByRole('link').first().click();
  const contacts = page.getByTestId('case-contacts');
  await contacts.getByText('Add a support contact').click();
  const form = contacts.getByRole('form', { name: 'Add support contact' });
  await form.getByLabel('Name').fill('Dana Ortiz');
  await form.getByLabel('Relationship to the participant').fill('Case worker');
  await form.getByLabel('Email').fill('dana@');
  await form.getByRole('button', { name: 'Add support contact' }).click();
  await expect(form.getByText('Enter an email address, like name@example.org.')).toBeVisible();
  await expect(form.getByLabel('Name')).toHaveValue('Dana Ortiz');
  await form.getByLabel('Email').fill('');
  await form.getByLabel('Phone').fill('816 555 0188');
  await form.getByLabel('Language of their messages').selectOption('es');
  await form.getByRole('button', { name: 'Add support contact' }).click();
  await expect(contacts.getByText('Support contact added.')).toBeVisible();
  await expect(contacts.getByRole('listitem').filter({ hasText: 'Dana Ortiz' })).toContainText('(816) 555-0188');
});

test('delivery views work at 360 px wide', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn(page, 'coordinator@demo.test');
  await page.goto('/notices');
  await expect(page.getByTestId('failing-cards')).toBeVisible();
  expect(await hasNoHorizontalOverflow(page)).toBe(true);
  await page.getByTestId('failing-cards').getByRole('link').first().click();
  await expect(page.getByTestId('case-notices')).toBeVisible();
  expect(await hasNoHorizontalOverflow(page)).toBe(true);
});
