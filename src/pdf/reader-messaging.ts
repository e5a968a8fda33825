import { browser } from 'wxt/browser';
import type { ContentRequest, ReaderRequest } from '../messaging/protocol';
import { readMessage } from '../messaging/receive';

/**
 * Sends a `page:*` request to the PDF reader showing `tabId`, if there is one: its answer,
 * or undefined when no reader answers (the tab shows a web page, or the browser's viewer).
 */
export async function askReader(tabId: number, request: ContentRequest): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage({ type: 'reader:page', tabId, request } satisfies ReaderRequest);
  } catch {
    return undefined; // no reader: nobody listens for reader:page
  }
}

/** The reader's side: the request inside a `reader:page` message meant for this tab, else undefined (malformed ones refused with a logged reason). */
export function readerRequestFor(raw: unknown, tabId: number | undefined): ContentRequest | undefined {
  const message = readMessage(raw, 'PDF reader');
  return message?.type === 'reader:page' && tabId !== undefined && message.tabId === tabId ? message.request : undefined;
}
