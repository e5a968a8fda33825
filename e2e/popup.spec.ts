/// <reference types="chrome" />
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_FLAGS, EXTENSION_DIR, extensionFlags, findChromium } from './paths';
import { PopupPage, storedSettings, tabIdOf } from './extension-pages';
import { test, expect } from './fixtures';
import { card, highlightSize, waitForHighlights } from './page-helpers';

test.describe('popup', () => {
  test('search: "trafficking" finds Activities › Counter Trafficking first, marks the term, and Enter opens the section with its references', async ({ context, serviceWorker, fixtureOrigin, openExtensionPage }) => {
    // Opened for a page, as from the toolbar, so the screenshots show the whole popup.
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/ui-mentions.html`);
    const popupPage = await PopupPage.open(openExtensionPage, { tab: await tabIdOf(serviceWorker, page) });
    const popup = popupPage.page;
    await popup.setViewportSize({ width: 400, height: 560 });
    const search = popupPage.page.getByRole('combobox', { name: 'Search the article about IOM' });
    await expect(search).toBeFocused();
    await search.fill('trafficking');
    const results = popupPage.results;
    await expect(results.first()).toBeVisible();
    await expect(results.first().getByTestId('result-path')).toHaveText('Activities › Counter Trafficking');
    // The query term is marked with a <mark> element, as text (never HTML).
    const marks = await results.first().locator('mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => /^traffick/i.test(m))).toBe(true);
    await expect(results.first()).toHaveAttribute('aria-selected', 'true');
    await popup.screenshot({ path: 'test-results/popup-search-results.png' });

    await search.press('Enter');
    await expect(popupPage.sectionTitle).toHaveText('Activities › Counter Trafficking');
    await expect(popup.getByRole('heading', { name: 'References' })).toBeVisible();
    expect(await popup.getByTestId('reference').count()).toBeGreaterThan(0);
    await expect(popup.locator('.section-view p').first()).toContainText(/traffick/i);
    await popup.screenshot({ path: 'test-results/popup-section.png', fullPage: true });

    // Escape goes back to the results with the query kept.
    await popup.keyboard.press('Escape');
    await expect(search).toBeFocused();
    await expect(search).toHaveValue('trafficking');
  });

  test('search: arrow keys move the selection and Enter opens the selected result', async ({ openExtensionPage }) => {
    const popupPage = await PopupPage.open(openExtensionPage);
    const search = popupPage.search;
    await search.fill('former names');
    const results = popupPage.results;
    await expect(results.nth(1)).toBeVisible();
    const second = await results.nth(1).getByTestId('result-path').textContent();
    await search.press('ArrowDown');
    await expect(results.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(search).toHaveAttribute('aria-activedescendant', 'result-1');
    await search.press('ArrowUp');
    await expect(results.nth(0)).toHaveAttribute('aria-selected', 'true');
    await search.press('ArrowDown');
    await search.press('Enter');
    await expect(popupPage.sectionTitle).toHaveText(second!);
  });

  test('search: the empty state suggests queries, a suggestion searches, Escape clears the box', async ({ openExtensionPage }) => {
    const popupPage = await PopupPage.open(openExtensionPage);
    const popup = popupPage.page;
    await popup.getByRole('button', { name: 'when was it founded' }).click();
    const search = popupPage.search;
    await expect(search).toHaveValue('when was it founded');
    await expect(popupPage.results.first()).toBeVisible();
    await search.press('Escape');
    await expect(search).toHaveValue('');
    await expect(popup.getByRole('button', { name: 'trafficking' })).toBeVisible();
    await search.fill('zzzqqqxxy');
    await expect(popup.locator('p.muted', { hasText: 'No section of the article matches “zzzqqqxxy”.' })).toBeVisible();
  });

  test('popup.html?q= pre-fills the search', async ({ openExtensionPage }) => {
    const popupPage = await PopupPage.open(openExtensionPage, { q: 'member states' });
    await expect(popupPage.search).toHaveValue('member states');
    await expect(popupPage.results.first().getByTestId('result-path')).toHaveText('Member States');
  });

  test('on this page: lists the tab’s mentions by entity with counts; choosing one reveals it in the page', async ({ context, serviceWorker, fixtureOrigin, openExtensionPage }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/ui-mentions.html`);
    await waitForHighlights(page);
    const tabId = await tabIdOf(serviceWorker, page);
    const popupPage = await PopupPage.open(openExtensionPage, { tab: tabId });
    const popup = popupPage.page;
    await popup.setViewportSize({ width: 400, height: 480 });
    const iom = popupPage.mention('iom');
    await expect(iom).toBeVisible();
    await expect(iom).toContainText('4 mentions');
    await expect(popupPage.mention('icem')).toContainText('1 mention');
    await expect(popupPage.siteSwitch(new URL(fixtureOrigin).hostname)).toBeChecked();
    await popup.screenshot({ path: 'test-results/popup-on-this-page.png' });

    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // ICEM is mentioned only far down the page: revealing it scrolls there and opens its card.
    await popupPage.mention('icem').click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    await expect(card(page)).toBeVisible();
    await expect(card(page)).toContainText('ICEM');
  });

  test('the site switch turns highlighting off live in another open tab of the same site, and stores only that change', async ({ context, serviceWorker, fixtureOrigin, otherSiteOrigin, openExtensionPage }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/ui-mentions.html`);
    const sameSite = await context.newPage();
    await sameSite.goto(`${fixtureOrigin}/ui-mentions.html?second`);
    const otherSite = await context.newPage();
    await otherSite.goto(`${otherSiteOrigin}/ui-mentions.html`);
    for (const p of [page, sameSite, otherSite]) await waitForHighlights(p);
    const tabId = await tabIdOf(serviceWorker, page);

    const popupPage = await PopupPage.open(openExtensionPage, { tab: tabId });
    const popup = popupPage.page;
    const host = new URL(fixtureOrigin).hostname;
    const siteSwitch = popupPage.siteSwitch(host);
    await expect(siteSwitch).toBeChecked();
    await siteSwitch.click();
    await expect(siteSwitch).not.toBeChecked();

    expect(await storedSettings(serviceWorker)).toEqual({ global: {}, sites: [{ pattern: host, enabled: false }] });
    const highlightCount = (p: Page) =>
      p.evaluate(() => {
        let n = 0;
        // The test pages register no highlight of their own: every one is IOM Lens's (its names are random).
        CSS.highlights.forEach((h) => (n += h.size));
        return n;
      });
    // Both tabs of the site lose their highlights without a reload; the other site keeps them.
    const navigations = await sameSite.evaluate(() => performance.getEntriesByType('navigation').length);
    await expect.poll(() => highlightCount(page)).toBe(0);
    await expect.poll(() => highlightCount(sameSite)).toBe(0);
    expect(await highlightCount(otherSite)).toBeGreaterThan(0);
    expect(await sameSite.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(navigations);
    await expect(popup.getByText('Highlighting is off on this site.')).toBeVisible();

    // On again: highlights come back live, and nothing is stored any more.
    await siteSwitch.click();
    await expect.poll(() => highlightCount(sameSite)).toBeGreaterThan(0);
    expect(await storedSettings(serviceWorker)).toEqual({ global: {}, sites: [] });
  });

  test('the global switch turns every site off and disables the site switch', async ({ context, serviceWorker, otherSiteOrigin, openExtensionPage }) => {
    const page = await context.newPage();
    await page.goto(`${otherSiteOrigin}/ui-mentions.html`);
    await waitForHighlights(page);
    const tabId = await tabIdOf(serviceWorker, page);
    const popupPage = await PopupPage.open(openExtensionPage, { tab: tabId });
    const popup = popupPage.page;
    await popupPage.globalSwitch.click();
    await expect(popupPage.siteSwitch(/Highlight on localhost/)).toBeDisabled();
    await expect(popup.getByText(/off everywhere/)).toBeVisible();
    expect(await storedSettings(serviceWorker)).toEqual({ global: { enabled: false }, sites: [] });
    await expect.poll(() => highlightSize(page, 'org')).toBe(0);
  });

  test('accessibility: the popup (search results and a section) has no serious or critical axe violations', async ({ openExtensionPage }) => {
    const popupPage = await PopupPage.open(openExtensionPage, { q: 'trafficking' });
    const popup = popupPage.page;
    await expect(popupPage.results.first()).toBeVisible();
    const serious = async () =>
      (await new AxeBuilder({ page: popup }).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(await serious()).toEqual([]);
    await popupPage.search.press('Enter');
    await expect(popupPage.sectionTitle).toBeVisible();
    expect(await serious()).toEqual([]);
  });

  test('accessibility: "On this page" and the dark theme have no serious or critical axe violations', async ({ context, serviceWorker, fixtureOrigin, openExtensionPage }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/ui-mentions.html`);
    await waitForHighlights(page);
    const tabId = await tabIdOf(serviceWorker, page);
    await serviceWorker.evaluate(() => chrome.storage.sync.set({ settings: { global: { theme: 'dark' }, sites: [] } }));
    const popupPage = await PopupPage.open(openExtensionPage, { tab: tabId });
    const popup = popupPage.page;
    await popup.setViewportSize({ width: 400, height: 480 });
    await expect(popup.locator('html')).toHaveAttribute('data-theme', 'dark');
    // The dark --bg of src/ui/base.css: the theme reaches the popup's colours, not only its attribute.
    await expect(popup.locator('body')).toHaveCSS('background-color', 'rgb(21, 25, 30)');
    await expect(popupPage.mentions.first()).toBeVisible();
    const violations = (await new AxeBuilder({ page: popup }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations.map((v) => v.id)).toEqual([]);
    await popup.screenshot({ path: 'test-results/popup-dark-on-this-page.png' });
  });

  test('on this page: a page without mentions says so', async ({ context, serviceWorker, fixtureOrigin, openExtensionPage }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/ui-no-mentions.html`);
    await expect.poll(() => page.evaluate(() => document.readyState)).toBe('complete');
    const tabId = await tabIdOf(serviceWorker, page);
    const popupPage = await PopupPage.open(openExtensionPage, { tab: tabId });
    const popup = popupPage.page;
    await expect(popup.getByText('No mentions of IOM on this page.')).toBeVisible();
    await expect(popupPage.mentions).toHaveCount(0);
  });
});

test.describe('popup in French', () => {
  // Its own browser: the shared fixture launches Chromium in English. Chromium on Linux takes its UI language from --lang/LANGUAGE.
  test('follows the browser language: French strings, English article', async () => {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'iom-lens-e2e-fr-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      headless: true,
      args: [...CHROMIUM_FLAGS, ...extensionFlags(EXTENSION_DIR), '--lang=fr'],
      env: { ...process.env, LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' },
      locale: 'fr-FR',
    });
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const popupPage = new PopupPage(await context.newPage());
      const popup = popupPage.page;
      await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html?q=trafficking`);
      await expect(popup.getByRole('combobox', { name: 'Rechercher dans l’article sur l’OIM' })).toBeVisible();
      await expect(popup.getByRole('switch', { name: 'IOM Lens activé' })).toBeVisible();
      await expect(popup.locator('html')).toHaveAttribute('lang', /^fr/);
      await expect(popupPage.results.first().getByTestId('result-path')).toHaveText('Activities › Counter Trafficking');
      const options = await context.newPage();
      await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
      await expect(options.getByRole('heading', { name: 'Options d’IOM Lens' })).toBeVisible();
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});
