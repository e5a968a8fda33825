/// <reference types="chrome" />
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { card, currentServiceWorker, hoverSlowly, pageStats, textRect, waitForHighlights } from './page-helpers';

interface CardSnapshot {
  name: string;
  kind: string;
  reason: string;
  loading: boolean;
  summary: boolean;
  error: boolean;
}

/** Records what the card shows after every change to it, so a blank moment between two renders cannot hide. */
async function recordCardSnapshots(page: Page): Promise<void> {
  await page.evaluate(() => {
    const snapshots: CardSnapshot[] = [];
    (window as unknown as { cardSnapshots: CardSnapshot[] }).cardSnapshots = snapshots;
    const take = (shadow: ShadowRoot) => {
      const c = shadow.querySelector('.card');
      if (!c) return;
      const text = (selector: string) => c.querySelector(selector)?.textContent?.trim() ?? '';
      snapshots.push({
        name: text('.name'),
        kind: text('.kind'),
        reason: text('.reason'),
        loading: Boolean(c.querySelector('.loading')),
        summary: text('.summary').length > 0,
        error: Boolean(c.querySelector('.error')),
      });
    };
    const watchHost = (host: Element) => {
      const shadow = host.shadowRoot;
      if (!shadow) return;
      new MutationObserver(() => take(shadow)).observe(shadow, { childList: true, subtree: true, characterData: true });
      take(shadow);
    };
    const existing = document.querySelector('iom-lens-card');
    if (existing) watchHost(existing);
    else {
      const bodyWatcher = new MutationObserver(() => {
        const host = document.querySelector('iom-lens-card');
        if (host) {
          bodyWatcher.disconnect();
          watchHost(host);
        }
      });
      bodyWatcher.observe(document.documentElement, { childList: true, subtree: true });
    }
  });
}

const snapshots = (page: Page) => page.evaluate(() => (window as unknown as { cardSnapshots: CardSnapshot[] }).cardSnapshots);

/** Stops the extension's service worker over CDP, as Chrome does after 30 s idle, and waits until it has stopped. */
async function stopServiceWorker(context: BrowserContext, page: Page, extensionId: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const status = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) status.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => [...status.values()]).toContain('running');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => [...status.values()].every((s) => s === 'stopped')).toBe(true);
  await cdp.detach();
}

/** The pipeline's events (first scan, warm-up, card content timings), read through page:stats from the running service worker. */
async function events(context: BrowserContext, extensionId: string) {
  const stats = await pageStats(await currentServiceWorker(context, extensionId));
  return stats?.pipeline?.events ?? { firstScan: null, warmUp: null, cardContent: [] };
}

