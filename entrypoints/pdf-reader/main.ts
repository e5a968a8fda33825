import { handlerStream } from '@/src/pdf/mime-handler';
import { nextTask } from '@/src/pdf/next-task';
import '@/src/pdf/reader.css';

// pdf.js (most of the reader's weight) loads only once it is clear the reader will show the PDF:
// with the PDF setting off, the handler falls back to Chrome's viewer without it.
// A module's evaluation is one task that cannot be split, so the reader's code comes in three
// chunks, each evaluated in a task of its own (a dynamic import resolves after its fetch, in a
// later task): the extension API polyfill, pdf.js itself, then its viewer with the reader.
// Evaluated together they were one task of 53 ms of CPU (README "PDFs", the long tasks).
// An import resolves in the task that evaluated its module, and the next import() starts there
// (Vite's preload helper adding the chunk's stylesheet and module links: 15-22 ms of CPU after
// pdf.js's evaluation), so each import waits for a task of its own.
void handlerStream().then(async (stream) => {
  if (stream === 'fell-back') return;
  await import('wxt/browser');
  await nextTask();
  await import('@/src/pdf/pdfjs');
  await nextTask();
  const { startReader } = await import('@/src/pdf/reader');
  // Building the reader (pdf.js's viewer, the toolbar) is a task of its own too.
  await nextTask();
  await startReader(stream);
});
