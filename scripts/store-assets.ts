/**
 * `npm run store-assets`: the store listing's images, taken from the real extension. Builds the Chrome
 * package, loads it into Chromium, and writes to docs/store-assets/:
 *
 * - four 1280×800 screenshots: a hover card on a news-like page, a former name with its era, the popup
 *   answering a search (the real popup, placed over the real page as the toolbar shows it), the options page;
 * - the 440×280 small promo tile (drawn in HTML with the extension's own icon).
 *
 * All are 24-bit PNGs without alpha, as the Chrome Web Store asks; tests/store-assets.test.ts checks them.
 * The icons themselves come from scripts/make-icons.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CARD_HOST_NAME } from '../src/card/host-name';
import { CHROMIUM_FLAGS, extensionFlags, findChromium, MISSING_CHROMIUM_MESSAGE, PROJECT_ROOT } from '../e2e/paths';
import { decodePng, encodePng, flattenToRgb } from './release/png';
import { serveFolder } from './static-server';

const OUT_DIR = path.join(PROJECT_ROOT, '.output-store-assets');
const EXTENSION_DIR = path.join(OUT_DIR, 'chrome-mv3');
const PAGES_DIR = path.join(PROJECT_ROOT, 'scripts', 'store-assets');
const ASSETS_DIR = path.join(PROJECT_ROOT, 'docs', 'store-assets');
const SCREENSHOT = { width: 1280, height: 800 } as const;
const PROMO_TILE = { width: 440, height: 280 } as const;
/** The popup's width in Chrome's toolbar bubble (its CSS width); its height is what its content needs, up to Chrome's 600 px. */
const POPUP = { width: 400, maxHeight: 600 } as const;
const POINTER_STEPS = 12;
const FRAME_MS = 16;
/** How long the first scan and the card may take on a loaded two-core machine. */
const WAIT_MS = 15_000;

/** Writes `png` (a screenshot) as a 24-bit PNG without alpha and says so. */
function writeRgbPng(file: string, png: Buffer): void {
  writeFileSync(path.join(ASSETS_DIR, file), encodePng(flattenToRgb(decodePng(png))));
  console.log(`wrote docs/store-assets/${file}`);
}

/** Rests the pointer on the first occurrence of `text` inside `selector` and waits for the card to settle. */
async function openCard(page: Page, selector: string, text: string, cardPart: string): Promise<void> {
  const point = await page.evaluate(
    ({ selector, text }) => {
      const walker = document.createTreeWalker(document.querySelector(selector)!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const r = range.getClientRects()[0];
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      throw new Error(`"${text}" not in ${selector}`);
    },
    { selector, text },
  );
  // As a reader's hand does: in small steps, one per frame, then resting on the mention.
  const start = { x: point.x - 50, y: point.y + 40 };
  await page.mouse.move(start.x, start.y);
  for (let i = 1; i <= POINTER_STEPS; i++) {
    await page.mouse.move(start.x + ((point.x - start.x) * i) / POINTER_STEPS, start.y + ((point.y - start.y) * i) / POINTER_STEPS);
    await page.waitForTimeout(FRAME_MS);
  }
  await page.locator(`${CARD_HOST_NAME} ${cardPart}`).waitFor({ timeout: WAIT_MS });
  await page.locator(`${CARD_HOST_NAME} .card`).evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
}

/** Moves the pointer off the card and waits until it has closed. */
async function closeCard(page: Page): Promise<void> {
  await page.mouse.move(5, 5, { steps: 4 });
  await page.locator(`${CARD_HOST_NAME} .card`).waitFor({ state: 'hidden', timeout: WAIT_MS });
}

async function newsPage(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/news.html`);
  // The highlight names are random per document; the stylesheet's second rule is the former names' (src/page/highlighter.ts).
  await page.waitForFunction(
    () => {
      const sheet = document.adoptedStyleSheets.find((s) => s.cssRules[0]?.cssText.startsWith('::highlight('));
      const former = sheet ? /^::highlight\(([^)]+)\)/.exec(sheet.cssRules[1]?.cssText ?? '')?.[1] : undefined;
      return Boolean(former && (CSS.highlights.get(former)?.size ?? 0) > 0);
    },
    undefined,
    { timeout: WAIT_MS },
  );
  return page;
}

/** The real popup, shot on its own, then placed at the top right of the real page as Chrome shows it. */
async function popupOverPage(context: BrowserContext, page: Page, extensionId: string, query: string): Promise<Buffer> {
  await page.bringToFront();
  const [worker] = context.serviceWorkers();
  const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  const popup = await context.newPage();
  await popup.setViewportSize({ width: POPUP.width, height: POPUP.maxHeight });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}&q=${encodeURIComponent(query)}`);
  await popup.getByTestId('search-result').first().waitFor({ timeout: WAIT_MS });
  const contentHeight = await popup.evaluate(() => document.documentElement.getBoundingClientRect().height);
  await popup.setViewportSize({ width: POPUP.width, height: Math.min(POPUP.maxHeight, Math.ceil(contentHeight)) });
  const popupPng = await popup.screenshot();
  await popup.close();
  const pagePng = await page.screenshot();
  const composer = await context.newPage();
  await composer.setViewportSize(SCREENSHOT);
  const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
  await composer.setContent(`<!doctype html><body style="margin:0;position:relative;width:${SCREENSHOT.width}px;height:${SCREENSHOT.height}px;overflow:hidden">
    <img src="${dataUrl(pagePng)}" style="position:absolute;inset:0">
    <img src="${dataUrl(popupPng)}" style="position:absolute;top:8px;right:16px;border-radius:8px;box-shadow:0 4px 24px rgba(0,0,0,.35),0 0 0 1px rgba(0,0,0,.12)">
  </body>`);
  await composer.locator('img').last().evaluate((img: HTMLImageElement) => img.decode());
  const shot = await composer.screenshot();
  await composer.close();
  return shot;
}