test.describe('the card and the service worker', () => {
  test('with the service worker asleep, the card shows its local part and a loading state at once, then the summary', async ({
    context,
    extensionId,
    fixtureOrigin,
  }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page, 'former-name');
    // Let the warm-up request finish, then put the worker to sleep.
    await expect.poll(async () => (await events(context, extensionId)).warmUp !== null).toBe(true);
    await page.waitForTimeout(500);
    await stopServiceWorker(context, page, extensionId);
    await recordCardSnapshots(page);
    // ICEM was not warmed up: its content has to come from the sleeping worker.
    const r = await textRect(page, '#former', 'ICEM');
    await hoverSlowly(page, r.x + r.width / 2, r.y + r.height / 2);
    await expect(card(page).locator('.summary')).not.toBeEmpty();
    await expect(card(page).locator('.loading')).toHaveCount(0);
    const seen = await snapshots(page);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    // First render: the entity's name, kind and reason, and a loading line instead of the article.
    expect(seen[0]).toMatchObject({ name: 'Intergovernmental Committee for European Migration (ICEM)', kind: 'Former name', loading: true, summary: false });
    expect(seen[0].reason).toContain('ICEM');
    // Never blank: every state of the card has its name and either the loading line, the summary or an error.
    for (const s of seen) {
      expect(s.name).not.toBe('');
      expect(s.loading || s.summary || s.error).toBe(true);
    }
    expect(seen.some((s) => s.error)).toBe(false);
    const [woken] = (await events(context, extensionId)).cardContent.filter((m) => m.entityId === 'icem');
    expect(woken.state).toBe('ready');
    console.log(`card content with a sleeping service worker: ${woken.durationMs.toFixed(1)} ms after the card opened`);
  });

  test('the first card on a page: the page is scanned before the warm-up, and the card content timing', async ({ context, extensionId, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page);
    await expect.poll(async () => (await events(context, extensionId)).warmUp !== null).toBe(true);
    const { firstScan: scan, warmUp } = await events(context, extensionId);
    // The warm-up `card:get` leaves after the first scan, for the page's first mention.
    expect(scan!.at).toBeLessThanOrEqual(warmUp!.at);
    expect(warmUp!.entityId).toBe('iom');
    // Nothing of this is visible to the page: no User Timing entries.
    expect(await page.evaluate(() => performance.getEntriesByType('mark').length + performance.getEntriesByType('measure').length)).toBe(0);
    // The warm-up's answer is waiting: the first card opens with its summary, without a loading render.
    await page.waitForTimeout(300);
    await recordCardSnapshots(page);
    const figures: string[] = [];
    for (const [selector, text, entityId] of [
      ['#lead', 'International Organization for Migration', 'iom'],
      ['#former', 'ICEM', 'icem'],
    ] as const) {
      const r = await textRect(page, selector, text);
      await hoverSlowly(page, r.x + r.width / 2, r.y + r.height / 2);
      await expect(card(page)).toHaveAttribute('data-entity', entityId);
      await expect(card(page).locator('.summary')).not.toBeEmpty();
      await expect.poll(async () => (await events(context, extensionId)).cardContent.some((e) => e.entityId === entityId)).toBe(true);
      const m = (await events(context, extensionId)).cardContent.find((e) => e.entityId === entityId);
      expect(m?.state).toBe('ready');
      figures.push(`${entityId}: ${m!.durationMs.toFixed(1)} ms`);
      if (entityId === 'iom') expect((await snapshots(page))[0]).toMatchObject({ name: 'International Organization for Migration (IOM)', summary: true, loading: false });
      await page.mouse.move(5, 700);
      await expect(card(page)).toBeHidden();
    }
    console.log(`first cards on a page, open → summary shown: ${figures.join(', ')}`);
  });

  test('when the background answers {error} the card says the article could not be loaded, and asks again next time', async ({
    context,
    serviceWorker,
    fixtureOrigin,
  }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page, 'former-name');
    // A listener that answers card:get synchronously wins over the card service's asynchronous answer.
    await serviceWorker.evaluate(() => {
      const failing = (message: { type?: string }, _sender: unknown, sendResponse: (r: unknown) => void) => {
        if (message?.type === 'card:get') sendResponse({ error: 'the article index is damaged' });
      };
      (globalThis as unknown as { failing: typeof failing }).failing = failing;
      chrome.runtime.onMessage.addListener(failing);
    });
    const r = await textRect(page, '#former', 'ICEM');
    await hoverSlowly(page, r.x + r.width / 2, r.y + r.height / 2);
    const c = card(page);
    await expect(c.locator('.error')).toHaveText('The article could not be loaded: the article index is damaged');
    await expect(c.locator('.error')).toHaveAttribute('role', 'alert');
    // The local part stays: name, kind, era and the search action.
    await expect(c.locator('.name')).toHaveText('Intergovernmental Committee for European Migration (ICEM)');
    await expect(c.locator('.era')).toHaveText('ICEM — name of IOM 1952–1980');
    await expect(c.locator('.search')).toBeVisible();
    await expect(c.locator('.summary')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/card-content-error.png', animations: 'disabled' });
    // The failure was not kept: once the background answers again, the next card has its summary.
    await serviceWorker.evaluate(() => chrome.runtime.onMessage.removeListener((globalThis as unknown as { failing: Parameters<typeof chrome.runtime.onMessage.removeListener>[0] }).failing));
    await page.mouse.move(5, 700);
    await expect(c).toBeHidden();
    await hoverSlowly(page, r.x + r.width / 2, r.y + r.height / 2);
    await expect(c.locator('.summary')).not.toBeEmpty();
    await expect(c.locator('.error')).toHaveCount(0);
  });

  test('the background answers an unknown entity with an error, which the card would show', async ({ openExtensionPage }) => {
    const page = await openExtensionPage('popup.html');
    const reply = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'card:get', entityId: 'no-such-entity' }));
    expect(reply).toEqual({ error: 'unknown entity "no-such-entity"' });
    const known = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'card:get', entityId: 'icem' }));
    expect(known).toMatchObject({ entityId: 'icem', sectionId: 'history' });
  });
});
