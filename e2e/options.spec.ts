/// <reference types="chrome" />
import AxeBuilder from '@axe-core/playwright';
import type { Worker } from '@playwright/test';
import { test, expect } from './fixtures';
import { highlightSize, waitForHighlights } from './page-helpers';

/** --bg of src/ui/base.css in each scheme, as getComputedStyle reports it. */
const LIGHT_BACKGROUND = 'rgb(255, 255, 255)';
const DARK_BACKGROUND = 'rgb(21, 25, 30)';

async function storedSettings(serviceWorker: Worker): Promise<unknown> {
  return serviceWorker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings ?? null);
}

test.describe('options page', () => {
  test('changes are stored at once (only what changed), survive a reload, and apply live to an open page', async ({ context, serviceWorker, fixtureOrigin, openExtensionPage }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/ui-mentions.html`);
    await waitForHighlights(page, 'former-name');

    const options = await openExtensionPage('options.html');
    await expect(options.getByRole('heading', { name: 'IOM Lens options' })).toBeVisible();
    await options.getByRole('checkbox', { name: /Former names/ }).uncheck();
    await options.getByRole('radio', { name: 'Background' }).check();
    await options.getByRole('radio', { name: 'First mention of each name only' }).check();
    await options.getByRole('radio', { name: 'on every page' }).check();
    await options.getByRole('radio', { name: 'Dark' }).check();
    await options.getByRole('slider', { name: /Card opens after hovering/ }).fill('800');

    await expect
      .poll(() => storedSettings(serviceWorker))
      .toEqual({
        global: {
          kinds: { 'former-name': false },
          highlightStyle: 'background',
          density: 'first-per-entity',
          programmePolicy: 'always',
          theme: 'dark',
          openDelayMs: 800,
        },
        sites: [],
      });
    // The theme applies to the page itself.
    await expect(options.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(options.locator('body')).toHaveCSS('background-color', DARK_BACKGROUND);
    // The open page drops its former-name highlights without a reload.
    await expect.poll(() => highlightSize(page, 'former-name')).toBe(0);
    expect(await highlightSize(page, 'org')).toBeGreaterThan(0);

    await options.reload();
    await expect(options.getByRole('checkbox', { name: /Former names/ })).not.toBeChecked();
    await expect(options.getByRole('radio', { name: 'Background' })).toBeChecked();
    await expect(options.getByRole('slider')).toHaveValue('800');
    await expect(options.getByText('800 ms')).toBeVisible();
    await options.setViewportSize({ width: 900, height: 1400 });
    await options.screenshot({ path: 'test-results/options-dark.png', fullPage: true });

    // Back to the default: the value leaves storage.
    await options.getByRole('checkbox', { name: /Former names/ }).check();
    await expect.poll(async () => ((await storedSettings(serviceWorker)) as { global: object }).global).not.toHaveProperty('kinds');
  });

  test('site list: invalid patterns are refused with a reason; wildcards are added, edited and removed', async ({ serviceWorker, openExtensionPage }) => {
    const options = await openExtensionPage('options.html');
    const input = options.getByRole('textbox', { name: /Add a site/ });
    for (const [typed, message] of [
      ['www.*.org', 'A wildcard is only allowed at the start'],
      ['example.org:8080', 'Leave out the port'],
      ['exa mple.org', 'This is not a valid host name.'],
      ['*', 'would match every site'],
    ] as const) {
      await input.fill(typed);
      await input.press('Enter');
      await expect(options.getByRole('alert')).toContainText(message);
      await expect(input).toHaveAttribute('aria-invalid', 'true');
    }
    expect(await storedSettings(serviceWorker)).toBeNull();

    await input.fill('https://News.Example.org/today');
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await input.fill('*.example.org');
    await input.press('Enter');
    await input.fill('*.example.org');
    await input.press('Enter');
    await expect(options.getByRole('alert')).toHaveText('This site is already in the list.');
    await expect(options.getByRole('rowheader')).toHaveText(['*.example.org', 'news.example.org']);
    await options.getByRole('combobox', { name: 'Highlighting on news.example.org' }).selectOption('on');
    await options.getByRole('combobox', { name: 'Highlight style on *.example.org' }).selectOption('outline');
    await expect
      .poll(() => storedSettings(serviceWorker))
      .toEqual({
        global: {},
        sites: [
          { pattern: 'news.example.org', enabled: true },
          { pattern: '*.example.org', enabled: false, highlightStyle: 'outline' },
        ],
      });
    await options.setViewportSize({ width: 900, height: 1500 });
    await options.screenshot({ path: 'test-results/options-sites.png', fullPage: true });
    await options.getByRole('button', { name: 'Remove news.example.org' }).click();
    await expect(options.getByRole('rowheader')).toHaveText(['*.example.org']);
    await expect.poll(async () => ((await storedSettings(serviceWorker)) as { sites: unknown[] }).sites).toHaveLength(1);
  });

  test('export downloads the settings as JSON; import of an invalid file is refused with a message and changes nothing; a valid one applies', async ({ serviceWorker, openExtensionPage }) => {
    const options = await openExtensionPage('options.html');
    await options.getByRole('radio', { name: 'Outline' }).check();
    await options.getByRole('textbox', { name: /Add a site/ }).fill('blocked.example');
    await options.getByRole('textbox', { name: /Add a site/ }).press('Enter');
    await expect(options.getByRole('rowheader')).toHaveText(['blocked.example']);
    const before = await storedSettings(serviceWorker);
    expect(before).toEqual({ global: { highlightStyle: 'outline' }, sites: [{ pattern: 'blocked.example', enabled: false }] });

    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export settings' }).click()]);
    expect(download.suggestedFilename()).toBe('iom-lens-settings.json');
    const exported = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
    expect(exported).toEqual({ format: 'iom-lens-settings', version: 2, settings: before });

    const fileInput = options.getByLabel('Import settings from a file');
    const status = options.getByTestId('options-status');
    for (const [name, body, message] of [
      ['broken.json', '{"format": "iom-lens-settings", ', 'this file is not valid JSON'],
      ['other.json', '{"name": "something else"}', 'not an IOM Lens settings export'],
      ['bad-values.json', JSON.stringify({ format: 'iom-lens-settings', version: 2, settings: { global: { theme: 'neon' }, sites: [] } }), 'global.theme has an invalid value'],
      ['future.json', JSON.stringify({ format: 'iom-lens-settings', version: 99, settings: {} }), 'newer version of IOM Lens'],
    ] as const) {
      await fileInput.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
      await expect(status).toContainText('Import refused, nothing was changed');
      await expect(status).toContainText(message);
      await expect(status).toHaveClass(/error/);
      expect(await storedSettings(serviceWorker)).toEqual(before);
      await expect(options.getByRole('radio', { name: 'Outline' })).toBeChecked();
    }
    await options.screenshot({ path: 'test-results/options-import-refused.png', fullPage: true });

    const valid = { format: 'iom-lens-settings', version: 2, settings: { global: { theme: 'light', kinds: { person: false } }, sites: [{ pattern: '*.example.com', enabled: false }] } };
    await fileInput.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(valid)) });
    await expect(status).toHaveText('Settings imported.');
    expect(await storedSettings(serviceWorker)).toEqual(valid.settings);
    await expect(options.getByRole('checkbox', { name: /People/ })).not.toBeChecked();
    await expect(options.getByRole('rowheader')).toHaveText(['*.example.com']);
  });

  test('reset to defaults asks first, then forgets every change', async ({ serviceWorker, openExtensionPage }) => {
    const options = await openExtensionPage('options.html');
    await options.getByRole('radio', { name: 'never', exact: true }).check();
    await expect.poll(() => storedSettings(serviceWorker)).toEqual({ global: { programmePolicy: 'never' }, sites: [] });
    await options.getByRole('button', { name: 'Reset to defaults' }).click();
    await options.getByRole('button', { name: 'Cancel' }).click();
    expect(await storedSettings(serviceWorker)).toEqual({ global: { programmePolicy: 'never' }, sites: [] });
    await options.getByRole('button', { name: 'Reset to defaults' }).click();
    await options.getByRole('button', { name: 'Yes, reset' }).click();
    await expect(options.getByTestId('options-status')).toHaveText('Settings reset to defaults.');
    expect(await storedSettings(serviceWorker)).toEqual({ global: {}, sites: [] });
    await expect(options.getByRole('radio', { name: 'only where the text presents them as IOM’s work' })).toBeChecked();
  });

  test('accessibility: the options page has no serious or critical axe violations, in light and dark', async ({ openExtensionPage }) => {
    const options = await openExtensionPage('options.html');
    await options.getByRole('textbox', { name: /Add a site/ }).fill('*.example.org');
    await options.getByRole('textbox', { name: /Add a site/ }).press('Enter');
    await options.getByRole('textbox', { name: /Add a site/ }).fill('bad host');
    await options.getByRole('textbox', { name: /Add a site/ }).press('Enter');
    await expect(options.getByRole('alert')).toBeVisible();
    const serious = async () =>
      (await new AxeBuilder({ page: options }).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(await serious()).toEqual([]);
    // "System" follows the browser's colour scheme; "Dark" forces dark even in a light one.
    await options.emulateMedia({ colorScheme: 'dark' });
    await expect(options.locator('body')).toHaveCSS('background-color', DARK_BACKGROUND);
    await options.emulateMedia({ colorScheme: 'light' });
    await expect(options.locator('body')).toHaveCSS('background-color', LIGHT_BACKGROUND);
    await options.getByRole('radio', { name: 'Dark' }).check();
    await expect(options.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(options.locator('body')).toHaveCSS('background-color', DARK_BACKGROUND);
    expect(await serious()).toEqual([]);
  });
});
