import { browser } from 'wxt/browser';
import * as v from 'valibot';
import { PageMentionsResponseSchema, type ContentRequest, type PageMentionsResponse } from '../messaging/protocol';
import { askReader } from '../pdf/reader-messaging';
import { READER_PAGE } from '../pdf/source';

export interface TargetTab {
  id: number;
  /** The tab's URL when the popup may see it (activeTab grants it for the tab the popup was opened on). */
  url?: string;
}

/**
 * The tab the popup is about. Normally the active tab of the popup's window; when the
 * popup page is opened in a tab of its own (the context menu's search, e2e tests),
 * `?tab=ID` names the tab instead.
 */
export async function findTargetTab(search: string = location.search): Promise<TargetTab | undefined> {
  const params = new URLSearchParams(search);
  const requested = Number(params.get('tab'));
  if (params.has('tab') && Number.isInteger(requested) && requested >= 0) {
    try {
      const tab = await browser.tabs.get(requested);
      return tab.id === undefined ? undefined : { id: tab.id, url: tab.url };
    } catch {
      return undefined; // the tab was closed
    }
  }
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  // Extension pages are not pages to read, except the PDF reader.
  const isReader = active?.url?.startsWith(browser.runtime.getURL(READER_PAGE));
  if (active?.id === undefined || (active.url?.startsWith(browser.runtime.getURL('/')) && !isReader)) return undefined;
  return { id: active.id, url: active.url };
}

/** The reply when it is a page:mentions answer (PageMentionsResponseSchema); undefined for no reply or a malformed one (logged). */
function mentionsResponse(reply: unknown): PageMentionsResponse | undefined {
  if (reply === undefined || reply === null) return undefined;
  const parsed = v.safeParse(PageMentionsResponseSchema, reply);
  if (parsed.success) return parsed.output;
  console.warn(`[IOM Lens] popup refused the page's mentions: ${v.summarize(parsed.issues)}`);
  return undefined;
}

/** Asks the tab's top-frame content script for its mentions; undefined when no content script answers. */
export async function requestPageMentions(tabId: number): Promise<PageMentionsResponse | undefined> {
  const request: ContentRequest = { type: 'page:mentions' };
  // A PDF open in IOM Lens's reader answers for the tab (the content script around it sees no text).
  const fromReader = mentionsResponse(await askReader(tabId, request));
  if (fromReader) return fromReader;
  try {
    return mentionsResponse(await browser.tabs.sendMessage(tabId, request, { frameId: 0 }));
  } catch {
    return undefined; // no content script: a browser page, the web store, or not loaded yet
  }
}

export async function revealOnPage(tabId: number, entityId: string): Promise<void> {
  const request: ContentRequest = { type: 'page:reveal', entityId };
  if (await askReader(tabId, request)) return;
  await browser.tabs.sendMessage(tabId, request, { frameId: 0 });
}
