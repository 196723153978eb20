import path from 'node:path';
import { expect, test } from '@playwright/test';
import { hasNoHorizontalOverflow, signIn } from './helpers';

const fixture = (name: string) => path.join(process.cwd(), 'tests/e2e/fixtures', name);

/**
 * The whole agreement journey on the demo's participant3 (hearing held on Northeast, chaired by
 * volunteer@demo.test): drafted → both sign → the participant logs hours with a photo → the
 * volunteer verifies → the obligation is complete.
 */
test('hearing held → agreement drafted → both sign → hours logged with a photo → verified → complete', async ({ browser }) => {
  test.setTimeout(180_000);
  const pctx = await browser.newContext();
  const p = await pctx.newPage();
  await signIn(p, 'participant3@demo.test');
  const hello = (await p.getByRole('heading', { level: 1 }).textContent())!;
  const firstName = hello.replace(/^Hello, /, '').replace(/\.$/, '').trim();

  // The chair drafts the agreement on the board case page.
  const vctx = await browser.newContext();
  const v = await vctx.newPage();
  await signIn(v, 'volunteer@demo.test');
  await v.goto('/board');
  const row = v.getByTestId('volunteer-cases').getByRole('listitem').filter({ hasText: firstName }).filter({ hasText: 'Hearing held' });
  await row.first().getByRole('link').click();
  const panel = v.getByTestId('agreement-panel');
  await panel.getByRole('button', { name: 'Start the agreement' }).click();
  await expect(panel.getByTestId('draft-items').getByRole('listitem')).toHaveCount(2);

  // Over the guardrails (misdemeanor or felony): 80 hours cannot be signed.
  const add = panel.getByTestId('add-item');
  await add.getByLabel('Kind').selectOption('community_service_hours');
  await add.getByLabel('Title').fill('Community service');
  await add.getByLabel('Target').fill('80');
  await add.getByLabel('How it is verified').fill('Signed timesheet');
  await add.getByRole('button', { name: 'Add item' }).click();
  await expect(panel.getByTestId('guardrail-warning')).toContainText('a coordinator must approve');
  await panel.getByTestId('draft-items').getByRole('listitem').filter({ hasText: 'Community service' }).getByRole('button', { name: 'Remove' }).click();
  await expect(panel.getByTestId('guardrail-warning')).toHaveCount(0);

  // A proportionate item: 2 hours, and a treatment assessment worded for a clinician to decide.
  await add.getByLabel('Kind').selectOption('community_service_hours');
  await add.getByLabel('Title').fill('2 hours at the food bank');
  await add.getByLabel('Target').fill('2');
  await add.getByLabel('How it is verified').fill('Signed timesheet');
  await add.getByRole('button', { name: 'Add item' }).click();
  await expect(panel.getByTestId('draft-items').getByRole('listitem')).toHaveCount(3);
  await add.getByLabel('Kind').selectOption('treatment_assessment');
  await add.getByLabel('How it is verified').fill('Provider attestation');
  await add.getByRole('button', { name: 'Add item' }).click();
  await expect(panel.getByTestId('draft-items')).toContainText('Assessment, then as a clinician recommends');

  // The chair signs for the board.
  const chairSign = panel.getByTestId('sign-chair');
  await chairSign.getByLabel('Type your full name').fill('Demo Chair');
  await chairSign.getByLabel('I have read the agreement and I agree to it.').check();
  await chairSign.getByRole('button', { name: 'Sign' }).click();
  await expect(panel.getByTestId('signatures')).toContainText('Board chair: Demo Chair');

  // The participant signs on their own account.
  await p.goto('/portal');
  await p.getByRole('link', { name: 'See my agreement and log progress' }).click();
  const sign = p.getByTestId('sign-participant');
  await sign.getByLabel('Type your full name').fill(`${firstName} Participant`);
  await sign.getByLabel('I have read the agreement and I agree to it.').check();
  await sign.getByRole('button', { name: 'Sign' }).click();
  await expect(p.getByRole('heading', { name: 'Log progress' })).toBeVisible();
  await expect(p.getByTestId('agreement-pdf')).toBeVisible();
  const pdf = await p.request.get((await p.getByTestId('agreement-pdf').getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // A file that is not a photo is refused with a clear message; what was typed is kept.
  const log = p.getByTestId('log-progress');
  await log.getByLabel('Obligation').selectOption({ label: '2 hours at the food bank' });
  await log.getByLabel('How much').fill('2');
  await log.getByLabel('Where').fill('Harvesters food bank');
  await log.getByLabel('Supervisor’s name and phone or email').fill('M. Ortiz 816-555-0140');
  await log.getByLabel('Proof (optional)').setInputFiles(fixture('not-a-photo.png'));
  await log.getByRole('button', { name: 'Log progress' }).click();
  await expect(log.getByTestId('form-message')).toContainText('not a photo (JPEG, PNG, WebP) or a PDF');
  await expect(log.getByLabel('Where')).toHaveValue('Harvesters food bank');

  // The real photo is accepted.
  await log.getByLabel('Proof (optional)').setInputFiles(fixture('timesheet.png'));
  await log.getByRole('button', { name: 'Log progress' }).click();
  await expect(p.getByTestId('form-message')).toContainText('We will check it');
  const hoursItem = p.getByTestId('obligations').first().getByTestId('obligation-community_service_hours');
  await expect(hoursItem).toContainText('2 hours waiting to be verified');

  // The volunteer sees the entry with its photo (served as an attachment, nosniff) and verifies it.
  await v.reload();
  const entry = v.getByTestId('progress-entry').filter({ hasText: 'Harvesters food bank' });
  const proofHref = (await entry.getByTestId('proof-link').getAttribute('href'))!;
  const proof = await v.request.get(proofHref);
  expect(proof.status()).toBe(200);
  expect(proof.headers()['content-type']).toBe('image/png');
  expect(proof.headers()['x-content-type-options']).toBe('nosniff');
  expect(proof.headers()['content-disposition']).toMatch(/^attachment;/);
  await entry.getByRole('button', { name: 'Verify' }).click();
  await expect(v.getByTestId('progress-entry').filter({ hasText: 'Harvesters food bank' })).toContainText('Verified');
  await expect(v.getByTestId('obligation-community_service_hours')).toContainText('Done');
  await v.screenshot({ path: 'test-results/agreements-board-case.png', fullPage: true });

  // The participant sees the obligation complete.
  await p.reload();
  await expect(p.getByTestId('obligations').first().getByTestId('obligation-community_service_hours').getByTestId('obligation-state')).toHaveText('Done');

  // Someone outside the case cannot open the photo.
  const octx = await browser.newContext();
  const o = await octx.newPage();
  await signIn(o, 'participant2@demo.test');
  expect((await o.request.get(proofHref)).status()).toBe(404);
  await octx.close();
  await pctx.close();
  await vctx.close();
});

test('the participant’s agreement page fits a 360 px phone and is in Spanish when chosen', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await ctx.newPage();
  await signIn(page, 'participant2@demo.test');
  await page.goto('/portal/obligations');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My agreement');
  await expect(page.getByTestId('obligations').first().getByRole('listitem')).not.toHaveCount(0);
  expect(await hasNoHorizontalOverflow(page)).toBe(true);
  await page.screenshot({ path: 'test-results/agreements-portal-360.png', fullPage: true });
  // The switcher returns to the portal's home; come back to the agreement.
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hola');
  await page.goto('/portal/obligations');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mi acuerdo');
  await expect(page.getByTestId('obligations').first()).toContainText('Hecho');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');
  await ctx.close();
});

test('the board dashboard lists overdue obligations; the staff case page shows every version', async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, 'volunteer@demo.test');
  await page.goto('/board');
  await expect(page.getByTestId('obligation-alerts')).toBeVisible();
  await page.screenshot({ path: 'test-results/agreements-board.png', fullPage: true });
  await ctx.close();
});
