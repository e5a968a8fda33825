import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveFolder } from '../scripts/static-server';
import { CHROMIUM_FLAGS, EXTENSION_DIR, extensionFlags, findChromium, MISSING_CHROMIUM_MESSAGE } from './paths';

const FIXTURE_DIR = path.join(import.meta.dirname, 'fixtures');
const SERVICE_WORKER_WAIT_MS = 15_000;

export interface ExtensionFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** http://127.0.0.1:PORT serving e2e/fixtures */
  fixtureOrigin: string;
  /** Same server reached as http://localhost:PORT: a second "site" for per-site settings. */
  otherSiteOrigin: string;
  /** Opens an extension page (popup.html, options.html) in a new tab. */
  openExtensionPage: (file: string) => Promise<Page>;
}

export const test = base.extend<ExtensionFixtures, { fixtureServer: { origin: string } }>({
  fixtureServer: [
    async ({}, use) => {
      const { origin, close } = await serveFolder(FIXTURE_DIR);
      await use({ origin });
      await close();
    },
    { scope: 'worker' },
  ],
  context: async ({}, use) => {
    const executablePath = findChromium();
    if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'iom-lens-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS, ...extensionFlags(EXTENSION_DIR)],
      viewport: { width: 1280, height: 800 },
    });
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: SERVICE_WORKER_WAIT_MS });
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  fixtureOrigin: async ({ fixtureServer }, use) => {
    await use(fixtureServer.origin);
  },
  otherSiteOrigin: async ({ fixtureServer }, use) => {
    await use(fixtureServer.origin.replace('127.0.0.1', 'localhost'));
  },
  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (file: string) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${file}`);
      return page;
    });
  },
});

export const expect = test.expect;
