import { test, expect } from './fixtures';
import { highlightSizes, pageMentions, waitForHighlights } from './page-helpers';

// Issue 9, items 2–4 and 7: what a page can learn, and what it can make IOM Lens do.
test.describe('hostile page: fingerprint probes', () => {
  test("a page listening for WXT's events by the extension's public id hears nothing", async ({ context, extensionId, fixtureOrigin }) => {
    await context.addInitScript((id) => {
      (window as any).heard = [];
      for (const name of ['content-script-started', 'locationchange']) {
        const type = `${id}:content:wxt:${name}`;
        document.addEventListener(type, () => (window as any).heard.push(type), true);
        window.addEventListener(type, () => (window as any).heard.push(type), true);
      }
      window.addEventListener('message', (e) => (window as any).heard.push(JSON.stringify(e.data)));
    }, extensionId);
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-basic.html`);
    await waitForHighlights(page);
    await page.evaluate(() => history.pushState(null, '', '#moved'));
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as any).heard)).toEqual([]);
  });

  test('the page finds no iom-lens User Timing entries', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-basic.html`);
    await waitForHighlights(page);
    await page.waitForTimeout(500);
    const names = await page.evaluate(() => performance.getEntries().map((e) => e.name).filter((n) => /iom/i.test(n)));
    expect(names).toEqual([]);
  });

  test('highlight names do not announce the extension, and change from one document to the next', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    const names = async () => {
      await page.waitForFunction(() => CSS.highlights.size > 0);
      return page.evaluate(() => [...CSS.highlights.keys()].sort());
    };
    await page.goto(`${fixtureOrigin}/page-basic.html`);
    const first = await names();
    expect(first.filter((n) => /iom|lens/i.test(n))).toEqual([]);
    await page.reload();
    const second = await names();
    expect(second.filter((n) => /iom|lens/i.test(n))).toEqual([]);
    expect(second.filter((n) => first.includes(n))).toEqual([]);
  });

  // The seeded fuzz in page-hidden.spec.ts covers 240 generated trees; this is the hand-written case.
  test('hidden text is neither marked nor counted; a name with a hidden middle is no mention', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/hostile-hidden.html`);
    await waitForHighlights(page);
    await page.waitForTimeout(500);
    expect(await highlightSizes(page)).toEqual({ org: 1 });
    const reply = await pageMentions(serviceWorker);
    expect(reply?.groups.reduce((n, g) => n + g.count, 0)).toBe(1);
  });
  // The 10 MB text node and the text/plain document: hostile-huge.spec.ts.
});

test.describe('the request recorder', () => {
  // The check in e2e/fixtures.ts fails a test whose page, extension page or service worker
  // requests anything but the test server and the extension's own files: this one must fail.
  test('a request to another host fails the test', async ({ context, fixtureOrigin }) => {
    test.fail();
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/smoke.html`);
    await page.evaluate(() => fetch('http://127.0.0.2:9/stray').catch(() => undefined));
  });
});
