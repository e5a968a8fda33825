import { defineConfig } from '@playwright/test';

// Kept under e2e/ so the project's top level stays the fixed layout; `npm run test:e2e` passes --config.
// One worker: every test launches its own Chromium with the extension, and the
// machines this runs on have two cores.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '../test-results',
});
