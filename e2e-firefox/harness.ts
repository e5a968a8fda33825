import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Browser as WebExtensionApi } from 'webextension-polyfill';
import { serveFolder } from '../scripts/static-server';
import { ENTITY_KINDS, type EntityKind } from '../src/entities/types';

/**
 * Drives the Firefox builds in Firefox ESR over WebDriver BiDi with puppeteer-core
 * (Playwright cannot load extensions into Firefox). What this machine taught us:
 * - `browser.installExtension` wants an absolute path to the unpacked build;
 * - `moz-extension://` pages only open with the `-remote-allow-system-access` argument;
 * - the extension's UUID (its moz-extension:// host) is pinned with `extensions.webextensions.uuids`;
 * - extension pages are opened with `goto(url, { waitUntil: [] })` (their load event is not reported),
 *   then the test waits for an element.
 */
const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
const OUT_DIR = path.join(PROJECT_ROOT, '.output-e2e-firefox');
const FIXTURE_DIR = path.join(PROJECT_ROOT, 'e2e', 'fixtures');
const GECKO_ID = 'iom-lens@iom-lens.invalid';
/** Any fixed v4 UUID: extension pages are then moz-extension://EXTENSION_UUID/… */
const EXTENSION_UUID = '6f1e2d3c-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
/**
 * puppeteer points Firefox's own services (remote settings, blocklists) at this reserved host; with
 * MOZ_REMOTE_SETTINGS_DEVTOOLS=1 Firefox honours that instead of calling Mozilla's servers. Requests there are
 * Firefox's, not the extension's.
 */
const FIREFOX_SERVICES_SINK = 'dummy.test';

const FIREFOX_CANDIDATES = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(
  (p): p is string => Boolean(p),
);

function findFirefox(): string | undefined {
  return FIREFOX_CANDIDATES.find((p) => existsSync(p));
}

const MISSING_FIREFOX_MESSAGE = [
  'The Firefox suite needs Firefox ESR, and none was found.',
  `Looked at: ${FIREFOX_CANDIDATES.join(', ')}.`,
  'Install it with:  bash scripts/install-firefox.sh   (apt-get install firefox-esr),',
  'or point FIREFOX_PATH at a Firefox binary.',
].join('\n');

export type FirefoxTarget = 'firefox-mv2' | 'firefox-mv3';

/** Builds the target into .output-e2e-firefox/<target> (skipped with E2E_SKIP_BUILD=1) and returns its absolute path. */
export function buildFirefox(target: FirefoxTarget): string {
  const dir = path.join(OUT_DIR, target);
  if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync(dir)) {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', ...(target === 'firefox-mv3' ? ['--mv3'] : [])], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, IOM_LENS_OUT_DIR: OUT_DIR },
    });
  }
  return dir;
}

export interface FirefoxSession {
  browser: Browser;
  /** http://127.0.0.1:PORT serving e2e/fixtures */
  origin: string;
  /** The same server as http://localhost:PORT: a second site. */
  otherOrigin: string;
  /** Every request Firefox made to anywhere but its own services sink, as "METHOD URL". */
  requests: string[];
  /** Lines Firefox printed that are errors or warnings from the extension. */
  extensionConsole: string[];
  close: () => Promise<void>;
}

/**
 * Extension code prefixes every console message with "[IOM Lens]" (src/…), and Firefox reports uncaught
 * errors with their moz-extension:// URL. Firefox dumps both to its stdout with the devtools.console.stdout
 * prefs; content scripts' messages are not reported to BiDi's log, so stdout is the one place to see all.
 */
const EXTENSION_CONSOLE_LINE = new RegExp(
  String.raw`^(?:console\.(?:error|warn): .*\[IOM Lens\]|JavaScript error: moz-extension://${EXTENSION_UUID}/)`,
);

/**
 * Serves the fixtures and launches Firefox with the build installed. The fixture server is also Firefox's
 * proxy for every URL (localhost included), so it sees each request the browser makes: pages, subresources,
 * extension fetches, and CONNECTs for https, which it refuses.
 */
