/// <reference types="chrome" />
import AxeBuilder from '@axe-core/playwright';
import { OptionsPage, storedSettings } from './extension-pages';
import { test, expect } from './fixtures';
import { highlightSize, waitForHighlights } from './page-helpers';

/** --bg of src/ui/base.css in each scheme, as getComputedStyle reports it. */
const LIGHT_BACKGROUND = 'rgb(255, 255, 255)';
const DARK_BACKGROUND = 'rgb(21, 25, 30)';

test.describe('options page', () => {
  test('changes are stored at once (only what changed), survive a reload, and apply live to an open page', async ({ context, serviceWorker, fixtureOrigin, openExtensionPage }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/ui-mentions.html`);
    await waitForHighlights(page, 'former-name');

    const optionsPage = await OptionsPage.open(openExtensionPage);
    const options = optionsPage.page;
    await expect(options.getByRole('heading', { name: 'IOM Lens options' })).toBeVisible();
    await optionsPage.kind(/Former names/).uncheck();
    await optionsPage.radio('Background').check();
    await optionsPage.radio('First mention of each name only').check();
    await optionsPage.radio('on every page').check();
    await optionsPage.radio('Dark').check();
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
    await expect(optionsPage.kind(/Former names/)).not.toBeChecked();
    await expect(optionsPage.radio('Background')).toBeChecked();
    await expect(options.getByRole('slider')).toHaveValue('800');
    await expect(options.getByText('800 ms')).toBeVisible();
    await options.setViewportSize({ width: 900, height: 1400 });
    await options.screenshot({ path: 'test-results/options-dark.png', fullPage: true });

    // Back to the default: the value leaves storage.
    await optionsPage.kind(/Former names/).check();
    await expect.poll(async () => ((await storedSettings(serviceWorker)) as { global: object }).global).not.toHaveProperty('kinds');
  });

  test('site list: invalid patterns are refused with a reason; wildcards are added, edited and removed', async ({ serviceWorker, openExtensionPage }) => {
    const optionsPage = await OptionsPage.open(openExtensionPage);
    const options = optionsPage.page;
    const input = optionsPage.siteInput;
    for (const [typed, message] of [
      ['www.*.org', 'A wildcard is only allowed at the start'],
      ['example.org:8080', 'Leave out the port'],
      ['exa mple.org', 'This is not a valid host name.'],
      ['*', 'would match every site'],
    ] as const) {
      await optionsPage.addSite(typed);
      await expect(optionsPage.alert).toContainText(message);
      await expect(input).toHaveAttribute('aria-invalid', 'true');
    }
    expect(await storedSettings(serviceWorker)).toBeNull();

    await input.fill('https://News.Example.org/today');
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await optionsPage.addSite('*.example.org');
    await optionsPage.addSite('*.example.org');
    await expect(optionsPage.alert).toHaveText('This site is already in the list.');
    await expect(optionsPage.sites).toHaveText(['*.example.org', 'news.example.org']);
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
    await expect(optionsPage.sites).toHaveText(['*.example.org']);
    await expect.poll(async () => ((await storedSettings(serviceWorker)) as { sites: unknown[] }).sites).toHaveLength(1);
  });

  test('export downloads the settings as JSON; import of an invalid file is refused with a message and changes nothing; a valid one applies', async ({ serviceWorker, openExtensionPage }) => {
    const optionsPage = await OptionsPage.open(openExtensionPage);
    const options = optionsPage.page;
    await optionsPage.radio('Outline').check();
    await optionsPage.addSite('blocked.example');
    await expect(optionsPage.sites).toHaveText(['blocked.example']);
    const before = await storedSettings(serviceWorker);
    expect(before).toEqual({ global: { highlightStyle: 'outline' }, sites: [{ pattern: 'blocked.example', enabled: false }] });

    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export settings' }).click()]);
    expect(download.suggestedFilename()).toBe('iom-lens-settings.json');
    const exported = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
    expect(exported).toEqual({ format: 'iom-lens-settings', version: 2, settings: before });

    const status = optionsPage.status;
    for (const [name, body, message] of [
      ['broken.json', '{"format": "iom-lens-settings", ', 'this file is not valid JSON'],
      ['other.json', '{"name": "something else"}', 'not an IOM Lens settings export'],
      ['bad-values.json', JSON.stringify({ format: 'iom-lens-settings', version: 2, settings: { global: { theme: 'neon' }, sites: [] } }), 'global.theme has an invalid value'],
      ['future.json', JSON.stringify({ format: 'iom-lens-settings', version: 99, settings: {} }), 'newer version of IOM Lens'],
    ] as const) {
      await optionsPage.importFile(name, body);
      await expect(status).toContainText('Import refused, nothing was changed');
      await expect(status).toContainText(message);
      await expect(status).toHaveClass(/error/);
      expect(await storedSettings(serviceWorker)).toEqual(before);
      await expect(optionsPage.radio('Outline')).toBeChecked();
    }
    await options.screenshot({ path: 'test-results/options-import-refused.png', fullPage: true });

    const valid = { format: 'iom-lens-settings', version: 2, settings: { global: { theme: 'light', kinds: { person: false } }, sites: [{ pattern: '*.example.com', enabled: false }] } };
    await optionsPage.importFile('good.json', JSON.stringify(valid));
    await expect(status).toHaveText('Settings imported.');
    expect(await storedSettings(serviceWorker)).toEqual(valid.settings);
    await expect(optionsPage.kind(/People/)).not.toBeChecked();
    await expect(optionsPage.sites).toHaveText(['*.example.com']);
  });

  test('reset to defaults asks first, then forgets every change', async ({ serviceWorker, openExtensionPage }) => {
    const optionsPage = await OptionsPage.open(openExtensionPage);
    const options = optionsPage.page;
    await optionsPage.radio('never', true).check();
    await expect.poll(() => storedSettings(serviceWorker)).toEqual({ global: { programmePolicy: 'never' }, sites: [] });
    await options.getByRole('button', { name: 'Reset to defaults' }).click();
    await options.getByRole('button', { name: 'Cancel' }).click();
    expect(await storedSettings(serviceWorker)).toEqual({ global: { programmePolicy: 'never' }, sites: [] });
    await options.getByRole('button', { name: 'Reset to defaults' }).click();
    await options.getByRole('button', { name: 'Yes, reset' }).click();
    await expect(optionsPage.status).toHaveText('Settings reset to defaults.');
    expect(await storedSettings(serviceWorker)).toEqual({ global: {}, sites: [] });
    await expect(optionsPage.radio('only where the text presents them as IOM’s work')).toBeChecked();
  });

  test('accessibility: the options page has no serious or critical axe violations, in light and dark', async ({ openExtensionPage }) => {
    const optionsPage = await OptionsPage.open(openExtensionPage);
    const options = optionsPage.page;
    await optionsPage.addSite('*.example.org');
    await optionsPage.addSite('bad host');
    await expect(optionsPage.alert).toBeVisible();
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
    await optionsPage.radio('Dark').check();
    await expect(options.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(options.locator('body')).toHaveCSS('background-color', DARK_BACKGROUND);
    expect(await serious()).toEqual([]);
  });
});
