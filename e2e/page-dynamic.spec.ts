/// <reference types="chrome" />
import { test, expect } from './fixtures';
import { card, highlightNames, highlightTexts, hoverSlowly, pageMentions, pageStats, waitForHighlights } from './page-helpers';

test.describe('dynamic pages, shadow roots and frames', () => {
  test('text added, changed and removed after load is followed; the page is never rewritten', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-dynamic.html`);
    await waitForHighlights(page);
    expect(await highlightTexts(page)).toEqual(['International Organization for Migration', 'IOM', 'IOM']);

    // Added paragraphs, one with the name split over inline elements.
    await page.evaluate(() => {
      (window as any).app.addParagraph('added', 'Later news: IOM and the Organisation internationale pour les migrations agree.');
      (window as any).app.addInline('added-inline', [['', 'A split name: International '], ['em', 'Organization'], ['', ' for Migration.']]);
    });
    await expect.poll(() => highlightTexts(page)).toEqual([
      'International Organization for Migration', 'IOM', 'IOM',
      'IOM', 'Organisation internationale pour les migrations', 'International Organization for Migration',
    ]);

    // Changed text (characterData) and a removed paragraph.
    await page.evaluate(() => {
      (document.querySelector('#changing')!.firstChild as Text).data = 'Status: IOM responded.';
      document.getElementById('gone')!.remove();
    });
    await expect.poll(async () => (await highlightTexts(page)).length).toBe(6);
    const org = (await highlightNames(page)).org!;
    const texts = await page.evaluate((org) => {
      const h = CSS.highlights.get(org) as unknown as Set<AbstractRange>;
      return [...h].map((r) => (r.startContainer.parentElement?.id ?? '') + ':' + (r.startContainer as Text).data.slice(r.startOffset, r.endContainer === r.startContainer ? r.endOffset : undefined));
    }, org);
    expect(texts).toContain('changing:IOM');
    expect(texts.some((t) => t.startsWith('gone:'))).toBe(false);

    // Typing into an editor is never marked.
    await page.locator('#editor p').click();
    await page.keyboard.type(' The International Organization for Migration (IOM) in an editor.');
    // A paragraph added after the typing is marked only once the changes queued before it were handled.
    await page.evaluate(() => (window as any).app.addParagraph('after-editor', 'Outside the editor: IOM.'));
    const markedIn = (id: string) =>
      page.evaluate((id) => {
        const region = document.getElementById(id)!;
        let n = 0;
        CSS.highlights.forEach((h) => { for (const r of h as unknown as Set<AbstractRange>) if (region.contains(r.startContainer)) n++; });
        return n;
      }, id);
    await expect.poll(() => markedIn('after-editor')).toBe(1);
    expect(await markedIn('editor')).toBe(0);
  });

  test('an SPA navigation (pushState, then new content) is rescanned', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-dynamic.html`);
    await waitForHighlights(page);
    await page.evaluate(() => (window as any).app.navigate('/news/ukraine', ['News page: William Lacy Swing, IOM Director General, visited.', 'Nothing else.']));
    await expect.poll(() => highlightTexts(page, 'person')).toEqual(['William Lacy Swing']);
    await expect.poll(() => highlightTexts(page)).toEqual(['IOM']);
    expect(page.url()).toMatch(/\/news\/ukraine$/);
    const reply = await pageMentions(serviceWorker);
    expect(reply?.groups.map((g) => g.entityId).sort()).toEqual(['iom', 'person/william-lacy-swing']);
  });

  test('an open shadow root is scanned, styled and hoverable', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-shadow.html`);
    await waitForHighlights(page);
    await expect.poll(() => highlightTexts(page)).toEqual(['International Organization for Migration', 'International Organization for Migration', 'IOM']);
    const org = (await highlightNames(page)).org!;
    const inShadow = await page.evaluate((org) => {
      const root = document.getElementById('host')!.shadowRoot!;
      const h = CSS.highlights.get(org) as unknown as Set<AbstractRange>;
      const ranges = [...h].filter((r) => root.contains(r.startContainer)).length;
      // ::highlight() rules apply per tree: the stylesheet must be adopted by the shadow root too.
      const styled = root.adoptedStyleSheets.some((s) => [...s.cssRules].some((rule) => rule.cssText.includes(`::highlight(${org})`)));
      return { ranges, styled };
    }, org);
    expect(inShadow).toEqual({ ranges: 2, styled: true });
    const r = await page.evaluate(() => {
      const p = document.getElementById('host')!.shadowRoot!.getElementById('inner')!;
      const b = p.querySelector('b')!;
      const rect = b.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    });
    await hoverSlowly(page, r.x, r.y);
    await expect(card(page).locator('.name')).toHaveText('International Organization for Migration (IOM)');
    await page.screenshot({ path: 'test-results/page-shadow-root.png', animations: 'disabled' });
  });

  test('a same-origin iframe is handled by its own content script', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-iframe.html`);
    const frame = page.frame({ url: /page-iframe-inner\.html$/ })!;
    expect(frame).toBeTruthy();
    await waitForHighlights(frame);
    expect(await highlightTexts(page, 'org', frame)).toEqual(['International Organization for Migration', 'IOM']);
    expect(await highlightTexts(page, 'programme', frame)).toEqual(['labour migration']);
    expect(await highlightTexts(page, 'org')).toEqual([]);
    // Hovering inside the frame opens the card in the frame.
    const box = (await page.locator('#frame').boundingBox())!;
    const inner = await frame.evaluate(() => {
      const p = document.getElementById('inner')!;
      const t = p.firstChild as Text;
      const at = t.data.indexOf('International');
      const range = document.createRange();
      range.setStart(t, at);
      range.setEnd(t, at + 13);
      const r = range.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await hoverSlowly(page, box.x + inner.x, box.y + inner.y);
    await expect(frame.locator('iom-lens-card .card .name')).toHaveText('International Organization for Migration (IOM)');
  });

  test('a cross-origin iframe is handled by its own content script too', async ({ context, fixtureOrigin, otherSiteOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-isle-of-man.html`);
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.style.cssText = 'width: 700px; height: 200px';
      document.body.append(frame);
    }, `${otherSiteOrigin}/page-iframe-inner.html`);
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(otherSiteOrigin))).toBe(true);
    const frame = page.frames().find((f) => f.url().startsWith(otherSiteOrigin))!;
    await frame.waitForLoadState();
    await waitForHighlights(frame);
    expect(await highlightTexts(page, 'org', frame)).toEqual(['International Organization for Migration', 'IOM']);
    // The Isle of Man parent stays unmarked.
    expect(await highlightTexts(page, 'org')).toEqual([]);
  });

  test('settings apply live: another style repaints, switching off removes every mark and switching on restores them', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-dynamic.html`);
    await waitForHighlights(page);
    const sheetText = () =>
      page.evaluate(() => document.adoptedStyleSheets.map((s) => [...s.cssRules].map((r) => r.cssText).join('\n')).join('\n'));
    expect(await sheetText()).toContain(`::highlight(${(await highlightNames(page)).org}) { text-decoration: underline`);
    const write = (global: object) =>
      serviceWorker.evaluate(async (g) => {
        await chrome.storage.sync.set({ settings: { global: g, sites: [] }, settings$: { v: 2 } });
      }, global);
    await write({ highlightStyle: 'background' });
    await expect.poll(sheetText).toContain('background-color');
    await write({ enabled: false });
    await expect.poll(() => highlightTexts(page)).toEqual([]);
    expect(await sheetText()).not.toContain('iom-lens');
    expect((await pageMentions(serviceWorker))?.enabled).toBe(false);
    await write({ enabled: true, density: 'first-per-entity' });
    await expect.poll(() => highlightTexts(page)).toEqual(['International Organization for Migration']);
    // Back on, it follows the page's changes again.
    await write({ enabled: true });
    await page.evaluate(() => (window as any).app.addParagraph('after-toggle', 'After the toggle: labour migration and IOM.'));
    await expect.poll(() => highlightTexts(page, 'programme')).toEqual(['labour migration']);
  });

  test('a page that changes every few milliseconds is followed to its final state (the observer never gives up)', async ({ context, serviceWorker, fixtureOrigin }) => {
    // The feed's "labour migration report" items are not presented as IOM's work, so the default
    // policy would mark none of them; this test follows the marks, so it counts them page-wide.
    await serviceWorker.evaluate(async () => {
      await chrome.storage.sync.set({ settings: { global: { programmePolicy: 'if-iom-mentioned' }, sites: [] }, settings$: { v: 2 } });
    });
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-busy.html`);
    await waitForHighlights(page);
    await page.waitForTimeout(2500);
    const updates = await page.evaluate(() => (window as any).stopBusy() as number);
    expect(updates).toBeGreaterThan(100);
    // After the storm: exactly what the final DOM says.
    const expected = await page.evaluate(() => {
      const items = [...document.querySelectorAll('#feed li')].filter((li) => li.textContent!.includes('labour migration')).length;
      return { programme: items };
    });
    await expect.poll(() => highlightTexts(page)).toEqual(['International Organization for Migration', 'IOM']);
    await expect.poll(async () => (await highlightTexts(page, 'programme')).length).toBe(expected.programme);
    // Still observing: one more change is picked up.
    await page.evaluate(() => { document.getElementById('ticker')!.firstChild!.textContent = 'Later: IOM and IOM.'; });
    await expect.poll(() => highlightTexts(page)).toEqual(['International Organization for Migration', 'IOM', 'IOM']);
    const stats = await pageStats(serviceWorker);
    expect(stats?.pipeline?.observer.batches).toBeGreaterThan(50);
  });
});