async function promoTile(context: BrowserContext): Promise<Buffer> {
  const icon = readFileSync(path.join(PROJECT_ROOT, 'public', 'icon', '128.png')).toString('base64');
  const tile = await context.newPage();
  await tile.setViewportSize(PROMO_TILE);
  await tile.setContent(`<!doctype html><html><body style="margin:0;width:${PROMO_TILE.width}px;height:${PROMO_TILE.height}px;
      background:#f7f4ec;color:#14213d;border-top:6px solid #103e8c;font-family:system-ui,sans-serif;display:flex;align-items:center;gap:8px;box-sizing:border-box;padding:0 28px 0 12px">
    <img src="data:image/png;base64,${icon}" width="128" height="128" alt="">
    <div>
      <div style="font-weight:700;font-size:34px;line-height:1.1;color:#103e8c">IOM Lens</div>
      <div style="font-size:15px;line-height:1.4;margin-top:8px">Explains mentions of the International Organization for Migration on any page.</div>
      <div style="font-size:13px;margin-top:12px"><span style="background:#ffc400;color:#14213d;padding:1px 5px;border-radius:3px">ICEM</span>&nbsp; name of IOM 1952–1980</div>
      <div style="font-size:12px;margin-top:14px;color:#4a5568">Unofficial · not affiliated with IOM</div>
    </div>
  </body></html>`);
  await tile.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  const shot = await tile.screenshot();
  await tile.close();
  return shot;
}

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);
  console.log('Building the Chrome package (npx wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, IOM_LENS_OUT_DIR: OUT_DIR } });
  mkdirSync(ASSETS_DIR, { recursive: true });

  const server = await serveFolder(PAGES_DIR);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'iom-lens-store-assets-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...extensionFlags(EXTENSION_DIR)],
    viewport: SCREENSHOT,
    deviceScaleFactor: 1,
    locale: 'en-GB',
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: WAIT_MS }));
    const extensionId = new URL(worker.url()).host;

    const page = await newsPage(context, server.origin);
    await openCard(page, '#lead', 'International Organization for Migration', '.summary');
    writeRgbPng('screenshot-1-card.png', await page.screenshot({ animations: 'disabled' }));

    await closeCard(page);
    await page.locator('#history-title').evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
    await openCard(page, '#history', 'ICEM', '.era');
    writeRgbPng('screenshot-2-former-name.png', await page.screenshot({ animations: 'disabled' }));

    await closeCard(page);
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    writeRgbPng('screenshot-3-popup-search.png', await popupOverPage(context, page, extensionId, 'when was it founded'));

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('heading', { level: 1 }).waitFor();
    writeRgbPng('screenshot-4-options.png', await options.screenshot());

    writeRgbPng('promo-tile-440x280.png', await promoTile(context));
  } finally {
    await context.close();
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
