/**
 * pdf.js, set up for an extension page: its worker is a file of the extension (no remote
 * code), and no eval (pdf.js 6 has none; the extension pages' CSP forbids it). The viewer components
 * (pdfjs-dist/web/pdf_viewer.mjs) read the library from globalThis.pdfjsLib, so this
 * module must be imported before them.
 */
import * as pdfjsLib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;
(globalThis as { pdfjsLib?: typeof pdfjsLib }).pdfjsLib = pdfjsLib;

export { pdfjsLib };
