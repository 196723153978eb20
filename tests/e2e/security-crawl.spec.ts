/**
 * Security crawl (issue 9): every page of tests/authz/policy.ts that a role may see, visited as
 * that role in a real browser (and the public pages signed out). On every page:
 *   - zero CSP violations (`securitypolicyviolation` events and CSP console errors);
 *   - the required headers on every response from the app (documents: CSP with a nonce and
 *     frame-ancestors 'none'; all: HSTS, nosniff, X-Frame-Options DENY, Referrer-Policy);
 *   - the session cookie is __Host-, HttpOnly, Secure, SameSite, Path=/, host-only;
 *   - XSS payloads are inert: first stored through the app (an API token name by the admin, a venue's
 *     free-text fields by the coordinator, a referral's participant name, address and summary through
 *     the integration API, a case note on that referral's status change, an agreement item's custom
 *     title, details and verification, a participant's help request) and shown as text on the pages
 *     that list them (case timeline, agreement draft, admin outbox); then typed into every
 *     free-text field (text inputs and textareas) of every page. No dialog opens, `window.__xss` is
 *     never set, and no injected element (an img with onerror, a foreign script) exists.
 * The page list comes from the policy, so pages added later are crawled without touching this file.
 */
import { expect, test, type Page, type Response } from '@playwright/test';
import { expectationFor, hearingFor, policy, ROLES, type FixtureIds, type PageRow, type Subject, type Target } from '../authz/policy';
import { discoverFixtures } from './demo-fixtures';
import { signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

const ACCOUNTS: Record<(typeof ROLES)[number], string> = {
  coordinator: 'coordinator@demo.test',
  prosecutor: 'prosecutor@demo.test',
  volunteer: 'volunteer@demo.test',
  participant: 'participant@demo.test',
  provider: 'provider@demo.test',
  admin: 'admin@demo.test',
};

/** Two classic payloads in one string: an event handler and a script element. */
const MARK = 'XSS-probe';
const PAYLOAD = `${MARK} <img src=x onerror="window.__xss='img'"><script>window.__xss='script'</script>`;
const DEMO_API_TOKEN = 'cg_demo_jackson_county_token';

const REQUIRED: Record<string, RegExp> = {
  'strict-transport-security': /max-age=\d{7,}/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^DENY$/,
  'referrer-policy': /^strict-origin-when-cross-origin$/,
};

const tally = { pages: 0, responses: 0, fields: 0, stored: 0 };

type Watch = { violations: string[]; dialogs: string[]; headerProblems: string[] };

/** Listen for CSP violations, dialogs and missing headers on every response of the app. */
async function watch(page: Page, origin: string): Promise<Watch> {
  const w: Watch = { violations: [], dialogs: [], headerProblems: [] };
  await page.exposeFunction('__cgCspViolation', (v: string) => w.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cgCspViolation: (v: string) => void }).__cgCspViolation(`${e.violatedDirective} ${e.blockedURI} at ${location.pathname}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) w.violations.push(`console: ${m.text()}`);
  });
  page.on('dialog', async (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()} at ${page.url()}`);
    await d.dismiss();
  });
  page.on('response', (res: Response) => checkHeaders(res, origin, w));
  return w;
}

function checkHeaders(res: Response, origin: string, w: Watch) {
  if (!res.url().startsWith(origin)) return;
  tally.responses++;
  const h = res.headers();
  for (const [name, pattern] of Object.entries(REQUIRED)) if (!pattern.test(h[name] ?? '')) w.headerProblems.push(`${res.url()}: ${name}=${h[name] ?? '(missing)'}`);
  if (res.request().resourceType() === 'document' && res.status() < 300) {
    const csp = h['content-security-policy'] ?? '';
    if (!/'nonce-[A-Za-z0-9+/=_-]{16,}'/.test(csp)) w.headerProblems.push(`${res.url()}: CSP without a nonce: ${csp}`);
    if (!/frame-ancestors 'none'/.test(csp)) w.headerProblems.push(`${res.url()}: CSP without frame-ancestors 'none'`);
    if (/unsafe-inline|unsafe-eval/.test(csp)) w.headerProblems.push(`${res.url()}: CSP allows unsafe-*`);
  }
}

