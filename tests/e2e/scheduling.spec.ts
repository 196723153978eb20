import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { volunteerNames } from '../../db/seed-data/demo-people';
import { hasNoHorizontalOverflow, signIn } from './helpers';

const emailOf = (name: string) => {
  const i = volunteerNames.indexOf(name);
  return i === 0 ? 'volunteer@demo.test' : `volunteer${i + 1}@demo.test`;
};

test('the coordinator books a proposed panel; the chair sees it in “my hearings” and downloads the .ics', async ({ browser }) => {
  const coordinator = await browser.newContext();
  const page = await coordinator.newPage();
  await signIn(page, 'coordinator@demo.test');
  await page.goto('/cases?status=assigned');
  await page.locator('table a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Case JC-');
  await page.getByRole('link', { name: 'Find a time' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Schedule a hearing');
  const proposals = page.getByTestId('proposals');
  await expect(proposals.getByRole('radio')).not.toHaveCount(0);
  const first = proposals.getByRole('listitem').first();
  await expect(first).toContainText('(chair)');
  await expect(first).toContainText('Alternate:');
  const participant = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Schedule a hearing: ', '').trim();
  const chairName = /Panel: ([^,]+) \(chair\)/.exec((await first.textContent())!)![1].trim();
  await first.getByRole('radio').check();
  await page.getByRole('button', { name: 'Book hearing' }).click();
  await expect(page.getByTestId('form-message')).toHaveText('Hearing booked.');
  await page.getByRole('link', { name: 'Open the run sheet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(participant);
  await expect(page.getByRole('main')).toContainText(`${chairName} (chair)`);
  await coordinator.close();

  const volunteer = await browser.newContext({ acceptDownloads: true });
  const vPage = await volunteer.newPage();
  await signIn(vPage, emailOf(chairName));
  await vPage.getByRole('link', { name: 'My hearings' }).click();
  const card = vPage.getByTestId('my-hearings').getByRole('listitem').filter({ hasText: participant });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Your seat: chair');
  const [download] = await Promise.all([vPage.waitForEvent('download'), card.getByRole('link', { name: 'Add to my calendar (.ics)' }).click()]);
  const ics = fs.readFileSync((await download.path())!, 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toMatch(/UID:hearing-[0-9a-f-]+@common-ground/);
  expect(ics).toContain('SEQUENCE:0');
  await volunteer.close();
});

test('a volunteer sets availability on a phone, and the coordinator’s week view and roster render', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await phone.newPage();
  await signIn(page, 'volunteer@demo.test');
  await page.goto('/board/availability');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My availability');
  expect(await hasNoHorizontalOverflow(page)).toBe(true);
  const monday = page.getByRole('group', { name: 'Monday' });
  await monday.getByLabel('From', { exact: true }).fill('18:00');
  await monday.getByLabel('To', { exact: true }).fill('17:00');
  await page.getByRole('button', { name: 'Save my week' }).click();
  await expect(monday.getByText('End after the start time.')).toBeVisible();
  await monday.getByLabel('To', { exact: true }).fill('20:30');
  await page.getByRole('button', { name: 'Save my week' }).click();
  await expect(page.getByTestId('form-message').first()).toHaveText('Your weekly times are saved.');
  await page.goto('/board/hearings');
  expect(await hasNoHorizontalOverflow(page)).toBe(true);
  await expect(page.getByTestId('my-hearings').getByRole('listitem')).not.toHaveCount(0);
  await phone.close();

  const desk = await browser.newContext();
  const c = await desk.newPage();
  await signIn(c, 'coordinator@demo.test');
  await c.getByRole('link', { name: 'Schedule', exact: true }).click();
  await expect(c.getByRole('heading', { level: 1 })).toHaveText('Hearing schedule');
  await expect(c.getByTestId('week-view')).toBeVisible();
  await c.getByRole('link', { name: 'Volunteers' }).click();
  await expect(c.getByTestId('roster')).toContainText('Cannot sit');
  await expect(c.getByTestId('roster')).toContainText('Background check expired');
  await desk.close();
});
