import { browser } from 'wxt/browser';
import { readerPathFor } from '../pdf/source';
import { t } from '../ui/i18n';

/** On a PDF tab (Firefox's own viewer), and on a link to a PDF on any page. */
const OPEN_PDF_MENU_ID = 'iom-lens-open-pdf';
const OPEN_PDF_LINK_MENU_ID = 'iom-lens-open-pdf-link';
/** Pages and links whose path ends in .pdf (match patterns see the path with its query). */
const PDF_URL_PATTERNS = ['*://*/*.pdf', '*://*/*.PDF', 'file:///*.pdf', 'file:///*.PDF'];

/**
 * Firefox only (Chrome opens PDFs in the reader itself, as their handler): "Open this PDF
 * in IOM Lens" on a PDF tab and on links to PDFs. The reader then loads that URL: a request
 * made after the user's click, as if they had opened the link.
 *
 * Two items, as Firefox applies each pattern to every context of an item: with targetUrlPatterns
 * an item is hidden where there is no target (a page), and with documentUrlPatterns a link counts
 * only on a PDF page. One item with both showed on neither (found by the Firefox suite's real
 * right-click).
 */
export function registerPdfMenu(): void {
  if (import.meta.env.BROWSER !== 'firefox') return;
  browser.runtime.onInstalled.addListener(() => {
    const title = t('menuOpenPdf');
    browser.contextMenus.create({ id: OPEN_PDF_MENU_ID, title, contexts: ['page'], documentUrlPatterns: PDF_URL_PATTERNS });
    browser.contextMenus.create({ id: OPEN_PDF_LINK_MENU_ID, title, contexts: ['link'], targetUrlPatterns: PDF_URL_PATTERNS });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== OPEN_PDF_MENU_ID && info.menuItemId !== OPEN_PDF_LINK_MENU_ID) return;
    const pdfUrl = info.menuItemId === OPEN_PDF_LINK_MENU_ID ? info.linkUrl : info.pageUrl;
    if (!pdfUrl) return;
    const url = browser.runtime.getURL(readerPathFor(pdfUrl) as '/pdf-reader.html');
    // A link opens beside its page, as "Open Link in New Tab" does; the PDF tab itself shows the reader.
    const opened =
      info.menuItemId === OPEN_PDF_LINK_MENU_ID || tab?.id === undefined
        ? browser.tabs.create({ url, index: tab?.index !== undefined ? tab.index + 1 : undefined })
        : browser.tabs.update(tab.id, { url });
    opened.catch((error: unknown) => console.warn('[IOM Lens] could not open the PDF reader', error));
  });
}