function pagePath(row: PageRow, ids: FixtureIds, target: Target): string {
  if (!row.param) return row.path;
  const id = row.param === 'caseId' ? ids.cases[target] : row.param === 'hearingId' ? hearingFor(ids, target) : ids.users.other;
  return row.path.replace(/\[\w+\]/, id);
}

/** The pages `subject` may open, each with a target in its scope. */
function pagesFor(subject: Subject, ids: FixtureIds): string[] {
  const out: string[] = [];
  for (const row of policy) {
    if (row.kind !== 'page') continue;
    if (subject !== 'signedOut' && row.access === 'public') continue; // crawled signed out
    const targets: readonly Target[] = row.param ? (row.targets ?? ['own', 'sameBoard', 'otherBoard', 'otherJurisdiction', 'unknown']) : ['own'];
    const target = targets.find((t) => t !== 'unknown' && expectationFor(row, subject, t) === 'allow');
    if (target) out.push(pagePath(row, ids, target));
  }
  return out;
}

/** Nothing injected ran or exists: no flag, no element with an event handler from a payload. */
async function expectInert(page: Page, where: string) {
  const state = await page.evaluate(() => ({
    flag: (window as unknown as { __xss?: string }).__xss ?? null,
    imgs: document.querySelectorAll('img[src="x"], [onerror], [onload]:not(link):not(body)').length,
    // An injected <script> element (Next's own nonce'd scripts carry the page data, payloads
    // included, as escaped JSON strings: inert, and not matched here).
    foreignScripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').trim().startsWith('window.__xss')).length,
  }));
  expect(state, `${where}: an XSS payload became live markup`).toEqual({ flag: null, imgs: 0, foreignScripts: 0 });
}

/** Type the payload into every visible, editable free-text field of the page (not submitted). */
async function typeIntoFreeText(page: Page): Promise<number> {
  const fields = page.locator('input[type="text"]:visible, input:not([type]):visible, input[type="search"]:visible, textarea:visible');
  const n = await fields.count();
  let typed = 0;
  for (let i = 0; i < n; i++) {
    const f = fields.nth(i);
    if (!(await f.isEditable().catch(() => false))) continue;
    await f.fill(PAYLOAD, { timeout: 2000 }).catch(() => {});
    typed++;
  }
  return typed;
}

async function crawl(page: Page, paths: string[], w: Watch, expectPayloadOn: string[] = []) {
  for (const path of paths) {
    const res = await page.goto(path);
    expect(res, path).not.toBeNull();
    expect(res!.status(), `${path} answered ${res!.status()}`).toBeLessThan(400);
    tally.pages++;
    await expectInert(page, path);
    if (expectPayloadOn.includes(path)) {
      // Stored payloads are shown, as text.
      await expect(page.locator('main')).toContainText(`${MARK} <img src=x onerror=`);
      tally.stored++;
    }
    tally.fields += await typeIntoFreeText(page);
    await expectInert(page, `${path} after typing`);
  }
  expect(w.dialogs, 'dialogs opened').toEqual([]);
  expect(w.violations, 'CSP violations').toEqual([]);
  expect(w.headerProblems, 'responses without the required headers').toEqual([]);
}

async function expectSessionCookie(page: Page) {
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith('cg.session'));
  expect(cookie, 'session cookie').toBeDefined();
  expect(cookie).toMatchObject({ name: '__Host-cg.session', httpOnly: true, secure: true, path: '/' });
  expect(['Lax', 'Strict']).toContain(cookie!.sameSite);
  // Host-only: no Domain attribute (Playwright reports the bare host, without a leading dot).
  expect(cookie!.domain.startsWith('.')).toBe(false);
}

let ids: FixtureIds;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  const f = await discoverFixtures(browser);
  ids = { cases: f.cases, users: { self: f.users.other, other: f.users.other, unknown: f.cases.unknown }, hearing: f.hearing };
});

