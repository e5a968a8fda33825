/**
 * Writes the PDFs the reader's end-to-end tests and the demo open, with text known here:
 *
 *   npx tsx scripts/make-pdf-fixtures.ts OUT_DIR
 *
 * - report-20.pdf: 20 pages; IOM's full name on page 1, wrapped over two lines, a former
 *   name hyphenated at a line end on page 2, an acronym on page 20 (with an outline);
 * - long-500.pdf: 500 pages of prose, one mention every tenth page;
 * - two-columns.pdf: a page set in two columns;
 * - scanned.pdf: a page with only a drawing (no text layer);
 * - corrupt.pdf: bytes that are not a PDF;
 * - encrypted.pdf: protected by a password (see hand-built-pdfs.ts);
 * - arabic.pdf: IOM's name in Arabic, right to left (see hand-built-pdfs.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encryptedPdf, rightToLeftPdf } from './hand-built-pdfs';
import { PDFDocument, PDFName, PDFString, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const PAGE: [number, number] = [595, 842];
const MARGIN = 60;
const FONT_SIZE = 12;
const LINE_HEIGHT = 18;

const FILLER =
  'Migration policy shapes the lives of millions of people each year, and reports on it are read by researchers, ' +
  'journalists and the staff of many organizations who need clear facts about resettlement, labour mobility and return.';

/** Writes lines top to bottom from `top`; each string is one line of the PDF (one text item). */
function writeLines(page: PDFPage, font: PDFFont, lines: string[], x = MARGIN, top = PAGE[1] - MARGIN): void {
  lines.forEach((line, i) => page.drawText(line, { x, y: top - i * LINE_HEIGHT, size: FONT_SIZE, font, color: rgb(0, 0, 0) }));
}

/** Breaks text into lines of at most `width` characters (the fixture's own simple wrapping). */
function wrap(text: string, width = 80): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

async function report20(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Migration report (IOM Lens test)');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 20; n++) {
    const page = doc.addPage(PAGE);
    const lines: string[] = [`Page ${n}`];
    if (n === 1) {
      lines.push('This report was written with the help of the International Organization for');
      lines.push('Migration, which works with governments on resettlement and labour mobility.');
    }
    if (n === 2) {
      lines.push('In 1952 the Provisional Intergovernmental Committee for the Movement of Migrants');
      lines.push('from Europe became the Intergovernmental Committee for Euro-');
      lines.push('pean Migration (ICEM), which moved refugees and migrants overseas.');
    }
    if (n === 20) lines.push('Annex: offices of IOM in the region and the migrants they assist.');
    lines.push(...wrap(FILLER), ...wrap(FILLER));
    writeLines(page, font, lines);
  }
  addOutline(doc, [
    ['Introduction', 0],
    ['History', 1],
    ['Annex', 19],
  ]);
  return doc.save();
}

/** A flat outline (bookmarks) pointing at page indexes. */
function addOutline(doc: PDFDocument, entries: [string, number][]): void {
  const context = doc.context;
  const outlinesRef = context.nextRef();
  const refs = entries.map(() => context.nextRef());
  entries.forEach(([title, pageIndex], i) => {
    const page = doc.getPage(pageIndex);
    const item = context.obj({
      Title: PDFString.of(title),
      Parent: outlinesRef,
      Dest: context.obj([page.ref, PDFName.of('Fit')]),
      ...(i > 0 ? { Prev: refs[i - 1] } : {}),
      ...(i < refs.length - 1 ? { Next: refs[i + 1] } : {}),
    });
    context.assign(refs[i], item);
  });
  context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: refs[0], Last: refs[refs.length - 1], Count: refs.length }));
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
}

async function long500(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 500; n++) {
    const page = doc.addPage(PAGE);
    const lines = [`Page ${n}`];
    if (n % 10 === 0) lines.push(`Section ${n / 10}: the International Organization for Migration in the field.`);
    for (let i = 0; i < 4; i++) lines.push(...wrap(FILLER));
    writeLines(page, font, lines);
  }
  return doc.save();
}

async function twoColumns(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage(PAGE);
  const columnWidth = 34;
  const left = wrap(`The first column tells how the International Organization for Migration began. ${FILLER}`, columnWidth);
  const right = wrap(`The second column lists the Directors General of IOM since 1951. ${FILLER}`, columnWidth);
  writeLines(page, font, left, MARGIN);
  writeLines(page, font, right, PAGE[0] / 2 + 10);
  return doc.save();
}

async function scanned(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage(PAGE);
  // A "scan": shapes only, no text operators.
  for (let i = 0; i < 30; i++) page.drawRectangle({ x: MARGIN, y: PAGE[1] - MARGIN - i * LINE_HEIGHT, width: 300 + (i % 5) * 30, height: 8, color: rgb(0.2, 0.2, 0.2) });
  return doc.save();
}

export async function writePdfFixtures(outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const files: [string, Uint8Array][] = [
    ['report-20.pdf', await report20()],
    ['long-500.pdf', await long500()],
    ['two-columns.pdf', await twoColumns()],
    ['scanned.pdf', await scanned()],
    ['corrupt.pdf', new TextEncoder().encode('%PDF-1.7\nthis is not really a PDF: the cross-reference table is missing\n')],
    ['encrypted.pdf', encryptedPdf()],
    ['arabic.pdf', rightToLeftPdf()],
  ];
  for (const [name, bytes] of files) writeFileSync(path.join(outDir, name), bytes);
  return files.map(([name]) => name);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: tsx scripts/make-pdf-fixtures.ts OUT_DIR');
    process.exit(2);
  }
  writePdfFixtures(outDir).then((names) => console.log(`wrote ${names.join(', ')} to ${outDir}`));
}
