import { test, expect } from './fixtures';
import { highlightTexts, waitForHighlights } from './page-helpers';

test.describe('block text: sections the browser skips off screen', () => {
  test('text nested deep in an off-screen content-visibility:auto section is marked; text its markup hides there is not', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-skipped-sections.html`);
    await waitForHighlights(page);
    // The sections are skipped when the page is read (the walk answers their children from the section's state, block-text.ts).
    expect(await page.evaluate(() => document.querySelector('#far-1 b')!.checkVisibility({ contentVisibilityAuto: true }))).toBe(false);
    await expect.poll(() => highlightTexts(page).then((texts) => texts.length)).toBe(3);
    expect(await highlightTexts(page)).toEqual(['International Organization for Migration', 'International Organization for Migration', 'International Organization for Migration']);
    const marked = await page.evaluate(() => {
      const ids: string[] = [];
      CSS.highlights.forEach((highlight) => {
        for (const range of highlight as unknown as Set<AbstractRange>) ids.push(range.startContainer.parentElement!.closest('[id]')!.id);
      });
      return ids.sort();
    });
    expect(marked).toEqual(['far-1', 'far-2', 'top']);
  });
});
