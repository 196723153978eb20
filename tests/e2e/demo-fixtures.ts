/**
 * The demo fixture records of the authorization matrix (tests/authz/policy.ts targets), found through
 * the app itself because their ids are random per seed. Shared by authz-matrix.spec.ts and
 * security-crawl.spec.ts; looked up once per worker.
 */
import { randomUUID } from 'node:crypto';
import { expect, type Browser, type Page } from '@playwright/test';
import type { FixtureIds } from '../authz/policy';
import { signIn } from './helpers';

async function hrefFrom(page: Page, url: string, scope: string, hasText?: string): Promise<string> {
  await page.goto(url);
  const container = hasText ? page.locator(scope, { hasText }).first() : page.locator(scope).first();
  const href = await container.locator('a').first().getAttribute('href');
  if (!href) throw new Error(`no link in ${scope} ${hasText ?? ''} at ${url}`);
  return href.split('/').pop()!;
}

export type Fixtures = Omit<FixtureIds, 'users'> & { users: { byEmail: Record<string, string>; other: string } };
let found: Promise<Fixtures> | undefined;

/** Find the demo fixture records through the app itself (their ids are random per seed); once per worker. */
export function discoverFixtures(browser: Browser): Promise<Fixtures> {
  found ??= findFixtures(browser);
  return found;
}

async function findFixtures(browser: Browser): Promise<Fixtures> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, 'coordinator@demo.test');
  const own = await hrefFrom(page, '/cases?status=hearing_scheduled', 'table tbody tr', 'JC-2026-004100');
  const otherBoard = await hrefFrom(page, '/cases?status=in_progress', 'table tbody tr', 'JC-2026-004101');
  // A hearing of the own case (its run-sheet links on the scheduling page).
  await page.goto(`/cases/${own}/schedule`);
  const hearingHref = await page.locator('main a[href^="/hearings/"]').first().getAttribute('href');
  if (!hearingHref) throw new Error(`no hearing link on /cases/${own}/schedule`);
  const hearing = hearingHref.split('/').pop()!;
  await ctx.close();

  const vctx = await browser.newContext();
  const vpage = await vctx.newPage();
  await signIn(vpage, 'volunteer@demo.test');
  await vpage.goto('/board');
  // Each row: the case id and its board's name. The volunteer may also sit on other boards as a
  // member; sameBoard must share the own case's board (Northeast, which the volunteer chairs).
  const boardCases = await vpage.getByTestId('volunteer-cases').locator('li').evaluateAll((lis) =>
    lis.map((li) => ({ id: li.querySelector('a')!.getAttribute('href')!.split('/').pop()!, board: li.lastElementChild?.textContent ?? '' })),
  );
  await vctx.close();
  const ownBoard = boardCases.find((c) => c.id === own)?.board;
  expect(ownBoard, 'the own case is on the volunteer’s board list').toBeTruthy();
  const sameBoard = boardCases.find((c) => c.id !== own && c.board === ownBoard)?.id;
  if (!sameBoard) throw new Error(`no other case on ${ownBoard} in the volunteer’s list`);

  const pctx = await browser.newContext();
  const ppage = await pctx.newPage();
  await signIn(ppage, 'prosecutor.platte@demo.test');
  const otherJurisdiction = await hrefFrom(ppage, '/cases', 'table tbody tr');
  await pctx.close();

  const actx = await browser.newContext();
  const apage = await actx.newPage();
  await signIn(apage, 'admin@demo.test');
  await apage.goto('/admin');
  // The first table lists the accounts (the second, recent audit entries).
  const rows = await apage.locator('table').first().locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelectorAll('td')[1]?.textContent ?? '', tr.querySelector('a')?.getAttribute('href')?.split('/').pop() ?? ''] as const),
  );
  await actx.close();
  const byEmail = Object.fromEntries(rows);
  return { cases: { own, sameBoard, otherBoard, otherJurisdiction, unknown: randomUUID() }, users: { byEmail, other: byEmail['volunteer@demo.test'] }, hearing };
}

