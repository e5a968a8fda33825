import { browser } from 'wxt/browser';
import { askReader } from '../pdf/reader-messaging';

const NEXT_MENTION_COMMAND = 'next-mention';
const PREVIOUS_MENTION_COMMAND = 'previous-mention';

/**
 * Forwards the next/previous-mention keyboard commands to the active tab's top
 * frame as `{type: 'page:jump', direction}`; the content script scrolls to the
 * mention and opens its card as a dialog. A tab without a content script (browser
 * pages, the Web Store) simply ignores it.
 */
export function registerMentionNavigation(): void {
  browser.commands.onCommand.addListener((command, tab) => {
    const direction = command === NEXT_MENTION_COMMAND ? 'next' : command === PREVIOUS_MENTION_COMMAND ? 'previous' : null;
    if (!direction) return;
    void (async () => {
      const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (tabId === undefined) return;
      // A PDF in IOM Lens's reader answers for its tab; otherwise the top frame's content script.
      if (await askReader(tabId, { type: 'page:jump', direction })) return;
      await browser.tabs.sendMessage(tabId, { type: 'page:jump', direction }, { frameId: 0 }).catch(() => undefined);
    })();
  });
}
