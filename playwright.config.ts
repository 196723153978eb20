import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);

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
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
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