export async function launchFirefox(extensionDir: string): Promise<FirefoxSession> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(MISSING_FIREFOX_MESSAGE);
  const server = await serveFolder(FIXTURE_DIR);
  const port = Number(new URL(server.origin).port);
  const requests: string[] = [];
  const record = (req: IncomingMessage) => {
    if (new URL(req.url ?? '/', 'http://unknown').hostname !== FIREFOX_SERVICES_SINK) requests.push(`${req.method} ${req.url}`);
  };
  server.server.on('request', record);
  server.server.on('connect', (req, socket) => {
    if (!req.url?.startsWith(`${FIREFOX_SERVICES_SINK}:`)) requests.push(`CONNECT ${req.url}`);
    socket.destroy();
  });

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    args: ['-remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 800 },
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'devtools.console.stdout.chrome': true,
      'devtools.console.stdout.content': true,
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
    },
  });
  const extensionConsole: string[] = [];
  let pending = '';
  const onOutput = (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    extensionConsole.push(...lines.filter((l) => EXTENSION_CONSOLE_LINE.test(l)));
  };
  browser.process()?.stdout?.on('data', onOutput);
  browser.process()?.stderr?.on('data', onOutput);

  const installed = await browser.installExtension(extensionDir);
  if (installed !== GECKO_ID) throw new Error(`installed ${installed}, expected ${GECKO_ID}`);
  return {
    browser,
    origin: server.origin,
    otherOrigin: server.origin.replace('127.0.0.1', 'localhost'),
    requests,
    extensionConsole,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Firefox's own `browser` global in an extension page (typed for page.evaluate callbacks). */
export type ExtensionPageGlobal = { browser: WebExtensionApi };

/** Opens an extension page (popup.html, options.html…) in a new tab and waits for `selector` in it. */
export async function openExtensionPage(browser: Browser, file: string, selector: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`moz-extension://${EXTENSION_UUID}/${file}`, { waitUntil: [] });
  await page.waitForSelector(selector);
  return page;
}

/**
 * The WebExtension tab id of `page`: brings it to the front and asks an extension page for the active tab
 * (without the "tabs" permission other tabs' URLs are hidden, so they cannot be matched by URL).
 */
export async function tabIdOf(page: Page, extensionPage: Page): Promise<number> {
  await page.bringToFront();
  const id = await extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as ExtensionPageGlobal).browser;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  if (id === undefined) throw new Error('no active tab');
  return id;
}

/**
 * IOM Lens's highlight names by kind, read in the page: they are random per document; its
 * adopted stylesheet has one `::highlight()` rule per kind in ENTITY_KINDS order
 * (src/page/highlighter.ts; the Chromium suite's e2e/page-helpers.ts reads them the same way).
 */
async function highlightNames(page: Page): Promise<Record<string, string>> {
  const names = await page.evaluate(() => {
    for (const sheet of document.adoptedStyleSheets) {
      const found = [...sheet.cssRules].flatMap((rule) => {
        const match = rule instanceof CSSStyleRule ? /^::highlight\(([^)]+)\)$/.exec(rule.selectorText) : null;
        return match ? [match[1]] : [];
      });
      if (found.length) return found;
    }
    return [];
  });
  return Object.fromEntries(names.slice(0, ENTITY_KINDS.length).map((name, i) => [ENTITY_KINDS[i], name]));
}

/** Sizes of the page's IOM Lens highlights by kind, read in the page (CSS.highlights is per document). */
export async function highlightSizes(page: Page): Promise<Record<string, number>> {
  const names = await highlightNames(page);
  return page.evaluate((byKind) => {
    const sizes: Record<string, number> = {};
    for (const [kind, name] of Object.entries(byKind)) {
      const size = CSS.highlights.get(name)?.size ?? 0;
      if (size > 0) sizes[kind] = size;
    }
    return sizes;
  }, names);
}

export const totalHighlights = async (page: Page) => Object.values(await highlightSizes(page)).reduce((a, b) => a + b, 0);

/** The texts of the ranges IOM Lens paints for one kind. */
export async function highlightTexts(page: Page, kind: EntityKind): Promise<string[]> {
  const name = (await highlightNames(page))[kind] ?? '';
  return page.evaluate((n) => {
    const highlight = CSS.highlights.get(n);
    return highlight
      ? [...(highlight as unknown as Set<AbstractRange>)].map((r) => {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          return range.toString();
        })
      : [];
  }, name);
}

/** How long a condition may take to come true: a build's first scan, a settings change reaching a tab. */
const WAIT_MS = 10_000;
const POLL_MS = 50;

/** Polls `read` until `accept` holds (for at most `timeoutMs`), or fails with the last value seen. */
export async function waitUntil<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    last = await read();
  }
  return last;
}

/** Rests the pointer on the first occurrence of `text` inside `selector`, arriving in small steps like a hand. */
export async function hoverText(page: Page, selector: string, text: string): Promise<void> {
  const r = await page.evaluate(
    (sel, t) => {
      const root = document.querySelector(sel);
      const walker = document.createTreeWalker(root ?? document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(t);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + t.length);
        const rect = range.getClientRects()[0];
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }
      return null;
    },
    selector,
    text,
  );
  if (!r) throw new Error(`"${text}" not found in ${selector}`);
  await page.mouse.move(r.x - 40, r.y + 30);
  await page.mouse.move(r.x, r.y, { steps: 12 });
}

/** Text of an element inside the card's open shadow root, or null while there is none. */
export function cardText(page: Page, selector: string): Promise<string | null> {
  return page.evaluate(
    (sel) => document.querySelector('iom-lens-card')?.shadowRoot?.querySelector(sel)?.textContent ?? null,
    selector,
  );
}