test('store XSS payloads through the app: an API token, a venue, a referral', async ({ browser, request, baseURL }) => {
  test.setTimeout(180_000);
  // Admin: an API token whose name is the payload.
  const actx = await browser.newContext();
  const admin = await actx.newPage();
  await signIn(admin, ACCOUNTS.admin);
  await admin.goto('/admin/api-tokens');
  await admin.locator('input[name="name"]').fill(PAYLOAD);
  await admin.locator('form', { has: admin.locator('input[name="name"]') }).locator('button[type="submit"]').click();
  await expect(admin.locator('main')).toContainText(`${MARK} <img`);
  await actx.close();

  // Coordinator: a venue with the payload in every free-text field (open Sundays 06:00–06:30 only,
  // so the slot finder of other tests never proposes it).
  const cctx = await browser.newContext();
  const coord = await cctx.newPage();
  await signIn(coord, ACCOUNTS.coordinator);
  await coord.goto('/venues');
  for (const name of ['name', 'room', 'addressLine', 'accessibilityNotes']) await coord.locator(`#v-${name}`).fill(PAYLOAD);
  await coord.locator('#v-capacity').fill('2');
  await coord.locator('input[name="day_0"]').check();
  await coord.locator('#v-opens').fill('06:00');
  await coord.locator('#v-closes').fill('06:30');
  await coord.locator('form', { has: coord.locator('#v-name') }).locator('button[type="submit"]').click();
  await expect(coord.locator('main')).toContainText(`${MARK} <img`);
  await cctx.close();

  // Integration API: a referral whose participant name, address and summary are the payload.
  const res = await request.post(`${baseURL}/api/v1/referrals`, {
    headers: { authorization: `Bearer ${DEMO_API_TOKEN}`, 'content-type': 'application/json' },
    data: {
      externalCaseNumber: 'XSS-2026-000001',
      referringAgency: PAYLOAD,
      incidentDate: '2026-10-02',
      participant: { firstName: PAYLOAD.slice(0, 60), lastName: `${MARK}<svg onload=alert(1)>`, dateOfBirth: '1999-05-14', addressLine: PAYLOAD, zip: '64127', preferredLanguage: 'en', race: 'unknown', ethnicity: 'unknown', sex: 'unknown' },
      charges: ['579.015'],
      facts: { weaponInvolved: 'no', violenceInvolved: 'no', drugQuantityGrams: 1.2, activeProtectionOrder: 'no', criminalHistoryChecked: true, lastViolentOffenseDate: null, lastFailedDiversionDate: null },
      summary: PAYLOAD,
    },
  });
  expect([200, 201], await res.text()).toContain(res.status());
});

/** The stored payload is on the page as text, and nothing of it is live. */
async function expectStoredInert(page: Page, where: string, text = `${MARK} <img src=x onerror=`) {
  await expect(page.locator('main'), where).toContainText(text);
  await expectInert(page, where);
  tally.stored++;
}

