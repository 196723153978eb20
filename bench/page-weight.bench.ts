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
      const ctx = await browser.newContext({ baseURL: server.url });
      const page = await ctx.newPage();
      const floorUrls = await scriptUrls(page, '/sign-out');
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill('participant@demo.test');
      await page.getByLabel('Password').fill('commonground-demo');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(/\/portal/);
      const homeUrls = await scriptUrls(page, '/portal');
      const floor = await gzipKb(server.url, floorUrls);
      const home = await gzipKb(server.url, homeUrls);
      const m: Measure[] = [
        { name: 'page-weight framework floor (/sign-out)', engine: 'none', cases: 0, js_gzip_kb: floor, scripts: floorUrls.length },
        { name: 'page-weight participant home (/portal)', engine: 'none', cases: 0, js_gzip_kb: home, scripts: homeUrls.length, over_floor_kb: Math.round((home - floor) * 10) / 10, target_over_floor_kb: 25, target_total_kb: 200 },
      ];
      console.log(`  framework floor ${floor} kB gzip; participant home ${home} kB gzip (+${(home - floor).toFixed(1)} kB)`);
      return m;
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};

export default bench;
