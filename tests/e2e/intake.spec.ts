import { expect, test, type Page } from '@playwright/test';
import { hasNoHorizontalOverflow, signIn } from './helpers';

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

async function fillReferral(page: Page, o: { number: string; lastName: string; zip: string; charges: string[]; weapon: 'Yes' | 'No' }) {
  await page.getByLabel('Office case number').fill(o.number);
  await page.getByLabel('Referring agency').fill('Kansas City Police Department');
  await page.getByLabel('Incident date').fill('2026-10-02');
  await page.getByLabel('First name').fill('Dana');
  await page.getByLabel('Last name').fill(o.lastName);
  await page.getByLabel('Date of birth').fill('1999-05-14');
  await page.getByLabel('ZIP code').fill(o.zip);
  for (const c of o.charges) await page.getByLabel(new RegExp(`RSMo ${c.replace('.', '\\.')} `)).check();
  await page.getByRole('group', { name: 'Was a firearm or other weapon involved?' }).getByLabel(o.weapon, { exact: true }).check();
  await page.getByRole('group', { name: 'Did the incident involve violence or a threat?' }).getByLabel('No', { exact: true }).check();
  await page.getByRole('group', { name: 'Is a protection order active against the person?' }).getByLabel('No', { exact: true }).check();
  await page.getByLabel('Quantity seized (grams)').fill('1.5');
  await page.getByLabel('The criminal history was checked').check();
  await page.getByLabel('Summary for the board').fill('Small quantity for personal use.');
  await page.getByRole('button', { name: 'Save and screen' }).click();
}

test('a possession-only referral in a KC ZIP is eligible; once the coordinator records acceptance it lands on the board serving that ZIP', async ({ browser }) => {
  const prosecutor = await browser.newPage();
  await signIn(prosecutor, 'prosecutor@demo.test');
  await prosecutor.getByRole('link', { name: 'Refer a case' }).click();
  await expect(prosecutor.getByRole('heading', { level: 1 })).toHaveText('Refer a case');
  const number = `JC-E2E-${uniq()}`;
  await fillReferral(prosecutor, { number, lastName: `Walker${uniq()}`, zip: '64124', charges: ['579.015'], weapon: 'No' });
  await expect(prosecutor).toHaveURL(/\/cases\/[0-9a-f-]+\?referred=1$/);
  await expect(prosecutor.getByText('Referral saved and screened.')).toBeVisible();
  await expect(prosecutor.getByTestId('screening-decision')).toHaveText('Eligible');
  await expect(prosecutor.getByRole('heading', { level: 1 })).toHaveText(`Case ${number}`);
  await expect(prosecutor.getByTestId('offer-panel')).toContainText('Waiting for the participant');
  const caseUrl = prosecutor.url().replace(/\?.*$/, '');

  const coordinator = await browser.newPage();
  await signIn(coordinator, 'coordinator@demo.test');
  await coordinator.goto(caseUrl);
  const offer = coordinator.getByTestId('offer-form');
  await offer.getByLabel('Accepted').check();
  await offer.getByLabel('How they answered (optional)').fill('Said yes by phone');
  await offer.getByRole('button', { name: 'Record answer' }).click();
  // The page refreshes: the offer is closed, the case is assigned, and the board history says why.
  await expect(coordinator.getByTestId('offer-panel')).toHaveCount(0);
  await expect(coordinator.locator('main h1 + span')).toHaveText('Assigned to board');
  const history = coordinator.getByRole('region', { name: 'Board history' });
  await expect(history).toContainText('Northeast');
  await expect(history).toContainText('Northeast serves ZIP 64124');
  await expect(coordinator.getByRole('main')).toContainText('Offer accepted');
  await prosecutor.close();
  await coordinator.close();
});

test('a firearm referral is shown ineligible with the reason, and the override path asks for a written reason', async ({ page }) => {
  await signIn(page, 'prosecutor2@demo.test');
  await page.goto('/referrals/new');
  await fillReferral(page, { number: `JC-E2E-${uniq()}`, lastName: `Carter${uniq()}`, zip: '64127', charges: ['579.015', '571.070'], weapon: 'Yes' });
  await expect(page.getByTestId('screening-decision')).toHaveText('Not eligible');
  const panel = page.getByTestId('screening-panel');
  await expect(panel).toContainText('Not eligible: a firearm or other weapon was involved');
  await expect(panel).toContainText('Weapon charge: RSMo 571.070');
  await expect(panel.getByText('Applies', { exact: true }).first()).toBeVisible();
  // Override without a reason is refused, with the error tied to the field.
  await panel.getByRole('button', { name: 'Save decision' }).click();
  const reason = panel.getByLabel('Written reason');
  await expect(reason).toHaveAttribute('aria-describedby', /override-reason-error/);
  await expect(panel.locator('#override-reason-error')).toContainText('at least 10 characters');
});

