import { test, expect } from './fixtures';
import { highlightTexts, waitForHighlights } from './page-helpers';

// Issue 9, items 1–2: nothing a page sends switches IOM Lens off, and nothing IOM Lens
// sends tells the page it is there. (WXT 0.21.4's content-script context did both:
// src/content-context/isolated-context.ts.)
test.describe('hostile page: the kill event', () => {
  test('the stop event, answered to the message or sent with the known id, changes nothing', async ({ context, extensionId, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/hostile-kill.html`);
    await waitForHighlights(page);
    await expect.poll(async () => (await highlightTexts(page)).length).toBe(8);

    await page.evaluate((id) => (window as any).hostile.kill(id), extensionId);
    await page.waitForTimeout(500);
    const afterKill = await highlightTexts(page);
    console.log(`[hostile] kill event: ${afterKill.length} of 8 ranges left`);
    expect(afterKill).toHaveLength(8);

    // Text added after the event is still marked: the content script is still running.
    await page.evaluate(() => (window as any).hostile.addLater('Afterwards the International Organization for Migration replied.'));
    await expect.poll(async () => (await highlightTexts(page)).length).toBe(9);
  });

  test('the page receives no message from the extension and never learns its id', async ({ context, extensionId, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/hostile-kill.html`);
    await waitForHighlights(page);
    await page.waitForTimeout(300);
    const messages = await page.evaluate(() => JSON.stringify((window as any).hostile.messages));
    console.log(`[hostile] messages seen by the page: ${messages}`);
    expect(messages).toBe('[]');
    expect(messages).not.toContain(extensionId);
  });
});
