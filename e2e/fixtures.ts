import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_FLAGS, EXTENSION_DIR, extensionFlags, findChromium, MISSING_CHROMIUM_MESSAGE } from './paths';

const FIXTURE_DIR = path.join(import.meta.dirname, 'fixtures');
const SERVICE_WORKER_WAIT_MS = 15_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

/** Serves e2e/fixtures on 127.0.0.1 at a free port. Any path under /other-host/ is the same files (for per-site tests use 127.0.0.1 vs localhost). */
async function startFixtureServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = path.join(FIXTURE_DIR, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (!file.startsWith(FIXTURE_DIR)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fixture server has no port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

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
      const { server, origin } = await startFixtureServer();
      await use({ origin });
      await new Promise((resolve) => server.close(resolve));
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