test('submit XSS payloads through free-text forms and see them inert where they are shown', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  // Coordinator: a case note — the note recorded with the participant's answer to the offer on the
  // case stored above through the API (the test's own case; declined, so it goes to no board),
  // shown in the case timeline.
  const cctx = await browser.newContext();
  const coord = await cctx.newPage();
  const cw = await watch(coord, baseURL!);
  await signIn(coord, ACCOUNTS.coordinator);
  await coord.goto('/cases?status=');
  const caseHref = await coord.locator('table tbody tr', { hasText: 'XSS-2026-000001' }).locator('a').first().getAttribute('href');
  expect(caseHref).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = caseHref!;
  await coord.goto(caseUrl);
  const offer = coord.getByTestId('offer-form');
  await expect(offer, 'the referral is offered, so its answer form is there').toBeVisible();
  await offer.locator('input[name="answer"][value="decline"]').check();
  await offer.locator('#offer-note').fill(PAYLOAD);
  await offer.locator('button[type="submit"]').click();
  // The timeline quotes the note: “…” (the participant's name and address carry the payload too).
  await expect(async () => {
    await coord.goto(caseUrl);
    await expect(coord.locator('main')).toContainText(`“${MARK} <img`, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expectStoredInert(coord, 'case timeline (note)', `“${MARK} <img src=x onerror=`);

  // Coordinator: an agreement item with a custom title and details, on a held-hearing case that has
  // no agreement yet — not participant3's, which the agreement journey (agreements.spec.ts) drafts.
  const p3ctx = await browser.newContext();
  const p3 = await p3ctx.newPage();
  await signIn(p3, 'participant3@demo.test');
  const p3First = ((await p3.getByRole('heading', { level: 1 }).textContent()) ?? '').replace(/^(Hello|Hola), /, '').replace(/\.$/, '').trim();
  await p3ctx.close();
  expect(p3First).not.toBe('');
  await coord.goto('/cases?status=hearing_held');
  const rows = coord.locator('table tbody tr').filter({ hasNotText: p3First });
  expect(await rows.count(), 'a held-hearing case other than participant3’s').toBeGreaterThan(0);
  let drafted = false;
  for (let i = 0; i < Math.min(await rows.count(), 6) && !drafted; i++) {
    await coord.goto('/cases?status=hearing_held');
    const href = await coord.locator('table tbody tr').filter({ hasNotText: p3First }).nth(i).locator('a').first().getAttribute('href');
    await coord.goto(href!);
    const panel = coord.getByTestId('agreement-panel');
    const start = panel.getByRole('button', { name: 'Start the agreement' });
    if (!(await start.count())) continue;
    await start.click();
    const add = panel.getByTestId('add-item');
    await expect(add).toBeVisible();
    await add.getByLabel('Kind').selectOption('community_service_hours');
    await add.getByLabel('Title').fill(PAYLOAD);
    await add.getByLabel('Details').fill(PAYLOAD);
    await add.getByLabel('Target').fill('2');
    await add.getByLabel('How it is verified').fill(PAYLOAD);
    await add.getByRole('button', { name: 'Add item' }).click();
    await expect(panel.getByTestId('draft-items')).toContainText(`${MARK} <img`, { timeout: 15_000 });
    await coord.reload();
    await expect(coord.getByTestId('draft-items')).toContainText(`${MARK} <img src=x onerror=`);
    await expectStoredInert(coord, 'agreement draft (item title, details, verification)');
    drafted = true;
  }
  expect(drafted, 'an agreement drafted with the payload in an item').toBe(true);
  expect(cw.dialogs).toEqual([]);
  expect(cw.violations).toEqual([]);
  await cctx.close();

  // Participant: a help request to the coordinators (a task and an email, whose rendered body the
  // admin's outbox shows).
  const pctx = await browser.newContext();
  const part = await pctx.newPage();
  const pw = await watch(part, baseURL!);
  await signIn(part, ACCOUNTS.participant);
  await part.goto('/portal');
  await part.getByTestId('help-box').locator('summary').click();
  const help = part.getByTestId('help-form');
  await help.locator('textarea[name="message"]').fill(PAYLOAD);
  await help.locator('button[type="submit"]').click();
  await expect(help.locator('[role="status"], [role="alert"]').first()).toBeVisible({ timeout: 15_000 });
  await expectInert(part, '/portal after the help request');
  expect(pw.dialogs).toEqual([]);
  await pctx.close();

  const actx = await browser.newContext();
  const admin = await actx.newPage();
  const aw = await watch(admin, baseURL!);
  await signIn(admin, ACCOUNTS.admin);
  await admin.goto('/admin/outbox');
  await expectStoredInert(admin, '/admin/outbox (help request email)');
  expect(aw.dialogs).toEqual([]);
  expect(aw.violations).toEqual([]);
  await actx.close();
});

test('signed out: public pages', async ({ page, baseURL }) => {
  const w = await watch(page, baseURL!);
  await crawl(page, pagesFor('signedOut', ids).filter((p) => p !== '/'), w);
});

for (const role of ROLES) {
  test(`as ${role}: every page the role may see`, async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    const w = await watch(page, baseURL!);
    await signIn(page, ACCOUNTS[role]);
    await expectSessionCookie(page);
    const paths = pagesFor(role, ids);
    expect(paths.length).toBeGreaterThan(0);
    const stored = role === 'admin' ? ['/admin/api-tokens'] : role === 'coordinator' ? ['/venues'] : [];
    await crawl(page, paths, w, stored);
    // The referral stored through the API: its participant name is on the case list as text.
    if (role === 'coordinator' || role === 'prosecutor') {
      await page.goto('/cases?q=XSS-2026-000001');
      await page.goto(`/cases?status=`);
      const link = page.locator('table tbody tr', { hasText: 'XSS-2026-000001' }).locator('a').first();
      if (await link.count()) {
        await link.click();
        await page.waitForLoadState('load');
        await expect(page.locator('main')).toContainText(MARK);
        await expectInert(page, page.url());
        tally.stored++;
      }
    }
    await expectInert(page, 'end');
    console.info(`[security-crawl] ${role}: ${paths.length} pages; running totals ${JSON.stringify(tally)}`);
  });
}
