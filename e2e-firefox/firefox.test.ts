import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { writePdfFixtures } from '../scripts/make-pdf-fixtures';
import { ARABIC_IOM_NAME } from '../scripts/hand-built-pdfs';
import {
  buildFirefox,
  cardText,
  type ExtensionPageGlobal,
  type FirefoxSession,
  type FirefoxTarget,
  highlightSizes,
  highlightTexts,
  hoverText,
  launchFirefox,
  openExtensionPage,
  tabIdOf,
  totalHighlights,
  waitUntil,
} from './harness';

/** The PDFs the Chrome suite opens too (e2e/pdf-helpers.ts), generated where the fixture server serves them. */
const PDF_FIXTURE_DIR = path.join(import.meta.dirname, '..', 'e2e', 'fixtures', 'pdf-generated');
const PDF_PATH = '/pdf-generated';
/** The reader's status text, once it has a PDF or is asking for one. */
const READER_STATUS = '#status';
/** Reading a whole PDF (fetch, pdf.js's worker, every page's text) takes longer than a web page's scan on a busy machine. */
const PDF_WAIT_MS = 30_000;
const PDF_STEP_TIMEOUT_MS = 90_000;

/** The PDF items of the context menu (src/background/pdf-menu.ts). */
const OPEN_PDF_MENU_ID = 'iom-lens-open-pdf';
const OPEN_PDF_LINK_MENU_ID = 'iom-lens-open-pdf-link';

/**
 * Runs `expression` (returning JSON) in the browser window's own document, over WebDriver BiDi's chrome
 * scope (open to the session as the harness launches Firefox with -remote-allow-system-access): no page
 * or test can click a context menu, but the window's menu can be read and one of its items chosen.
 */
async function inBrowserWindow<T>(browser: Browser, expression: string): Promise<T> {
  type Bidi = { send(method: string, params: object): Promise<{ result: unknown }> };
  const { connection } = browser as unknown as { connection: Bidi };
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as { contexts: { context: string; url: string }[] };
  const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('no browser window in the chrome scope');
  const reply = (await connection.send('script.evaluate', { expression, target: { context: window.context }, awaitPromise: true })).result as {
    type: string;
    result?: { value?: string };
    exceptionDetails?: unknown;
  };
  if (reply.type !== 'success' || typeof reply.result?.value !== 'string') throw new Error(`in the browser window: ${JSON.stringify(reply)}`);
  return JSON.parse(reply.result.value) as T;
}

/** The page context menu's items, as the browser builds them: its IOM Lens items end in "-menuitem-_" + their menus id. */
const MENU_JS = `const menu = document.getElementById('contentAreaContextMenu');
  const ours = () => [...menu.querySelectorAll('menuitem')].filter((item) => /-menuitem-_iom-lens-open-pdf/.test(item.id));`;

/** Right-clicks an element (or a point) of `page` as a user does, and lists the PDF items of the menu that opens. */
async function openContextMenu(browser: Browser, page: Page, where: string | { x: number; y: number }): Promise<string[]> {
  let point = where;
  if (typeof point === 'string') {
    const box = await (await page.waitForSelector(point))!.boundingBox();
    point = { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 };
  }
  await page.mouse.click(point.x, point.y, { button: 'right' });
  await waitUntil('the context menu', () => inBrowserWindow<string>(browser, `(() => { ${MENU_JS} return JSON.stringify(menu.state); })()`), (state) => state === 'open', PDF_WAIT_MS);
  return inBrowserWindow<string[]>(browser, `(() => { ${MENU_JS} return JSON.stringify(ours().filter((item) => !item.hidden).map((item) => item.id.replace(/^.*-menuitem-_/, ''))); })()`);
}

async function closeContextMenu(browser: Browser): Promise<void> {
  await inBrowserWindow(browser, `(() => { ${MENU_JS} menu.hidePopup(); return 'null'; })()`);
}

/** Chooses an item of the open context menu the way a click on it does (XULPopupElement.activateItem). */
async function chooseContextMenuItem(browser: Browser, menuId: string): Promise<void> {
  const chosen = await inBrowserWindow<boolean>(
    browser,
    `(() => { ${MENU_JS} const item = ours().find((i) => i.id.endsWith('-menuitem-_' + ${JSON.stringify(menuId)})); if (item) menu.activateItem(item); return JSON.stringify(Boolean(item)); })()`,
  );
  assert.ok(chosen, `no ${menuId} item in the context menu`);
}

