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

  // enable after merging perf (highlight names that do not announce the extension)
  test.fixme('highlight names do not announce the extension', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-basic.html`);
    await page.waitForFunction(() => CSS.highlights.size > 0);
    const names = await page.evaluate(() => [...CSS.highlights.keys()]);
    expect(names.filter((n) => /iom|lens/i.test(n))).toEqual([]);
  });

  // The seeded fuzz in page-hidden.spec.ts covers 240 generated trees; this is the hand-written case.
  test('hidden text is neither marked nor counted; a name with a hidden middle is no mention', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/hostile-hidden.html`);
    await waitForHighlights(page);
    await page.waitForTimeout(500);
    expect(await highlightSizes(page)).toEqual({ 'iom-lens-org': 1 });
    const reply = await pageMentions(serviceWorker);
    expect(reply?.groups.reduce((n, g) => n + g.count, 0)).toBe(1);
  });

  // enable after merging perf (bounded work inside a block)
  test.fixme('a 10 MB text node: no task over 50 ms while it is scanned, and a one-character edit re-reads a window', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await context.addInitScript(() => {
      (window as any).longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => (window as any).longTasks.push(e.duration))).observe({ type: 'longtask' });
    });
    await page.goto(`${fixtureOrigin}/smoke.html`);
    await page.evaluate(() => {
      const filler = 'Reports on shelter and displacement in the region. '.repeat(200_000);
      const p = document.createElement('p');
      p.id = 'huge';
      p.textContent = `${filler}The International Organization for Migration (IOM).${filler}`;
      document.body.append(p);
      (window as any).longTasks.length = 0;
    });
    await page.waitForFunction(() => (CSS.highlights.get('iom-lens-org')?.size ?? 0) >= 2, undefined, { timeout: 30_000 });
    await page.evaluate(() => ((document.getElementById('huge')!.firstChild as Text).data += ' IOM'));
    await page.waitForTimeout(2000);
    const longest = await page.evaluate(() => Math.max(0, ...(window as any).longTasks));
    expect(longest).toBeLessThanOrEqual(50);
  });
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
