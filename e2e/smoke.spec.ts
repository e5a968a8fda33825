/// <reference types="chrome" />
import { test, expect } from './fixtures';

test('the extension loads: its service worker runs and the manifest names it', async ({ serviceWorker }) => {
  const manifest = await serviceWorker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.name).toBe('IOM Lens (unofficial)');
  expect(manifest.description).toMatch(/not affiliated/i);
});

test('the content script runs on a fixture page and answers the popup', async ({ context, serviceWorker, fixtureOrigin }) => {
  const page = await context.newPage();
  await page.goto(`${fixtureOrigin}/smoke.html`);
  await expect
    .poll(
      () =>
        // Without the "tabs" permission tab URLs are hidden, so ask every tab.
        serviceWorker.evaluate(async () => {
          for (const tab of await chrome.tabs.query({})) {
            if (tab.id === undefined) continue;
            const reply = await chrome.tabs.sendMessage(tab.id, { type: 'page:mentions' }).catch(() => null);
            if (reply) return reply;
          }
          return null;
        }),
      { message: 'content script never answered page:mentions' },
    )
    .toMatchObject({ host: new URL(fixtureOrigin).host });
});

test('the popup page renders', async ({ openExtensionPage }) => {
  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByRole('heading', { name: 'IOM Lens' })).toBeVisible();
});
