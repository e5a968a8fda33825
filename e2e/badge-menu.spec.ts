/// <reference types="chrome" />
import type { Page, Worker } from '@playwright/test';
import { test, expect } from './fixtures';
import { pageMentions, waitForHighlights } from './page-helpers';

async function activeTabId(serviceWorker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await serviceWorker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  if (id === undefined) throw new Error('no active tab');
  return id;
}

function badgeText(serviceWorker: Worker, tabId: number): Promise<string> {
  return serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** Mentions painted in a document, read in the page's world. */
function paintedMentions(frame: { evaluate: Page['evaluate'] }): Promise<number> {
  return frame.evaluate(() => {
    let n = 0;
    // The test pages register no highlight of their own: every one is IOM Lens's (its names are random).
    CSS.highlights.forEach((h) => (n += h.size));
    return n;
  });
}

test.describe('toolbar badge', () => {
  test('shows the number of mentions the page reports, per tab', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/ui-mentions.html`);
    await waitForHighlights(page);
    const tabId = await activeTabId(serviceWorker, page);
    const reply = await pageMentions(serviceWorker);
    const total = reply!.groups.reduce((sum, g) => sum + g.count, 0);
    expect(total).toBeGreaterThan(3);
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe(String(total));

    // Another tab without mentions has no badge text.
    const empty = await context.newPage();
    await empty.goto(`${fixtureOrigin}/ui-no-mentions.html`);
    const emptyId = await activeTabId(serviceWorker, empty);
    await empty.waitForTimeout(500);
    expect(await badgeText(serviceWorker, emptyId)).toBe('');
    expect(await badgeText(serviceWorker, tabId)).toBe(String(total));
  });

  test('sums the top frame and its iframes', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/ui-frame-parent.html`);
    await waitForHighlights(page);
    const child = page.frames().find((f) => f.url().endsWith('ui-frame-child.html'))!;
    await waitForHighlights(child);
    const top = await paintedMentions(page);
    const inFrame = await paintedMentions(child);
    expect(inFrame).toBeGreaterThan(0);
    const tabId = await activeTabId(serviceWorker, page);
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe(String(top + inFrame));
  });

  test('goes blank when the site is switched off, comes back when on, and is cleared by navigation', async ({ context, serviceWorker, fixtureOrigin, openExtensionPage }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/ui-mentions.html`);
    await waitForHighlights(page);
    const tabId = await activeTabId(serviceWorker, page);
    await expect.poll(() => badgeText(serviceWorker, tabId)).toMatch(/^\d+$/);
    const count = await badgeText(serviceWorker, tabId);

    const popup = await openExtensionPage(`popup.html?tab=${tabId}`);
    const siteSwitch = popup.getByRole('switch', { name: /Highlight on 127\.0\.0\.1/ });
    await siteSwitch.click();
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('');
    await siteSwitch.click();
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe(count);

    await page.goto(`${fixtureOrigin}/ui-no-mentions.html`);
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('');
  });
});

test.describe('context menu and search opener', () => {
  test('the "Look up … in IOM Lens" selection menu item is registered (its native click cannot be automated)', async ({ serviceWorker }) => {
    // contextMenus.update fails for an id that does not exist, so resolving proves the item was created.
    // Created from runtime.onInstalled, a moment after the worker starts.
    await expect
      .poll(() =>
        serviceWorker.evaluate(() =>
          chrome.contextMenus.update('iom-lens-look-up', {}).then(
            () => 'exists',
            (error: Error) => error.message,
          ),
        ),
      )
      .toBe('exists');
    const missing = await serviceWorker.evaluate(() =>
      chrome.contextMenus.update('no-such-item', {}).then(
        () => 'exists',
        (error: Error) => error.message,
      ),
    );
    expect(missing).not.toBe('exists');
  });

  test('a search:open request (the path the menu click and the card take) opens popup.html?q= in a tab with the search done', async ({ context, openExtensionPage }) => {
    const from = await openExtensionPage('options.html');
    const opened = context.waitForEvent('page', (p) => p.url().includes('/popup.html?'));
    await from.evaluate(() => chrome.runtime.sendMessage({ type: 'search:open', query: '  Counter   trafficking ' }));
    const searchTab = await opened;
    expect(new URL(searchTab.url()).searchParams.get('q')).toBe('Counter trafficking');
    await expect(searchTab.getByRole('combobox')).toHaveValue('Counter trafficking');
    await expect(searchTab.getByTestId('search-result').first().getByTestId('result-path')).toHaveText('Activities › Counter Trafficking');
  });
});

// Native context menus and global shortcuts cannot be driven from Playwright (pressing
// Alt+Shift+L in headless Chromium does not reach the command). These tests dispatch the
// browser event to the listeners the service worker registered, so the real handlers run.
test.describe('menu click and keyboard command handlers (events dispatched in the service worker)', () => {
  test('a "Look up" click opens the search with the selection in a new tab, bound to the tab it came from', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/ui-mentions.html`);
    await waitForHighlights(page);
    const tabId = await activeTabId(serviceWorker, page);
    const opened = context.waitForEvent('page', (p) => p.url().includes('/popup.html?'));
    await serviceWorker.evaluate(async (id) => {
      const tab = await chrome.tabs.get(id);
      (chrome.contextMenus.onClicked as unknown as { dispatch: (...args: unknown[]) => void }).dispatch(
        { menuItemId: 'iom-lens-look-up', selectionText: 'former names', editable: false, pageUrl: '' },
        tab,
      );
    }, tabId);
    const searchTab = await opened;
    const url = new URL(searchTab.url());
    expect(url.searchParams.get('q')).toBe('former names');
    expect(url.searchParams.get('tab')).toBe(String(tabId));
    await expect(searchTab.getByRole('combobox')).toHaveValue('former names');
    await expect(searchTab.getByTestId('search-result').first()).toBeVisible();
    // Cleared, the box shows the mentions of the page the selection came from.
    await searchTab.getByRole('combobox').press('Escape');
    await expect(searchTab.locator('[data-testid="page-mention"][data-entity-id="iom"]')).toBeVisible();
  });

  test('the toggle-site command turns the active tab’s site off and on again, live', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/ui-mentions.html`);
    await waitForHighlights(page);
    const tabId = await activeTabId(serviceWorker, page);
    // A command invocation grants activeTab, so the listener gets the tab with its URL.
    const toggle = () =>
      serviceWorker.evaluate(
        ({ id, url }) => (chrome.commands.onCommand as unknown as { dispatch: (...args: unknown[]) => void }).dispatch('toggle-site', { id, url }),
        { id: tabId, url: page.url() },
      );
    await toggle();
    await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings)).toEqual({
      global: {},
      sites: [{ pattern: '127.0.0.1', enabled: false }],
    });
    await expect.poll(() => paintedMentions(page)).toBe(0);
    await toggle();
    await expect.poll(() => paintedMentions(page)).toBeGreaterThan(0);
    expect(await serviceWorker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings)).toEqual({ global: {}, sites: [] });
  });
});
