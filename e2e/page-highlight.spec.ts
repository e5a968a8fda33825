import { test, expect } from './fixtures';
import { highlightTexts, highlightSizes, pageMentions, pageStats, waitForHighlights } from './page-helpers';

test.describe('page scanning and highlighting', () => {
  test('marks mentions across inline elements, possessives, French and Spanish names; never inside editors, textareas or scripts', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-basic.html`);
    const html = await page.evaluate(() => document.body.innerHTML.length);
    await waitForHighlights(page);
    const org = await highlightTexts(page, 'org');
    expect(org).toContain('International Organization for Migration');
    expect(org).toContain('IOM');
    expect(org).toContain('Organisation internationale pour les migrations');
    expect(org).toContain('Organización Internacional para las Migraciones');
    expect(org.filter((t) => t === 'OIM')).toHaveLength(2);
    // The split name is one highlight spanning <i> and <b>; "Organization for Migration" after a paragraph break is not joined.
    expect(org.filter((t) => t === 'International Organization for Migration')).toHaveLength(1);
    expect(org.some((t) => t.includes('\n'))).toBe(false);
    const former = await highlightTexts(page, 'former-name');
    expect(former).toEqual(['ICEM']);
    // Nothing inside contenteditable, textarea or script.
    const insideSkipped = await page.evaluate(() => {
      const regions = ['#editable', '#textarea', 'script'].map((s) => document.querySelector(s)!);
      let hits = 0;
      CSS.highlights.forEach((h) => {
        for (const r of h as unknown as Set<AbstractRange>) if (regions.some((el) => el.contains(r.startContainer))) hits++;
      });
      return hits;
    });
    expect(insideSkipped).toBe(0);
    // The page's DOM is unchanged: same markup length, no wrappers.
    expect(await page.evaluate(() => document.body.innerHTML.length)).toBe(html);
    expect(await page.locator('#split').evaluate((el) => el.childNodes.length)).toBe(5);
  });

  test('an Isle of Man page gets nothing marked', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-isle-of-man.html`);
    // Wait until the page was scanned (its stats carry the scan's timing), then check nothing is marked.
    await expect.poll(async () => (await pageStats(serviceWorker))?.pipeline?.timing.textLength ?? 0).toBeGreaterThan(100);
    expect((await pageMentions(serviceWorker))?.groups).toEqual([]);
    expect(await highlightSizes(page)).toEqual({});
  });

  test('a long page read in chunks: an acronym, a programme phrase and a surname are judged with the full names at the bottom', async ({ context, serviceWorker, fixtureOrigin }) => {
    // The page-wide programme policy: the phrase in the middle counts once the bottom names IOM. (The
    // default takes a programme phrase only where its own text presents it as IOM's work.)
    await serviceWorker.evaluate(async () => {
      await chrome.storage.sync.set({ settings: { global: { programmePolicy: 'if-iom-mentioned' }, sites: [] }, settings$: { v: 2 } });
    });
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-long.html`);
    await waitForHighlights(page);
    const stats = await pageStats(serviceWorker);
    expect(stats?.pipeline?.timing.textLength).toBeGreaterThan(100_000);
    expect(stats?.pipeline?.timing.chunks).toBeGreaterThan(3);
    expect(await highlightTexts(page)).toEqual(['IOM', 'International Organization for Migration']);
    // Chunks with no acronym at all are re-read too once the bottom names IOM and its Director General.
    expect(await highlightTexts(page, 'programme')).toEqual(['counter-trafficking']);
    expect(await highlightTexts(page, 'person')).toEqual(['Pope', 'Amy Pope']);
  });
});
