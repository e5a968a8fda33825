import { getGlobalSettings } from '../settings/store';

/**
 * Chrome's PDF handler API (chrome.mimeHandler, Chrome 151+), present when Chrome opened
 * the reader page as the handler of a PDF (manifest `mime_types_handler`).
 * https://developer.chrome.com/docs/extensions/reference/api/mimeHandler
 */
interface MimeHandlerStreamInfo {
  /** The bytes Chrome already downloaded for the tab. */
  streamUrl: string;
  /** The PDF's own URL (the tab's address). */
  originalUrl: string;
  tabId: number;
}

interface MimeHandlerApi {
  getStreamInfo(): Promise<MimeHandlerStreamInfo>;
  abortAndFallbackToNativeHandler(): Promise<void>;
}

export interface HandlerStream {
  info: MimeHandlerStreamInfo;
  handler: MimeHandlerApi;
}

function mimeHandler(): MimeHandlerApi | undefined {
  const api = (globalThis as { chrome?: { mimeHandler?: MimeHandlerApi } }).chrome?.mimeHandler;
  return typeof api?.getStreamInfo === 'function' ? api : undefined;
}

/**
 * Decides before pdf.js is even loaded (this module is all the reader page loads first):
 * the handler's stream to read; 'fell-back' when the user chose the browser's viewer and
 * the PDF was handed back to it; undefined when the page is not the PDF handler (Firefox,
 * `?url=`, local files).
 */
export async function handlerStream(): Promise<HandlerStream | 'fell-back' | undefined> {
  const handler = mimeHandler();
  const info = handler ? await handler.getStreamInfo().catch(() => undefined) : undefined;
  if (!handler || !info) return undefined;
  const settings = await getGlobalSettings().catch(() => undefined);
  if (settings && !settings.pdfReader) {
    await handler.abortAndFallbackToNativeHandler();
    return 'fell-back';
  }
  return { info, handler };
}
