/// <reference types="chrome" />
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { card, hoverSlowly, pageMentions, textRect } from './page-helpers';

/**
 * Chromium 156 has no runtime feature that turns the Custom Highlight API off: it shipped
 * in Chromium 105 and its runtime flag is gone (`--disable-blink-features=HighlightAPI`,
 * `=CSSCustomHighlight` and `=Highlight` all leave `CSS.highlights` in place, and no such
 * feature name is left in the binary). So the API is taken away as an older browser would
 * lack it: a CDP breakpoint on the content script's first statement deletes `CSS.highlights`
 * and `Highlight` from the extension's isolated world before it reads them, and an init
 * script does the same in the page's world.
 * (An instrumentation breakpoint, `beforeScriptExecution`, pauses with no call frame, and
 * Runtime.evaluate in the paused context never returns; a URL breakpoint has a frame.)
 */
async function withoutHighlightApi(context: BrowserContext): Promise<{ page: Page; worlds: Set<string> }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const worlds = new Set<string>();
  cdp.on('Debugger.paused', async (event) => {
    try {
      const frame = event.callFrames[0];
      const { result } = await cdp.send('Debugger.evaluateOnCallFrame', {
        callFrameId: frame.callFrameId,
        // chrome.runtime.id exists only in the extension's world.
        expression: 'delete CSS.highlights; delete globalThis.Highlight; `${typeof CSS.highlights} in ${globalThis.chrome?.runtime?.id ? "extension" : "page"}`',
      });
      worlds.add(String(result.value));
    } finally {
      await cdp.send('Debugger.resume').catch(() => undefined);
    }
  });
  await cdp.send('Debugger.enable');
  // The first statement of the content script, before it reads anything.
  await cdp.send('Debugger.setBreakpointByUrl', { urlRegex: '^chrome-extension://[a-z]+/content-scripts/content\\.js$', lineNumber: 0, columnNumber: 0 });
  // The page's own world, also for pages without a script of their own.
  await page.addInitScript(() => {
    delete (CSS as { highlights?: unknown }).highlights;
    delete (globalThis as { Highlight?: unknown }).Highlight;
  });
  return { page, worlds };
}

test.describe('without the CSS Custom Highlight API', () => {
  test('mentions are still found and counted, and resting on one opens its card', async ({ context, serviceWorker, fixtureOrigin }) => {
    const { page, worlds } = await withoutHighlightApi(context);
    await page.goto(`${fixtureOrigin}/page-card.html`);
    expect(await page.evaluate(() => [typeof CSS.highlights, typeof (globalThis as { Highlight?: unknown }).Highlight])).toEqual(['undefined', 'undefined']);
    // page:mentions still counts what the scanner found, with nothing painted.
    await expect.poll(async () => (await pageMentions(serviceWorker))?.groups.find((g) => g.entityId === 'iom')?.count ?? 0).toBeGreaterThanOrEqual(2);
    const groups = (await pageMentions(serviceWorker))!.groups.map((g) => g.entityId);
    expect(groups).toEqual(expect.arrayContaining(['iom', 'icem', 'person/william-lacy-swing']));
    // The extension's content script ran in a world where the API was gone.
    expect([...worlds]).toEqual(['undefined in extension']);
    // Hovering is hit-tested against the scanner's own index, not the highlight registry.
    const r = await textRect(page, '#former', 'ICEM');
    await hoverSlowly(page, r.x + r.width / 2, r.y + r.height / 2);
    await expect(card(page)).toBeVisible();
    await expect(card(page)).toHaveAttribute('data-entity', 'icem');
    await expect(card(page).locator('.name')).toHaveText('Intergovernmental Committee for European Migration (ICEM)');
    await expect(card(page).locator('.summary')).not.toBeEmpty();
    await page.mouse.move(5, 700);
    await expect(card(page)).toBeHidden();
    const lead = await textRect(page, '#lead', 'International Organization for Migration');
    await hoverSlowly(page, lead.x + lead.width / 2, lead.y + lead.height / 2);
    await expect(card(page)).toHaveAttribute('data-entity', 'iom');
    await page.screenshot({ path: 'test-results/card-without-highlight-api.png', animations: 'disabled' });
  });
});
