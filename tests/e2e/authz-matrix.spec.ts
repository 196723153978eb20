/**
 * The authorization matrix, generated from tests/authz/policy.ts: every page, route handler and
 * probed server action × every subject (six roles, signed out, disabled) × every target record
 * (own / same board / other board / other jurisdiction / unknown id), over real HTTP against the
 * running server. Out of scope must be "not found", never a page or a changed record.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectationFor, hearingFor, policy, SUBJECTS, TARGETS, type Expectation, type FixtureIds, type PolicyRow, type Subject, type Target } from '../authz/policy';
import { discoverFixtures } from './demo-fixtures';
import { forgetSession, signIn } from './helpers';

const ACCOUNTS: Record<Exclude<Subject, 'signedOut'>, string> = {
  coordinator: 'coordinator@demo.test',
  prosecutor: 'prosecutor@demo.test',
  volunteer: 'volunteer@demo.test',
  participant: 'participant@demo.test',
  provider: 'provider@demo.test',
  admin: 'admin@demo.test',
  // Signed in, then disabled by an admin while the session is open. Used by no other test.
  disabled: 'volunteer14@demo.test',
};

/** Server action ids of this build, by "file#export". */
function actionIds(): Map<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const out = new Map<string, string>();
  for (const [id, v] of Object.entries(manifest.node)) if (v.filename && v.exportedName) out.set(`${v.filename}#${v.exportedName}`, id);
  return out;
}

type Outcome = Expectation | `unexpected ${string}`;

function pagePath(row: { path: string; param?: string }, ids: FixtureIds, target: Target): string {
  if (!row.param) return row.path;
  const id = row.param === 'caseId' ? ids.cases[target] : row.param === 'hearingId' ? hearingFor(ids, target) : target === 'unknown' ? ids.users.unknown : ids.users.other;
  return row.path.replace(/\[\w+\]/, id);
}

async function getOutcome(request: APIRequestContext, url: string, allowedAnswer: 'ok' | 'redirect' = 'ok'): Promise<Outcome> {
  const res = await request.get(url, { maxRedirects: 0, failOnStatusCode: false });
  const status = res.status();
  const location = res.headers()['location'] ?? '';
  if (status === 404) return 'notFound';
  if ([302, 303, 307, 308].includes(status) && /\/sign-in/.test(location) && allowedAnswer !== 'redirect') return 'signIn';
  if (status === 401) return 'signIn';
  if (status === 200 && allowedAnswer === 'ok') return 'allow';
  if ([302, 303, 307, 308].includes(status) && allowedAnswer === 'redirect') return 'allow';
  return `unexpected ${status}${location ? ` → ${location}` : ''}`;
}

async function actionOutcome(request: APIRequestContext, origin: string, id: string, postTo: string, fields: Record<string, string>): Promise<Outcome> {
  // The body React's client sends for `action(prevState, formData)`: the form fields as parts of
  // reference 1 ("_1_<name>"), then the argument list as part "0" — last, because the server
  // decodes part 0 as soon as it arrives.
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.append(`_1_${k}`, v);
  multipart.append('0', '[null,"$K1"]');
  const res = await request.post(postTo, { headers: { 'next-action': id, origin, accept: 'text/x-component' }, multipart, maxRedirects: 0, failOnStatusCode: false });
  const status = res.status();
  const text = await res.text();
  if ([302, 303, 307, 308].includes(status) && /\/sign-in/.test(res.headers()['location'] ?? '')) return 'signIn';
  if (status !== 200) return `unexpected ${status}`;
  if (/Your session has ended/.test(text)) return 'signIn';
  if (/was not found, or you do not have access to it/.test(text)) return 'notFound';
  return 'allow';
}

const counted = { requests: 0 };

for (const subject of SUBJECTS) {
  test(`authorization matrix: ${subject}`, async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const fixtures = await discoverFixtures(browser);
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    if (subject !== 'signedOut') {
      await signIn(page, ACCOUNTS[subject]);
      if (subject === 'disabled') {
        forgetSession(ACCOUNTS.disabled);
        const admin = await browser.newContext();
        const apage = await admin.newPage();
        await signIn(apage, 'admin@demo.test');
        await apage.getByRole('button', { name: `Disable ${ACCOUNTS.disabled}` }).click();
        await expect(apage.getByRole('button', { name: `Enable ${ACCOUNTS.disabled}` })).toBeVisible();
        await admin.close();
      }
    }
    const self = subject === 'signedOut' ? randomUUID() : (fixtures.users.byEmail[ACCOUNTS[subject]] ?? randomUUID());
    const ids: FixtureIds = { cases: fixtures.cases, users: { self, other: fixtures.users.other, unknown: randomUUID() }, hearing: fixtures.hearing };
    const actions = actionIds();
    const origin = new URL(baseURL!).origin;
    const mismatches: string[] = [];
    let checks = 0;
    const check = (what: string, expected: Expectation, got: Outcome) => {
      checks++;
      if (expected !== got) mismatches.push(`${what}: expected ${expected}, got ${got}`);
    };

    for (const row of policy as readonly PolicyRow[]) {
      if (row.kind === 'page') {
        const targets: readonly Target[] = row.param ? (row.targets ?? TARGETS) : ['own'];
        for (const target of targets) {
          const url = pagePath(row, ids, target);
          check(`GET ${row.path} [${target}]`, expectationFor(row, subject, target), await getOutcome(page.request, url, row.allowedAnswer));
        }
      } else if (row.kind === 'route') {
        if (row.probe === false || !row.methods.includes('GET')) continue;
        const targets: readonly Target[] = row.param ? (row.targets ?? TARGETS) : ['own'];
        for (const target of targets) check(`GET ${row.path} [${target}]`, expectationFor(row, subject, target), await getOutcome(page.request, pagePath(row, ids, target)));
      } else if (row.probe) {
        const id = actions.get(`${row.file}#${row.exportName}`);
        expect(id, `${row.exportName} is not in this build's action manifest`).toBeTruthy();
        for (const target of row.probe.targets ?? (['own'] as const)) {
          const postTo = row.probe.postTo.replace('[caseId]', ids.cases[target]).replace('[hearingId]', hearingFor(ids, target));
          check(`ACTION ${row.exportName} [${target}]`, expectationFor(row, subject, target), await actionOutcome(page.request, origin, id!, postTo, row.probe.fields(ids, target)));
        }
      }
    }
    counted.requests += checks;
    test.info().annotations.push({ type: 'combinations', description: `${subject}: ${checks}` });
    console.log(`[authz-matrix] ${subject}: ${checks} combinations checked, ${mismatches.length} wrong`);
    expect(mismatches, `${subject}: ${checks} combinations`).toEqual([]);
    await ctx.close();
  });
}
