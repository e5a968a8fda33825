import { browser, type Browser } from 'wxt/browser';

/** The longest query passed on; a selection can be a whole page. */
const MAX_QUERY_LENGTH = 200;

/** popup.html?q=QUERY[&tab=ID]: the popup in a tab, its search pre-filled, "on this page" bound to tab ID. */
function searchPageUrl(query: string, fromTabId?: number): string {
  const params = new URLSearchParams({ q: query.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH) });
  if (fromTabId !== undefined && fromTabId >= 0) params.set('tab', String(fromTabId));
  return browser.runtime.getURL(`/popup.html?${params}`);
}

/** Opens the search in a new tab next to the tab the request came from. */
export async function openSearchTab(query: string, fromTab?: { id?: number; index?: number; windowId?: number }): Promise<void> {
  await browser.tabs.create({
    url: searchPageUrl(query, fromTab?.id),
    ...(fromTab?.index !== undefined ? { index: fromTab.index + 1 } : {}),
    ...(fromTab?.windowId !== undefined ? { windowId: fromTab.windowId } : {}),
    ...(fromTab?.id !== undefined ? { openerTabId: fromTab.id } : {}),
  });
}

/** Handles `{type: 'search:open', query}` (from the card's "search" action). */
export function answerSearchOpen(message: { query: string }, sender: Browser.runtime.MessageSender): Promise<{ ok: true }> {
  return openSearchTab(message.query, sender.tab).then(() => ({ ok: true }));
}
