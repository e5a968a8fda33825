import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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

/**
 * Records every request of a test: pages, frames, extension pages and the extension's
 * service worker (Playwright reports service-worker requests on the context in Chromium),
 * and every WebSocket a page opens. IOM Lens promises no network use, so anything that
 * is not the test server or the extension's own files fails the test.
 */
/**
 * Chromium's id for an unpacked extension: the SHA-256 of its absolute path, first 32 hex
 * digits written with the letters a–p. Known without the service worker, which may be
 * asleep when a test ends.
 */
function unpackedExtensionId(extensionDir: string): string {
  const hex = createHash('sha256').update(path.resolve(extensionDir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/** The component extension that is Chrome's built-in PDF viewer. */
const CHROME_PDF_VIEWER_ID = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';

function recordRequests(context: BrowserContext) {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(`${request.serviceWorker() ? '[service worker] ' : ''}${request.url()}`));
  context.on('page', (page) => page.on('websocket', (socket) => urls.push(`[websocket] ${socket.url()}`)));
  return {
    strays(serverOrigin: string): string[] {
      // protocol//host, not URL.origin: that is "null" for chrome-extension: URLs in Node.
      const siteOf = (url: URL) => `${url.protocol}//${url.host}`;
      const allowed = new Set([serverOrigin, serverOrigin.replace('127.0.0.1', 'localhost')]);
      allowed.add(`chrome-extension://${unpackedExtensionId(EXTENSION_DIR)}`);
      // Not network requests: Chrome's own PDF viewer (the reader's fallback), and the URL Chrome
      // substitutes when a page asks for an extension file that is not web-accessible.
      allowed.add(`chrome-extension://${CHROME_PDF_VIEWER_ID}`);
      allowed.add('chrome-extension://invalid');
      return urls.filter((entry) => {
        const url = entry.replace(/^\[[a-z ]+\] /, '');
        // chrome:// is the browser's own bundled UI (its PDF viewer's styles and scripts), never the network.
        if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('chrome://')) return false;
        // The tests' own local files (fixtures opened by file:// path) never leave the machine.
        if (url.startsWith(pathToFileURL(FIXTURE_DIR).href + '/')) return false;
        try {
          return !allowed.has(siteOf(new URL(url)));
        } catch {
          return true;
        }
      });
    },
  };
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
  context: async ({ fixtureServer }, use) => {
    const executablePath = findChromium();
    if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'iom-lens-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS, ...extensionFlags(EXTENSION_DIR)],
      viewport: { width: 1280, height: 800 },
    });
    const requests = recordRequests(context);
    await use(context);
    const strays = requests.strays(fixtureServer.origin);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    expect(strays, 'requests to anything but the test server and the extension\'s own files').toEqual([]);
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
