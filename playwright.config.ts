import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const sharedAccountSpecs = ['participant-portal.spec.ts', 'agreements.spec.ts', 'treatment.spec.ts', 'sign-in.spec.ts'];

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser on these machines.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  // These specs switch shared demo participants (participant@, participant2@) to Spanish and back,
  // and the language is saved on the account, so they must not overlap with each other or with the
  // sign-in journeys that expect those accounts in English. They run one after another (each file
  // in order) on one worker while the other worker takes every other spec.
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, testIgnore: sharedAccountSpecs.map((f) => new RegExp(`${f.replace('.', '\\.')}$`)) },
    ...sharedAccountSpecs.map((f, i) => ({
      name: `shared-${f.replace('.spec.ts', '')}`,
      use: { ...devices['Desktop Chrome'] },
      testMatch: new RegExp(`${f.replace('.', '\\.')}$`),
      fullyParallel: false,
      dependencies: i === 0 ? [] : [`shared-${sharedAccountSpecs[i - 1].replace('.spec.ts', '')}`],
    })),
  ],
  webServer: {
    // A throwaway in-memory database, migrated and seeded with the demo at start.
    command: `node scripts/ensure-build.mjs && node node_modules/next/dist/bin/next start -p ${PORT}`,
    url: `http://localhost:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    // SMS_AUTH_TOKEN / SMS_WEBHOOK_URL: only the inbound webhook uses them (replies are signed with
    // the token); no SMS_PROVIDER_URL, so texts still go to the demo transport.
    env: { PGLITE_DIR: 'memory://', DATA_DIR: '.data/e2e', DEMO_MODE: '1', DATABASE_URL: '', NEXT_TELEMETRY_DISABLED: '1', SMS_AUTH_TOKEN: 'e2e-sms-auth-token', SMS_WEBHOOK_URL: `http://localhost:${PORT}/api/sms/inbound` },
  },
});
