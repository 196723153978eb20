import { expect, test, type Browser, type Page } from '@playwright/test';
import { hasNoHorizontalOverflow, signIn, submit } from './helpers';

// The second demo participant's case (Taylor Brooks, in progress, another board). Other specs only
// read it (the authorization matrix's "otherBoard" target); this one adds a referral and a consent
// it revokes again.
const CASE_NUMBER = 'JC-2026-004101';

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test('coordinator refers, provider attests, and the prosecutor sees the status with the §2.32 notice only while the consent is active', async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinator = await as(browser, 'coordinator@demo.test');
  await coordinator.goto('/cases?status=in_progress');
  const caseHref = await coordinator.locator('table tbody tr').filter({ hasText: CASE_NUMBER }).getByRole('link').first().getAttribute('href');
  expect(caseHref).toMatch(/^\/cases\/[0-9a-f-]{36}$/);

  // 1. The coordinator refers the case to ReDiscover.
  await coordinator.goto(caseHref!);
  const panel = coordinator.getByTestId('treatment-panel');
  await expect(panel.getByRole('heading', { name: 'Refer to treatment' })).toBeVisible();
  const value = await panel.locator('option', { hasText: 'ReDiscover' }).getAttribute('value');
  await panel.getByLabel('Provider').selectOption(value!);
  await submit(coordinator, 'Send referral');
  await expect(panel.getByText('Referral sent to the provider.')).toBeVisible();

  // 2. Without a consent the prosecutor sees nothing about treatment on the case page.
  const prosecutor = await as(browser, 'prosecutor@demo.test');
  await prosecutor.goto(caseHref!);
  await expect(prosecutor.getByRole('heading', { level: 1 })).toContainText(CASE_NUMBER);
  await expect(prosecutor.getByTestId('treatment-panel')).toHaveCount(0);
  await expect(prosecutor.locator('main')).not.toContainText('ReDiscover');

  // 3. The provider's liaison sees the referral and attests that intake is scheduled.
  const provider = await as(browser, 'provider@demo.test');
  await provider.goto('/provider');
  await expect(provider.getByRole('heading', { level: 1 })).toHaveText('Referrals to ReDiscover');
  const card = provider.getByTestId('provider-referral').filter({ hasText: 'Taylor Brooks' });
  await card.getByLabel('New status').selectOption('intake_scheduled');
  await card.getByRole('button', { name: 'Update status' }).click();
  await expect(card.getByTestId('provider-referral-status')).toHaveText('Intake scheduled');

  // Still nothing for the prosecutor.
  await prosecutor.reload();
  await expect(prosecutor.getByTestId('treatment-panel')).toHaveCount(0);

  // 4. The participant signs a consent naming the prosecutor's office (an incomplete one is refused first).
  const participant = await as(browser, 'participant2@demo.test');
  await participant.goto('/portal/treatment');
  await expect(participant.getByTestId('own-referral')).toContainText('Intake scheduled');
  await participant.getByLabel('Type your full name to sign: Taylor Brooks').fill('Taylor');
  await submit(participant, 'Sign consent');
  await expect(participant.getByText('The consent is not complete, so it was not recorded.')).toBeVisible();
  await expect(participant.getByText('Choose at least one recipient.')).toBeVisible();
  await expect(participant.getByLabel('Type your full name to sign: Taylor Brooks')).toHaveValue('Taylor');
  await participant.getByLabel("Jackson County Prosecuting Attorney's Office").check();
  await participant.getByLabel('Type your full name to sign: Taylor Brooks').fill('Taylor Brooks');
  await submit(participant, 'Sign consent');
  await expect(participant.getByText('Consent signed.')).toBeVisible();

  // 5. The prosecutor now sees the attestation, with the notice.
  await prosecutor.reload();
  const status = prosecutor.getByTestId('treatment-status');
  await expect(status).toContainText('ReDiscover');
  await expect(status).toContainText('Intake scheduled');
  await expect(status.getByTestId('part2-notice')).toContainText('This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2).');

  // 6. The participant sees that view in the accounting of disclosures, then revokes.
  await participant.reload();
  await expect(participant.getByTestId('own-disclosures')).toContainText('Prosecutor’s office');
  await participant.getByRole('button', { name: 'Revoke this consent' }).click();
  // The ledger keeps the consent, now revoked (no button any more).
  await expect(participant.getByTestId('own-consent').first()).toContainText('Not in force');
  await expect(participant.getByTestId('own-consent').first()).toContainText('Revoked');

  // 7. Nothing again for the prosecutor.
  await prosecutor.reload();
  await expect(prosecutor.getByRole('heading', { level: 1 })).toContainText(CASE_NUMBER);
  await expect(prosecutor.getByTestId('treatment-panel')).toHaveCount(0);
  await expect(prosecutor.locator('main')).not.toContainText('ReDiscover');

  // 8. From the agreement: the coordinator refers the treatment assessment item to another provider,
  // by keyboard. The item shows no referral status (that is a disclosure), and the prosecutor,
  // whose consent was revoked, still learns nothing.
  await coordinator.reload();
  const item = coordinator.getByTestId('agreement-panel').getByTestId('obligation-treatment_assessment');
  await expect(item.getByTestId('refer-item')).toHaveCount(1);
  const summary = item.locator('summary', { hasText: 'Refer to a provider' });
  await expect(summary).toHaveAccessibleName(/^Refer to a provider\s+\(Treatment assessment\)$/);
  await summary.focus();
  await coordinator.keyboard.press('Enter');
  const itemProvider = item.getByLabel('Provider');
  await expect(itemProvider).toBeVisible();
  await itemProvider.selectOption({ label: await item.locator('option', { hasText: 'Swope' }).innerText() });
  await item.getByRole('button', { name: 'Send referral for this item' }).click();
  await expect(item.getByText('Referral sent to the provider.')).toBeVisible();
  await prosecutor.reload();
  await expect(prosecutor.getByTestId('treatment-panel')).toHaveCount(0);
  await expect(prosecutor.locator('main')).not.toContainText('Swope');

  // 9. Taylor reads the referral for that item in Spanish: its standard title is translated too.
  await participant.goto('/portal/treatment');
  await participant.getByRole('button', { name: 'Español' }).click();
  await expect(participant.getByRole('button', { name: 'English' })).toBeVisible();
  await participant.goto('/portal/treatment');
  const forItem = participant.getByTestId('own-referral').filter({ hasText: 'Swope' }).getByTestId('referral-item');
  await expect(forItem).toContainText('Para esta parte de su acuerdo: Evaluación de tratamiento');
  await expect(forItem).not.toContainText('Treatment assessment');
  // The accounting of disclosures (the prosecutor's views in steps 5 and 6) reads in Spanish too.
  await expect(participant.getByTestId('own-disclosures')).toContainText('Estado de la remisión: ReDiscover, Cita de admisión programada');
  await expect(participant.getByTestId('own-disclosures')).not.toContainText('referral status');
  // The choice is saved on the account: leave the shared demo participant in English.
  await participant.getByRole('button', { name: 'English' }).click();
  await expect(participant.getByRole('button', { name: 'Español' })).toBeVisible();
  await participant.goto('/portal/treatment');
  await expect(forItem).toContainText('For this part of your agreement: Treatment assessment');
});

