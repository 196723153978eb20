/**
 * Page weight: gzip bytes of JavaScript a page makes the browser download, for the participant home
 * against the framework floor (a page with no client components of ours: /sign-out).
 * Target (issue 7): participant home ≤ floor + 25 kB and ≤ 200 kB in total.
 */
import zlib from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { startServer } from './server';
import type { Bench, Measure } from './types';

async function scriptUrls(page: Page, path: string): Promise<string[]> {
  const urls = new Set<string>();
  const onResponse = (r: import('@playwright/test').Response) => {
    if (r.request().resourceType() === 'script') urls.add(r.url());
  };
  page.on('response', onResponse);
  await page.goto(path, { waitUntil: 'networkidle' });
  page.off('response', onResponse);
  return [...urls];
}

async function gzipKb(base: string, urls: string[]): Promise<number> {
  let bytes = 0;
  for (const u of urls) {
    const body = Buffer.from(await (await fetch(new URL(u, base))).arrayBuffer());
    bytes += zlib.gzipSync(body, { level: 9 }).length;
  }
  return Math.round((bytes / 1024) * 10) / 10;
}

const bench: Bench = {
  name: 'page-weight',
  async run() {
    const server = await startServer(3190, { PGLITE_DIR: 'memory://', DATA_DIR: '.data/bench', DEMO_MODE: '1', DATABASE_URL: '' });
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const floorPage = await (await browser.newContext({ baseURL: server.url })).newPage();
      const floorUrls = await scriptUrls(floorPage, '/sign-out');
      const floor = await gzipKb(server.url, floorUrls);
      // participant@ has a hearing to confirm and messages; participant2@ a signed agreement
      // (obligations, the progress form with a proof upload, documents).
      const homes: { who: string; kb: number; scripts: number }[] = [];
      for (const who of ['participant@demo.test', 'participant2@demo.test']) {
        const page = await (await browser.newContext({ baseURL: server.url })).newPage();
        await page.goto('/sign-in');
        await page.getByLabel('Email').fill(who);
        await page.getByLabel('Password').fill('commonground-demo');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.waitForURL(/\/portal/);
        const urls = await scriptUrls(page, '/portal');
        homes.push({ who, kb: await gzipKb(server.url, urls), scripts: urls.length });
      }
      const m: Measure[] = [
        { name: 'page-weight framework floor (/sign-out)', engine: 'none', cases: 0, js_gzip_kb: floor, scripts: floorUrls.length },
        ...homes.map((h) => ({ name: `page-weight participant home (/portal, ${h.who})`, engine: 'none' as const, cases: 0, js_gzip_kb: h.kb, scripts: h.scripts, over_floor_kb: Math.round((h.kb - floor) * 10) / 10, target_over_floor_kb: 25, target_total_kb: 200 })),
      ];
      for (const h of homes) console.log(`  framework floor ${floor} kB gzip; participant home as ${h.who} ${h.kb} kB gzip (+${(h.kb - floor).toFixed(1)} kB)`);
      return m;
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};

export default bench;