test('the form keeps what was typed and lists every field error', async ({ page }) => {
  await signIn(page, 'prosecutor@demo.test');
  await page.goto('/referrals/new');
  await page.getByLabel('First name').fill('Kept');
  await page.getByLabel('ZIP code').fill('641');
  await page.getByRole('button', { name: 'Save and screen' }).click();
  await expect(page.getByTestId('form-message')).toHaveText('Some fields need attention. Each is marked below.');
  await expect(page.getByLabel('First name')).toHaveValue('Kept');
  await expect(page.locator('#participant-zip-error')).toHaveText('Enter a 5-digit ZIP code.');
  await expect(page.locator('#charges-error')).toHaveText('Choose at least one charge.');
  await expect(page.locator('#externalCaseNumber-error')).toBeVisible();
});

test('CSV import previews errors by line and column, then imports the valid rows', async ({ page }) => {
  await signIn(page, 'prosecutor@demo.test');
  await page.goto('/referrals/import');
  const p = uniq();
  const header = 'external_case_number,referring_agency,incident_date,first_name,last_name,date_of_birth,zip,charges,weapon_involved,violence_involved,drug_quantity_grams,active_protection_order,criminal_history_checked';
  const csv = [header, `CSV-${p}-1,KCPD,2026-10-01,Ana,Csv${p},1990-01-01,64124,579.015,no,no,1,no,yes`, `CSV-${p}-2,KCPD,2026-10-01,Bo,Csv${p},1991-01-01,6412,579.015,no,no,1,no,yes`].join('\n');
  await page.getByLabel('CSV file').setInputFiles({ name: 'referrals.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByTestId('csv-counts')).toHaveText('2 rows: 1 ready to import, 1 with problems, 0 already imported.');
  await expect(page.getByTestId('csv-issues')).toContainText('Enter a 5-digit ZIP code.');
  await expect(page.getByTestId('csv-issues').locator('tbody tr').first()).toContainText('3');
  await page.getByRole('button', { name: 'Import 1 valid row' }).click();
  await expect(page.getByTestId('csv-result')).toContainText('1 new referrals saved and screened');
});

test('the integration API answers with the demo token', async ({ request }) => {
  const body = {
    externalCaseNumber: `JC-API-${uniq()}`,
    referringAgency: 'Kansas City Police Department',
    incidentDate: '2026-10-02',
    participant: { firstName: 'Api', lastName: `Person${uniq()}`, dateOfBirth: '1995-01-01', zip: '64127' },
    charges: ['579.015'],
    facts: { weaponInvolved: 'no', violenceInvolved: 'no', drugQuantityGrams: 1, activeProtectionOrder: 'no', criminalHistoryChecked: true },
  };
  const headers = { authorization: 'Bearer cg_demo_jackson_county_token' };
  const created = await request.post('/api/v1/referrals', { data: body, headers });
  expect(created.status()).toBe(201);
  const json = await created.json();
  expect(json.status).toBe('offered');
  const again = await request.post('/api/v1/referrals', { data: body, headers });
  expect(again.status()).toBe(200);
  const read = await request.get(`/api/v1/cases/${json.id}`, { headers });
  expect((await read.json()).screening.decision).toBe('eligible');
  expect((await request.get(`/api/v1/cases/${json.id}`)).status()).toBe(401);
  const doc = await request.get('/api/v1/openapi.json');
  expect((await doc.json()).openapi).toBe('3.1.0');
});

test('intake screens fit a 360-px phone', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  await signIn(page, 'prosecutor@demo.test');
  for (const path of ['/referrals/new', '/referrals/import', '/screening']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await hasNoHorizontalOverflow(page), path).toBe(true);
  }
  await page.goto('/screening');
  await page.getByTestId('screening-queue').getByRole('link').first().click();
  await expect(page.getByTestId('screening-panel')).toBeVisible();
  expect(await hasNoHorizontalOverflow(page)).toBe(true);
  // The same screens in Spanish.
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  await page.goto('/referrals/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Referir un caso');
  await expect(page.getByRole('group', { name: '¿Hubo un arma de fuego u otra arma?' })).toBeVisible();
  expect(await hasNoHorizontalOverflow(page)).toBe(true);
  // The choice is saved on the account: leave the shared demo prosecutor in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Español' })).toBeVisible();
  await ctx.close();
});
