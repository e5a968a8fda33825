import { browser } from 'wxt/browser';
import { t } from '../ui/i18n';
import { openSearchTab } from './search-opener';

const LOOK_UP_MENU_ID = 'iom-lens-look-up';

/** The context-menu click: opens the search with the selected text. */
async function onLookUpClicked(
  info: { menuItemId: string | number; selectionText?: string },
  tab?: { id?: number; index?: number; windowId?: number },
): Promise<void> {
  if (info.menuItemId !== LOOK_UP_MENU_ID || !info.selectionText?.trim()) return;
  await openSearchTab(info.selectionText, tab);
}

/**
 * "Look up “%s” in IOM Lens" on selected text. Menu items persist across service-worker
 * restarts, so they are created once per install/update; the click listener is
 * registered at every start.
 */
export function registerContextMenu(): void {
  browser.runtime.onInstalled.addListener(() => {
    // removeAll first: an update keeps the old items, and creating an existing id fails.
    browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({ id: LOOK_UP_MENU_ID, title: t('menuLookUp'), contexts: ['selection'] }),
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    onLookUpClicked(info, tab).catch((error) => console.warn('[IOM Lens] look-up failed', error));
  });
}
