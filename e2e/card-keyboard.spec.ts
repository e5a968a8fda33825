/// <reference types="chrome" />
import { test, expect } from './fixtures';
import { card, pageMentions, sendToPage, waitForHighlights } from './page-helpers';

test.describe('keyboard and screen readers', () => {
  test('the commands exist and page:jump walks the mentions, opening each card as a focused, labelled dialog; Escape returns focus', async ({ context, serviceWorker, fixtureOrigin }) => {
    const commands = await serviceWorker.evaluate(() => chrome.commands.getAll());
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(['next-mention', 'previous-mention']));

    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page);
    await page.locator('#focus-start').focus();

    expect(await sendToPage(serviceWorker, { type: 'page:jump', direction: 'next' })).toEqual({ ok: true });
    const c = card(page);
    await expect(c).toBeVisible();
    await expect(c.locator('.name')).toHaveText('International Organization for Migration (IOM)');
    // Focus is inside the card, and the dialog is named by its heading.
    const focus = await page.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement;
      const labelledBy = inner?.getAttribute('aria-labelledby');
      return {
        host: host?.tagName.toLowerCase(),
        role: inner?.getAttribute('role'),
        label: labelledBy ? host?.shadowRoot?.getElementById(labelledBy)?.textContent : null,
      };
    });
    expect(focus).toEqual({ host: 'iom-lens-card', role: 'dialog', label: 'International Organization for Migration (IOM)' });
    await expect(page.getByRole('dialog', { name: 'International Organization for Migration (IOM)' })).toBeVisible();

    // Next: the programme mentions on the same line, in reading order.
    await sendToPage(serviceWorker, { type: 'page:jump', direction: 'next' });
    await expect(c.locator('.name')).toHaveText('Labour Migration');
    await sendToPage(serviceWorker, { type: 'page:jump', direction: 'next' });
    await expect(c.locator('.name')).toHaveText('Counter Trafficking');
    await sendToPage(serviceWorker, { type: 'page:jump', direction: 'previous' });
    await expect(c.locator('.name')).toHaveText('Labour Migration');
    await page.screenshot({ path: 'test-results/card-keyboard-dialog.png', animations: 'disabled' });

    // Tab reaches the card's controls; Escape closes and gives focus back.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName.toLowerCase())).toMatch(/button|summary|a/);
    await page.keyboard.press('Escape');
    await expect(c).toBeHidden();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('focus-start');
  });

  test('jumping scrolls a far mention into view', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page);
    // "previous" from the top wraps to the last mention, far below the fold.
    await sendToPage(serviceWorker, { type: 'page:jump', direction: 'previous' });
    await expect(card(page).locator('.name')).toHaveText('International Organization for Migration (IOM)');
    const far = await page.evaluate(() => document.getElementById('far')!.getBoundingClientRect().top);
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(800);
    const box = (await card(page).boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(800);
  });

  test('page:reveal opens the first mention of an entity; page:mentions lists the groups', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page);
    const reply = await pageMentions(serviceWorker);
    expect(reply?.enabled).toBe(true);
    const counts = Object.fromEntries(reply!.groups.map((g) => [g.entityId, g.count]));
    expect(counts).toMatchObject({ iom: 3, icem: 2, 'person/william-lacy-swing': 1, 'programme/labour-migration': 1 });
    expect(reply!.groups.find((g) => g.entityId === 'icem')).toMatchObject({ kind: 'former-name', name: 'Intergovernmental Committee for European Migration (ICEM)' });

    expect(await sendToPage(serviceWorker, { type: 'page:reveal', entityId: 'person/william-lacy-swing' })).toEqual({ ok: true });
    await expect(card(page).locator('.name')).toHaveText('William Lacy Swing');
    await expect(card(page).locator('.era')).toHaveText('Director General of IOM, 2008–2018');
    expect(await sendToPage(serviceWorker, { type: 'page:reveal', entityId: 'campaign/migration-means' })).toEqual({ ok: false });
  });

  test('Escape in a card opened inside a modal dialog closes the card, not the dialog', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-dialog.html`);
    await waitForHighlights(page);
    await page.locator('#dialog-button').focus();
    await sendToPage(serviceWorker, { type: 'page:reveal', entityId: 'iom' });
    await expect(card(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(card(page)).toBeHidden();
    expect(await page.evaluate(() => (document.getElementById('modal') as HTMLDialogElement).open)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dialog-button');
  });

  test("the card's search action opens the article search for the entity", async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page);
    await sendToPage(serviceWorker, { type: 'page:reveal', entityId: 'programme/counter-trafficking' });
    await expect(card(page).locator('.name')).toHaveText('Counter Trafficking');
    const opened = context.waitForEvent('page');
    await card(page).locator('.search').click();
    const searchTab = await opened;
    await searchTab.waitForLoadState();
    const url = new URL(searchTab.url());
    expect(url.pathname).toBe('/popup.html');
    expect(url.searchParams.get('q')).toBe('Counter Trafficking');
  });
});
