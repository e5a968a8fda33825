/**
 * Where the reader's PDF comes from, and the reader's own URL. Pure: runs in Node tests.
 *
 * - Chrome opens the reader as the PDF handler (manifest `mime_types_handler`): the bytes
 *   Chrome already downloaded are read from the handler's stream URL; the tab keeps the
 *   PDF's own URL.
 * - "Open this PDF in IOM Lens" (Firefox, which has no handler API) opens
 *   `pdf-reader.html?url=…`: the reader loads that URL, after the user's click.
 * - Without either, the reader asks for a local file (picked or dropped: no request).
 */
export const READER_PAGE = '/pdf-reader.html';
const URL_PARAM = 'url';

/** The reader's address for a PDF URL (relative to the extension's origin). */
export function readerPathFor(pdfUrl: string): string {
  return `${READER_PAGE}?${URL_PARAM}=${encodeURIComponent(pdfUrl)}`;
}

/** The PDF URL a reader address asks for: only http(s) and file URLs, never anything else. */
export function requestedPdfUrl(search: string): string | undefined {
  const value = new URLSearchParams(search).get(URL_PARAM);
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'file:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** True when a tab's URL looks like a PDF (its path ends in .pdf): the popup then offers the reader. */
export function looksLikePdfUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return /^(https?|file):$/.test(parsed.protocol) && /\.pdf$/i.test(parsed.pathname);
  } catch {
    return false;
  }
}

/** The file name to offer when downloading: the URL's last path segment, or "document.pdf". */
export function pdfFileName(url: string | undefined): string {
  if (!url) return 'document.pdf';
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    if (!last) return 'document.pdf';
    return /\.pdf$/i.test(last) ? last : `${last}.pdf`;
  } catch {
    return 'document.pdf';
  }
}
