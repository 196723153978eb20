import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests are server code.
      'server-only': path.resolve(import.meta.dirname, 'tests/helpers/server-only-stub.ts'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Races need separate connections: PGlite is one connection running one statement at a time,
    // so the race suite belongs to the PostgreSQL pass only (listed there, not "skipped" here).
    exclude: process.env.TEST_DATABASE_URL ? [] : ['tests/integration/concurrency.test.ts', 'tests/integration/dashboard-grains-races.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers only contend for CPU (each PGlite is single-threaded wasm).
    maxWorkers: 2,
  },
});
