import { test, expect } from './fixtures';
import { card, hoverSlowly, textRect, waitForHighlights } from './page-helpers';

test.describe('hover card: since the article', () => {
  test('the card for Amy Pope shows the dated, sourced fact from after the article, apart from its 2014 key fact', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/search-since.html`);
    await waitForHighlights(page);
    const r = await textRect(page, '#dg', 'Amy Pope');
    await hoverSlowly(page, r.x + r.width / 2, r.y + r.height / 2);
    const c = card(page);
    await expect(c).toBeVisible();
    const since = c.getByTestId('card-since');
    await expect(since).toContainText('Since the article (after 2014)');
    await page.screenshot({ path: 'test-results/search/card-amy-pope-since.png', animations: 'disabled' });
    // Read the open card once: a hover card is transient.
    const text = (await c.textContent()) ?? '';
    expect(text).toContain('2023-10-01');
    expect(text).toContain('first woman to lead IOM');
    expect(text).toContain('Source: The Associated Press');
    // the article's own fact is still there, with its year, and is not rewritten
    expect(text).toMatch(/Director General\s*William Lacy Swing\s*\(as of 2014\)/);
  });
});
