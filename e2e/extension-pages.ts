/// <reference types="chrome" />
import type { Locator, Page, Worker } from '@playwright/test';

/**
 * Page objects for the extension's own pages: what a test does on the popup and the
 * options page, named for the user's view of it (by role and accessible name), so a spec
 * reads as the steps and a markup change is fixed in one place.
 */

/** What storage.sync holds for the settings (null when nothing was ever stored). */
export async function storedSettings(serviceWorker: Worker): Promise<unknown> {
  return serviceWorker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings ?? null);
}

/** The tab id of `page`: without the "tabs" permission tab URLs and titles are hidden, so bring it to the front and ask for the active tab. */
export async function tabIdOf(serviceWorker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await serviceWorker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  if (id === undefined) throw new Error('no active tab');
  return id;
}

type OpenExtensionPage = (file: string) => Promise<Page>;

export class PopupPage {
  constructor(readonly page: Page) {}

  /** The popup as the toolbar opens it, bound to a tab (`?tab=`) or to nothing, with an optional query (`?q=`). */
  static async open(openExtensionPage: OpenExtensionPage, params: { tab?: number; q?: string } = {}): Promise<PopupPage> {
    const query = new URLSearchParams();
    if (params.q !== undefined) query.set('q', params.q);
    if (params.tab !== undefined) query.set('tab', String(params.tab));
    const search = query.size ? `?${query}` : '';
    return new PopupPage(await openExtensionPage(`popup.html${search}`));
  }

  get search(): Locator {
    return this.page.getByRole('combobox');
  }

  get results(): Locator {
    return this.page.getByTestId('search-result');
  }

  get sectionTitle(): Locator {
    return this.page.getByTestId('section-title');
  }

  /** One entity of "On this page". */
  mention(entityId: string): Locator {
    return this.page.locator(`[data-testid="page-mention"][data-entity-id="${entityId}"]`);
  }

  get mentions(): Locator {
    return this.page.getByTestId('page-mention');
  }

  siteSwitch(host: string | RegExp): Locator {
    return this.page.getByRole('switch', { name: typeof host === 'string' ? `Highlight on ${host}` : host });
  }

  get globalSwitch(): Locator {
    return this.page.getByRole('switch', { name: 'IOM Lens on' });
  }
}

export class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(openExtensionPage: OpenExtensionPage): Promise<OptionsPage> {
    return new OptionsPage(await openExtensionPage('options.html'));
  }

  get siteInput(): Locator {
    return this.page.getByRole('textbox', { name: /Add a site/ });
  }

  /** Types a site into "Add a site" and presses Enter. */
  async addSite(typed: string): Promise<void> {
    await this.siteInput.fill(typed);
    await this.siteInput.press('Enter');
  }

  /** The site list's rows, by pattern. */
  get sites(): Locator {
    return this.page.getByRole('rowheader');
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  get status(): Locator {
    return this.page.getByTestId('options-status');
  }

  /** The switch for one kind of mention ("Former names"). */
  kind(name: RegExp): Locator {
    return this.page.getByRole('checkbox', { name });
  }

  radio(name: string, exact?: boolean): Locator {
    return this.page.getByRole('radio', { name, exact });
  }

  /** Chooses a file in "Import settings from a file". */
  async importFile(name: string, body: string): Promise<void> {
    await this.page.getByLabel('Import settings from a file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
  }
}
