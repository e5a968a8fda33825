import { handlerStream } from '@/src/pdf/mime-handler';
import '@/src/pdf/reader.css';

// pdf.js (most of the reader's weight) loads only once it is clear the reader will show the PDF:
// with the PDF setting off, the handler falls back to Chrome's viewer without it.
void handlerStream().then(async (stream) => {
  if (stream === 'fell-back') return;
  const { startReader } = await import('@/src/pdf/reader');
  await startReader(stream);
});
