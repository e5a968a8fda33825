/**
 * `npm start`: the newcomer's first run. Builds the extension, serves the bundled
 * demo page on 127.0.0.1 and opens Chromium with IOM Lens loaded on it. Without a
 * display it runs headless instead and writes screenshots of the demo page (the
 * page, and a hover card open on a mention) to demo-screenshots/.
 *
 *   npm start               # window if there is a display, headless otherwise
 *   npm start -- --headless # always headless, screenshots only
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { serveFolder } from './static-server';
import { openDemoPdf, screenshotPdfCard } from './demo-pdf';
import { CARD_HOST_NAME } from '../src/card/host-name';
import { CHROMIUM_FLAGS, extensionFlags, findChromium, MISSING_CHROMIUM_MESSAGE, PROJECT_ROOT } from '../e2e/paths';

const OUT_DIR = path.join(PROJECT_ROOT, '.output');
const EXTENSION_DIR = path.join(OUT_DIR, 'chrome-mv3');
const DEMO_DIR = path.join(PROJECT_ROOT, 'scripts', 'demo');
const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'demo-screenshots');
/** How long to wait for the content script's first scan on the demo page. */
const FIRST_SCAN_WAIT_MS = 15_000;
/** Pointer steps when moving onto a mention: slow enough to count as resting, not passing by. */
const POINTER_STEPS = 12;
/** The card opens after the configured open delay; give it that and some slack. */
const CARD_WAIT_MS = 5_000;

function loadUnpackedHelp(): string {
  return [
    'To load the build into your own browser:',
    `  Chrome/Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked", choose ${EXTENSION_DIR}`,
    '  Firefox: npm run build:firefox, then about:debugging#/runtime/this-firefox → "Load Temporary Add-on…" →',
    `           ${path.join(OUT_DIR, 'firefox-mv2', 'manifest.json')}`,
  ].join('\n');
}

/** Rests the pointer on the first mention of a former name (the card with the most to show), else any mention. */
async function hoverFirstMention(page: Page): Promise<boolean> {
  const point = await page.evaluate(() => {
    // The demo page registers no highlight of its own: every one is IOM Lens's. Its names are random;
    // its stylesheet's rules follow ENTITY_KINDS, where the former names' come second (src/page/highlighter.ts).
    const sheet = document.adoptedStyleSheets.find((s) => s.cssRules[0]?.cssText.startsWith('::highlight('));
    const former = sheet ? /^::highlight\(([^)]+)\)/.exec(sheet.cssRules[1]?.cssText ?? '')?.[1] : undefined;
    const names = [...CSS.highlights.keys()];
    names.sort((a, b) => Number(b === former) - Number(a === former));
    for (const name of names) {
      for (const range of CSS.highlights.get(name) ?? []) {
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        const rect = live.getClientRects()[0];
        if (rect) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    return null;
  });
  if (!point) return false;
  await page.mouse.move(point.x - 60, point.y + 40);
  await page.mouse.move(point.x, point.y, { steps: POINTER_STEPS });
  return true;
}

async function main(): Promise<void> {
  const forceHeadless = process.argv.includes('--headless');
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(MISSING_CHROMIUM_MESSAGE);
    process.exit(1);
  }

  console.log('Building IOM Lens (npx wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit', env: { ...process.env, IOM_LENS_OUT_DIR: OUT_DIR } });

  const { origin, close } = await serveFolder(DEMO_DIR);
  const demoUrl = `${origin}/index.html`;
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const headless = forceHeadless || !hasDisplay;
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'iom-lens-demo-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless,
    args: [...CHROMIUM_FLAGS, ...extensionFlags(EXTENSION_DIR)],
    viewport: headless ? { width: 1200, height: 900 } : null,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(demoUrl);
  const pdfPage = await openDemoPdf(context, DEMO_DIR, origin);
  await page.bringToFront();

  if (!headless) {
    console.log(`Chromium is open on the demo page ${demoUrl} with IOM Lens loaded. Close the window to stop.`);
    console.log(loadUnpackedHelp());
    await new Promise<void>((resolve) => context.on('close', () => resolve()));
  } else {
    console.log(hasDisplay ? 'Headless run (--headless).' : 'No display found (DISPLAY is not set): running Chromium headless.');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const scanned = await page
      .waitForFunction(() => CSS.highlights.size > 0, undefined, { timeout: FIRST_SCAN_WAIT_MS })
      .then(() => true, () => false);
    const pageShot = path.join(SCREENSHOT_DIR, 'demo-page.png');
    await page.screenshot({ path: pageShot, fullPage: true });
    console.log(`Wrote ${pageShot}${scanned ? '' : ' (warning: no highlights appeared on the demo page)'}`);
    if (scanned && (await hoverFirstMention(page))) {
      const cardShown = await page
        .waitForFunction((host) => Boolean(document.querySelector(host)?.shadowRoot?.querySelector('[role="dialog"]')), CARD_HOST_NAME, { timeout: CARD_WAIT_MS })
        .then(() => true, () => false);
      const cardShot = path.join(SCREENSHOT_DIR, 'demo-card.png');
      await page.screenshot({ path: cardShot, animations: 'disabled' });
      console.log(`Wrote ${cardShot}${cardShown ? '' : ' (warning: the hover card did not appear)'}`);
    }
    const pdfShot = path.join(SCREENSHOT_DIR, 'demo-pdf-card.png');
    if (await screenshotPdfCard(pdfPage, pdfShot)) console.log(`Wrote ${pdfShot}`);
    console.log(loadUnpackedHelp());
    await context.close();
  }
  await close();
  rmSync(userDataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