test('the treatment pages fit a 360 px phone and read in Spanish', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn(page, 'participant@demo.test');
  await page.goto('/portal/treatment');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My treatment referral');
  await expect(page.getByTestId('own-referral')).toContainText('ReDiscover');
  expect(await hasNoHorizontalOverflow(page)).toBe(true);
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  await page.goto('/portal/treatment');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mi remisión a tratamiento');
  expect(await hasNoHorizontalOverflow(page)).toBe(true);
  // The choice is saved on the account: leave the shared demo participant in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Español' })).toBeVisible();
});

test('the demo prosecutor sees the demo participant’s status under consent; the board, not named, does not', async ({ browser }) => {
  const volunteer = await as(browser, 'volunteer@demo.test');
  await volunteer.goto('/board');
  await volunteer.getByRole('link', { name: 'Jordan Rivera' }).first().click();
  await expect(volunteer.getByRole('heading', { level: 1 })).toContainText('Jordan Rivera');
  await expect(volunteer.getByTestId('treatment-status')).toHaveCount(0);
  await expect(volunteer.getByRole('heading', { name: 'Refer to treatment' })).toBeVisible();

  const prosecutor = await as(browser, 'prosecutor@demo.test');
  await prosecutor.setViewportSize({ width: 360, height: 800 });
  const href = volunteer.url().replace(/.*\/board\/cases\//, '/cases/');
  await prosecutor.goto(href);
  await expect(prosecutor.getByTestId('treatment-status')).toContainText('Attended intake');
  await expect(prosecutor.getByTestId('part2-notice')).toBeVisible();
  expect(await hasNoHorizontalOverflow(prosecutor)).toBe(true);
});