/** A launch, an install and a build take seconds; a step that waits on the extension polls for at most harness.ts WAIT_MS per condition. */
const SETUP_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 30_000;
const SEARCH_BOX = 'input[role="combobox"]';

/** One browser per build; the steps run in order and share it (one Firefox launch is ~4 s on two cores). */
function suiteFor(target: FirefoxTarget, manifestVersion: 2 | 3) {
  describe(`Firefox ESR, ${target}`, () => {
    let session: FirefoxSession;
    /** The card fixture: every kind of mention, the page the later steps look at. */
    let page: Page;
    let pageTabId: number;
    /** An extension page kept open to ask the WebExtension APIs (tab ids). */
    let helper: Page;

    before(async () => {
      await writePdfFixtures(PDF_FIXTURE_DIR);
      session = await launchFirefox(buildFirefox(target));
    }, { timeout: SETUP_TIMEOUT_MS });
    after(() => session?.close());

    it('installs: the manifest names it, unofficially, with its Firefox id', { timeout: STEP_TIMEOUT_MS }, async () => {
      helper = await openExtensionPage(session.browser, 'popup.html', SEARCH_BOX);
      const { id, manifest } = await helper.evaluate(() => {
        const { runtime } = (globalThis as unknown as ExtensionPageGlobal).browser;
        return { id: runtime.id, manifest: runtime.getManifest() };
      });
      assert.equal(id, 'iom-lens@iom-lens.invalid');
      assert.equal(manifest.manifest_version, manifestVersion);
      assert.equal(manifest.name, 'IOM Lens (unofficial)');
      assert.match(manifest.description ?? '', /not affiliated/i);
    });

    it('highlights the mentions on a page, by kind', { timeout: STEP_TIMEOUT_MS }, async () => {
      page = await session.browser.newPage();
      await page.goto(`${session.origin}/page-card.html`);
      const sizes = await waitUntil('highlights', () => highlightSizes(page), (s) => (s['former-name'] ?? 0) > 0);
      assert.ok(sizes['org'] > 0, JSON.stringify(sizes));
      assert.ok((await highlightTexts(page, 'org')).includes('International Organization for Migration'));
      assert.ok((await highlightTexts(page, 'former-name')).includes('ICEM'));
      pageTabId = await tabIdOf(page, helper);
      // Detected by the background's detector (the event page here): the page created none of its own.
      const timing = await helper.evaluate(async (tabId) => {
        const stats = (await (globalThis as unknown as ExtensionPageGlobal).browser.tabs.sendMessage(tabId, { type: 'page:stats' }, { frameId: 0 })) as {
          pipeline: { timing: { chunks: number; createMs: number } } | null;
        };
        return stats.pipeline?.timing ?? null;
      }, pageTabId);
      assert.ok(timing && timing.chunks > 0, JSON.stringify(timing));
      assert.equal(timing.createMs, 0);
    });

    it('marks nothing on an Isle of Man page, and the popup says so', { timeout: STEP_TIMEOUT_MS }, async () => {
      const isleOfMan = await session.browser.newPage();
      await isleOfMan.goto(`${session.origin}/page-isle-of-man.html`);
      const popup = await openExtensionPage(session.browser, `popup.html?tab=${await tabIdOf(isleOfMan, helper)}`, SEARCH_BOX);
      // The popup's answer comes from the tab's content script, after it has read the page.
      await popup.waitForFunction(() => document.body.innerText.includes('No mentions of IOM on this page.'));
      assert.deepEqual(await highlightSizes(isleOfMan), {});
      await Promise.all([popup.close(), isleOfMan.close()]);
    });

    it('opens a hover card on a former name, with its era', { timeout: STEP_TIMEOUT_MS }, async () => {
      await page.bringToFront();
      await hoverText(page, '#former', 'ICEM');
      const era = await waitUntil('the card', () => cardText(page, '.era'), (t) => t !== null);
      assert.equal(era, 'ICEM — name of IOM 1952–1980');
      assert.match((await cardText(page, '.source')) ?? '', /CC BY-SA/);
      await page.mouse.move(5, 700);
    });

    it('answers a search in the popup', { timeout: STEP_TIMEOUT_MS }, async () => {
      const popup = await openExtensionPage(session.browser, 'popup.html', SEARCH_BOX);
      await popup.type(SEARCH_BOX, 'trafficking');
      const firstPath = await popup.waitForSelector('[data-testid="search-result"] [data-testid="result-path"]');
      assert.equal(await firstPath!.evaluate((el) => el.textContent), 'Activities › Counter Trafficking');
      await popup.close();
    });

    it('options: turning a kind off applies live to the open page, and back on', { timeout: STEP_TIMEOUT_MS }, async () => {
      const options = await openExtensionPage(session.browser, 'options.html', 'input[name="kind-former-name"]');
      assert.equal(await options.$eval('h1', (h) => h.textContent), 'IOM Lens options');
      await options.click('input[name="kind-former-name"]');
      await waitUntil('former names to go', () => highlightSizes(page), (s) => !s['former-name']);
      assert.ok((await highlightSizes(page))['org'] > 0, 'the other kinds stay');
      await options.click('input[name="kind-former-name"]');
      await waitUntil('former names to return', () => highlightSizes(page), (s) => (s['former-name'] ?? 0) > 0);
      await options.close();
    });

    it('the per-site switch turns the site off live, other sites keep their marks, and on again', { timeout: STEP_TIMEOUT_MS }, async () => {
      const otherSite = await session.browser.newPage();
      await otherSite.goto(`${session.otherOrigin}/page-card.html`);
      await waitUntil('highlights on the other site', () => totalHighlights(otherSite), (n) => n > 0);
      const popup = await openExtensionPage(session.browser, `popup.html?tab=${pageTabId}`, 'input[role="switch"]');
      const siteSwitch = await popup.waitForSelector('::-p-aria([name="Highlight on 127.0.0.1"][role="switch"])');
      assert.equal(await siteSwitch!.evaluate((el) => (el as HTMLInputElement).checked), true);
      await siteSwitch!.click();
      await waitUntil('the site to lose its marks', () => totalHighlights(page), (n) => n === 0);
      assert.ok((await totalHighlights(otherSite)) > 0, 'localhost keeps its highlights');
      await siteSwitch!.click();
      await waitUntil('the marks to return', () => totalHighlights(page), (n) => n > 0);
      await Promise.all([popup.close(), otherSite.close()]);
    });

    it('a PDF tab: the popup offers "Open this PDF in IOM Lens", and the reader loads it with the mentions marked', { timeout: PDF_STEP_TIMEOUT_MS }, async () => {
      const pdfUrl = `${session.origin}${PDF_PATH}/report-20.pdf`;
      const pdfTab = await session.browser.newPage();
      await pdfTab.goto(pdfUrl);
      const popup = await openExtensionPage(session.browser, `popup.html?tab=${await tabIdOf(pdfTab, helper)}`, SEARCH_BOX);
      const offer = await popup.waitForSelector('[data-testid="pdf-offer"]');
      assert.equal(await offer!.evaluate((el) => el.textContent), 'Open this PDF in IOM Lens');
      assert.match(await popup.$eval('#pdf-offer-note', (el) => el.textContent ?? ''), /cannot read the browser's own PDF viewer/);
      const before = session.requests.length;
      await offer!.click();
      // The tab now shows the reader, which loads the PDF's URL again (the one request, after the click).
      // (puppeteer's page.url() keeps the PDF's URL after a navigation to an extension page: ask the document.)
      const readerUrl = await waitUntil(
        'the reader in the PDF tab',
        () => pdfTab.evaluate(() => location.href).catch(() => ''),
        (url) => url.startsWith('moz-extension://'),
        PDF_WAIT_MS,
      );
      assert.equal(new URL(readerUrl).pathname, '/pdf-reader.html');
      assert.equal(new URL(readerUrl).searchParams.get('url'), pdfUrl);
      // The whole document is read: page 1's full name and page 20's acronym, page 2's former names.
      await waitUntil('highlights in the reader', () => highlightSizes(pdfTab), (s) => (s['org'] ?? 0) >= 2 && (s['former-name'] ?? 0) > 0, PDF_WAIT_MS);
      assert.ok((await highlightTexts(pdfTab, 'org')).includes('International Organization for\nMigration'));
      assert.deepEqual(session.requests.slice(before).filter((r) => r.includes('/pdf-generated/')), [`GET ${pdfUrl}`]);
      await pdfTab.close();
    });

    it('the context menu "Open this PDF in IOM Lens", chosen on a PDF tab and on a link to a PDF, opens the reader', { timeout: PDF_STEP_TIMEOUT_MS }, async () => {
      const pdfUrl = `${session.origin}${PDF_PATH}/report-20.pdf`;
      // A link to a PDF on a web page: the item is there, and opens the reader in a new tab beside the page.
      const page = await session.browser.newPage();
      await page.goto(`${session.origin}/pdf-link.html`);
      assert.deepEqual(await openContextMenu(session.browser, page, '#plain'), [], 'no PDF item on a page without a PDF');
      await closeContextMenu(session.browser);
      assert.deepEqual(await openContextMenu(session.browser, page, '#report'), [OPEN_PDF_LINK_MENU_ID]);
      const tabsBefore = (await session.browser.pages()).length;
      await chooseContextMenuItem(session.browser, OPEN_PDF_LINK_MENU_ID);
      const readerTab = await waitUntil(
        'a new tab with the reader',
        async () => {
          const pages = await session.browser.pages();
          if (pages.length <= tabsBefore) return null;
          const urls = await Promise.all(pages.map((p) => p.evaluate(() => location.href).catch(() => '')));
          return pages[urls.findIndex((url) => url.includes('/pdf-reader.html'))] ?? null;
        },
        (tab) => tab !== null,
        PDF_WAIT_MS,
      );
      assert.equal(new URL(await readerTab!.evaluate(() => location.href)).searchParams.get('url'), pdfUrl);
      await waitUntil('highlights in the reader', () => highlightSizes(readerTab!), (s) => (s['org'] ?? 0) >= 2, PDF_WAIT_MS);
      await readerTab!.close();
      await page.close();

      // The PDF tab itself (Firefox's own viewer): the tab shows the reader.
      const pdfTab = await session.browser.newPage();
      await pdfTab.goto(pdfUrl);
      assert.deepEqual(await openContextMenu(session.browser, pdfTab, { x: 8, y: 400 }), [OPEN_PDF_MENU_ID]);
      await chooseContextMenuItem(session.browser, OPEN_PDF_MENU_ID);
      const readerUrl = await waitUntil('the reader in the PDF tab', () => pdfTab.evaluate(() => location.href).catch(() => ''), (url) => url.startsWith('moz-extension://'), PDF_WAIT_MS);
      assert.equal(new URL(readerUrl).searchParams.get('url'), pdfUrl);
      await waitUntil('highlights in the reader', () => highlightSizes(pdfTab), (s) => (s['org'] ?? 0) >= 2, PDF_WAIT_MS);
      await pdfTab.close();
    });

    it('the reader opens a picked or dropped local file with no request, mentions marked (right to left too)', { timeout: PDF_STEP_TIMEOUT_MS }, async () => {
      const reader = await openExtensionPage(session.browser, 'pdf-reader.html', `${READER_STATUS}[data-message="pdfPickFile"]`);
      const before = session.requests.length;
      const input = (await reader.$('#file-input')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(path.join(PDF_FIXTURE_DIR, 'two-columns.pdf'));
      await waitUntil('highlights of the picked file', () => highlightTexts(reader, 'org'), (t) => t.length === 2, PDF_WAIT_MS);
      assert.deepEqual(await highlightTexts(reader, 'org'), ['International Organization for\nMigration', 'IOM']);
      // Dropped: a drop event carrying the file, as the browser makes it.
      const bytes = readFileSync(path.join(PDF_FIXTURE_DIR, 'arabic.pdf')).toString('base64');
      await reader.evaluate((base64) => {
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], 'arabic.pdf', { type: 'application/pdf' }));
        document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, bytes);
      await waitUntil('highlights of the dropped file', () => highlightTexts(reader, 'org'), (t) => t[0] === ARABIC_IOM_NAME, PDF_WAIT_MS);
      assert.equal(await reader.title(), 'arabic.pdf');
      assert.deepEqual(session.requests.slice(before), []);
      await reader.close();
    });

    it('made no request beyond the test server', () => {
      const allowed = [session.origin, session.otherOrigin].map((o) => new URL(o).host);
      assert.ok(session.requests.length > 0, 'the recorder saw the fixture pages');
      assert.deepEqual(session.requests.filter((r) => !allowed.includes(new URL(r.split(' ')[1], 'http://x').host)), []);
    });

    it('logged no error or warning from the extension, and would have seen one', { timeout: STEP_TIMEOUT_MS }, async () => {
      assert.deepEqual(session.extensionConsole, []);
      // The check can fail: a corrupt stored setting makes the extension warn, and that warning must be seen.
      await helper.evaluate(() => (globalThis as unknown as ExtensionPageGlobal).browser.storage.sync.set({ settings: { corrupt: true } }));
      const probe = await session.browser.newPage();
      await probe.goto(`${session.origin}/page-card.html`);
      await waitUntil('the warning', async () => session.extensionConsole.length, (n) => n > 0);
      assert.match(session.extensionConsole[0], /\[IOM Lens\].*invalid settings/);
    });
  });
}

suiteFor('firefox-mv2', 2);
suiteFor('firefox-mv3', 3);
