import { browser } from 'wxt/browser';
import { readerPathFor } from '../pdf/source';
import { t } from '../ui/i18n';

const OPEN_PDF_MENU_ID = 'iom-lens-open-pdf';
/** Pages and links whose path ends in .pdf (match patterns see the path with its query). */
const PDF_URL_PATTERNS = ['*://*/*.pdf', '*://*/*.PDF', 'file:///*.pdf', 'file:///*.PDF'];

/**
 * Firefox only (Chrome opens PDFs in the reader itself, as their handler): "Open this PDF
 * in IOM Lens" on a PDF tab and on links to PDFs. The reader then loads that URL: a request
 * made after the user's click, as if they had opened the link.
 */
export function registerPdfMenu(): void {
  if (import.meta.env.BROWSER !== 'firefox') return;
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: OPEN_PDF_MENU_ID,
      title: t('menuOpenPdf'),
      contexts: ['page', 'link'],
      documentUrlPatterns: PDF_URL_PATTERNS,
      targetUrlPatterns: PDF_URL_PATTERNS,
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== OPEN_PDF_MENU_ID) return;
    const pdfUrl = info.linkUrl ?? info.pageUrl;
    if (!pdfUrl) return;
    const url = browser.runtime.getURL(readerPathFor(pdfUrl) as '/pdf-reader.html');
    const opened =
      info.linkUrl || tab?.id === undefined
        ? browser.tabs.create({ url, index: tab?.index !== undefined ? tab.index + 1 : undefined })
        : browser.tabs.update(tab.id, { url });
    opened.catch((error: unknown) => console.warn('[IOM Lens] could not open the PDF reader', error));
  });
}
