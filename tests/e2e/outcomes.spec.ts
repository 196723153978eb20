import { expect, test } from '@playwright/test';
import { pdfText } from '../helpers/pdf-text';
import { hasNoHorizontalOverflow, signIn } from './helpers';

test('a prosecutor reads the outcomes dashboard, filters it by board and downloads a table as CSV', async ({ page }) => {
  await signIn(page, 'prosecutor@demo.test');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outcomes dashboard');
  await expect(page.getByRole('heading', { name: 'From referral to completion' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Equity funnel' })).toBeVisible();
  await expect(page.getByText('Reference group: white non-Hispanic', { exact: false })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Fairness survey averages by board' })).toBeVisible();
  // Boards under 11 answers are counted in one line, not listed one by one.
  await expect(page.getByTestId('survey-hidden')).toContainText('fewer than 11 answers in these dates: not shown');

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

test('a coordinator closes one case as completed and another as withdrawn; the prosecutor decides the returned one', async ({ page, browser }) => {
  await signIn(page, 'coordinator@demo.test');
  // Not the first in-progress case (notify.spec.ts completes it) nor the authorization fixture.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/cases?status=in_progress');
  const rows = page.locator('table tbody tr').filter({ hasNotText: 'JC-2026-004101' }).filter({ hasNotText: 'Ortega, Sam' });
  const completedNumber = (await rows.nth(1).getByRole('link').first().innerText()).trim();
  await rows.nth(1).getByRole('link').first().click();
  const closure = page.getByTestId('case-closure');
  await closure.getByLabel('Outcome').selectOption('completed');
  await closure.getByRole('button', { name: 'Close the case' }).click();
  // The page re-renders with the closure: outcome, final action and record status.
  await expect(page.getByTestId('record-status')).toContainText('becomes a closed record on');
  await expect(closure).toContainText('No charge filed (completed)');

  // A withdrawn case needs a summary; what was typed stays when it is refused.
  await page.goto('/cases?status=in_progress');
  const withdrawnRow = page.locator('table tbody tr').filter({ hasNotText: 'JC-2026-004101' }).filter({ hasNotText: 'Ortega, Sam' }).filter({ hasNotText: completedNumber }).nth(2);
  await withdrawnRow.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const withdrawnId = new URL(page.url()).pathname.split('/').pop()!;
  await closure.getByLabel('Outcome').selectOption('withdrawn');
  await closure.getByLabel('Summary for the prosecutor').fill('Moved');
  await closure.getByRole('button', { name: 'Close the case' }).click();
  await expect(closure.getByText('Write a short summary for the prosecutor')).toBeVisible();
  await expect(closure.getByLabel('Summary for the prosecutor')).toHaveValue('Moved');
  await closure.getByLabel('Summary for the prosecutor').fill('Moved out of state and asked to leave the program.');
  await closure.getByRole('button', { name: 'Close the case' }).click();
  await expect(page.getByTestId('record-status')).toContainText('Open until the prosecutor decides');

  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await signIn(p, 'prosecutor@demo.test');
  await p.getByRole('navigation').getByRole('link', { name: 'Returned', exact: true }).first().click();
  await expect(p).toHaveURL(/\/returned/);
  const item = p.getByTestId('returned-queue').locator(':scope > li').filter({ has: p.locator(`a[href="/cases/${withdrawnId}"]`) });
  await expect(item).toContainText('Moved out of state');
  await item.getByLabel("Prosecutor's final action").selectOption('dismissed');
  await item.getByRole('button', { name: 'Record the final action' }).click();
  await expect(p.locator(`a[href="/cases/${withdrawnId}"]`)).toHaveCount(0);
  await ctx.close();
});

test('a coordinator completes a case; the prosecutor sees it in the outcomes list and the API; the participant downloads the certificate from their home', async ({ page, browser }, testInfo) => {
  // Sam Ortega (participant4@demo.test) is in progress in the demo; the other specs leave that case alone.
  // Before the case closes, the participant's home says where the documents will appear. Sam reads
  // the portal in Spanish (his language in the demo).
  const qctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const q = await qctx.newPage();
  await signIn(q, 'participant4@demo.test');
  await q.goto('/portal');
  await expect(q.getByTestId('portal-documents')).toContainText('Todavía no hay documentos. Cuando termine, aquí estarán su certificado y una carta sobre sus antecedentes.');
  await expect(q.getByTestId('portal-documents').getByRole('link')).toHaveCount(0);

  await signIn(page, 'coordinator@demo.test');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/cases?status=in_progress');
  const row = page.locator('table tbody tr').filter({ hasText: 'Ortega, Sam' });
  const caseNumber = (await row.locator('td').nth(1).innerText()).trim();
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseId = new URL(page.url()).pathname.split('/').pop()!;
  // The coordinator, reading the app in English, prints Sam a sign-in letter: it is in Sam's language.
  await page.goto(`/cases/${caseId}/portal-access`);
  await page.getByRole('button', { name: 'Make a sign-in letter to print' }).click();
  const letter = page.getByTestId('sign-in-letter');
  await expect(letter).toHaveAttribute('lang', 'es');
  await expect(letter.getByRole('heading', { level: 2 })).toHaveText('Cómo ver su caso en línea');
  await expect(letter).toContainText('Hola Sam:');
  await expect(letter).not.toContainText('How to see your case online');
  await page.goto(`/cases/${caseId}`);
  const closure = page.getByTestId('case-closure');
  await closure.getByLabel('Outcome').selectOption('completed');
  await closure.getByRole('button', { name: 'Close the case' }).click();
  await expect(page.getByTestId('record-status')).toContainText('becomes a closed record on');
  const docs = page.getByTestId('case-documents');
  await expect(docs.getByRole('link', { name: 'Certificate of completion — English (PDF)' })).toHaveAttribute('href', `/cases/${caseId}/documents/certificate?lang=en`);
  const staffPdf = await page.request.get(`/cases/${caseId}/documents/record-letter?lang=en`);
  expect(staffPdf.status()).toBe(200);
  expect(staffPdf.headers()['content-type']).toBe('application/pdf');
  expect(pdfText(await staffPdf.body())).toContain('Letter about your record');
  // The document's language is the one asked for, not the reader's: the coordinator reads the app in
  // English and prints the Spanish certificate for Sam.
  const staffPdfEs = await page.request.get(`/cases/${caseId}/documents/certificate?lang=es`);
  expect(staffPdfEs.status()).toBe(200);
  expect(pdfText(await staffPdfEs.body())).toContain('Certificado de finalización');

  // The prosecutor: the case is in the list of completed cases, and in GET /api/v1/outcomes.
  const pctx = await browser.newContext();
  const p = await pctx.newPage();
  await signIn(p, 'prosecutor@demo.test');
  await p.goto('/cases?status=completed');
  await expect(p.locator('table tbody tr').filter({ hasText: caseNumber })).toContainText('Ortega, Sam');
  const since = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const api = await p.request.get(`/api/v1/outcomes?since=${encodeURIComponent(since)}&limit=100`, { headers: { authorization: 'Bearer cg_demo_jackson_county_token' } });
  expect(api.status()).toBe(200);
  const outcomes = (await api.json()) as { items: { id: string; externalCaseNumber: string; outcome: string }[] };
  expect(outcomes.items.find((i) => i.id === caseId)).toMatchObject({ externalCaseNumber: caseNumber, outcome: 'completed' });
  await pctx.close();

  // The participant finds the certificate on their home page (360 px phone) and downloads it: a
  // real PDF in the language they picked. Another case's is not found.
  await q.goto('/portal');
  const docs4 = q.getByTestId('portal-documents');
  await expect(docs4.getByRole('heading', { level: 2 })).toHaveText('Mis documentos');
  await expect(docs4.getByRole('link', { name: 'Carta sobre sus antecedentes — Inglés (PDF)' })).toHaveAttribute('href', `/portal/documents/${caseId}/record-letter?lang=en`);
  const certEs = docs4.getByRole('link', { name: 'Certificado de finalización — Español (PDF)' });
  await expect(certEs).toHaveAttribute('href', `/portal/documents/${caseId}/certificate?lang=es`);
  // The closing notice is named in the participant's language, never by its internal key.
  await expect(q.getByTestId('portal-messages')).toContainText('Completó el programa');
  await expect(q.getByTestId('portal-messages')).not.toContainText('case.completed');
  expect(await hasNoHorizontalOverflow(q)).toBe(true);
  await testInfo.attach('portal home with documents, 360 px', { body: await q.screenshot({ fullPage: true }), contentType: 'image/png' });
  await certEs.focus();
  const [download] = await Promise.all([q.waitForEvent('download'), q.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^certificate-.*-es\.pdf$/);
  const bytes = Buffer.concat((await (await download.createReadStream()).toArray()) as Buffer[]);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(1000);
  const pdf = await q.request.get(`/portal/documents/${caseId}/certificate?lang=es`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toMatch(/^attachment; filename="certificate-.*-es\.pdf"$/);
  // Sam reads the portal in Spanish; the English letter (for an employer) is in English.
  const letterEn = await q.request.get(`/portal/documents/${caseId}/record-letter?lang=en`);
  expect(letterEn.status()).toBe(200);
  const letterEnText = pdfText(await letterEn.body());
  expect(letterEnText).toContain('Letter about your record');
  expect(letterEnText).not.toContain('Carta sobre sus antecedentes');
  expect((await q.request.get(`/portal/documents/${crypto.randomUUID()}/certificate`)).status()).toBe(404);
  expect((await q.request.get(`/portal/documents/${caseId}/diploma`)).status()).toBe(404);
  await qctx.close();
});
