/**
 * The two test PDFs pdf-lib cannot write, built object by object (PDF 1.4, ISO 32000-1):
 *
 * - a password-protected PDF: the standard security handler, revision 2 (RC4 with a 40-bit
 *   key, §7.6.3), user password ENCRYPTED_PDF_PASSWORD; pdf.js asks for it before it can
 *   read a byte of the content;
 * - a right-to-left PDF: an Arabic line, drawn in visual order as PDF producers write it,
 *   with a Type 3 font (plain bars for glyphs, so no font file is needed) whose ToUnicode
 *   map gives the Arabic letters: the text layer then holds the Arabic text in logical
 *   order, as pdf.js's bidi pass makes it.
 */
import { createHash } from 'node:crypto';

export const ENCRYPTED_PDF_PASSWORD = 'iom-lens';
const OWNER_PASSWORD = 'iom-lens-owner';
/** What the Arabic PDF's one mention reads, in logical order: IOM's name in Arabic. */
export const ARABIC_IOM_NAME = 'المنظمة الدولية للهجرة';
const ARABIC_LINE = `تقرير ${ARABIC_IOM_NAME} عن الهجرة`;

/** An indirect object: a dictionary's source, and the stream bytes after it if it is a stream. */
interface PdfObject {
  dict: string;
  stream?: Uint8Array;
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

/**
 * Writes objects 1…n (object 1 is the catalog) with a cross-reference table. `encryptStream`
 * turns object n's stream into what is stored; `trailerExtra` is added to the trailer.
 */
function writePdf(objects: PdfObject[], trailerExtra = '', encryptStream = (_n: number, bytes: Uint8Array) => bytes): Uint8Array {
  const parts: Buffer[] = [latin1('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')];
  let length = parts[0].length;
  const offsets: number[] = [];
  const push = (part: Buffer) => {
    parts.push(part);
    length += part.length;
  };
  objects.forEach((object, i) => {
    const n = i + 1;
    offsets.push(length);
    if (object.stream) {
      const stored = encryptStream(n, object.stream);
      push(latin1(`${n} 0 obj\n<< ${object.dict} /Length ${stored.length} >>\nstream\n`));
      push(Buffer.from(stored));
      push(latin1('\nendstream\nendobj\n'));
    } else push(latin1(`${n} 0 obj\n${object.dict}\nendobj\n`));
  });
  const xref = length;
  const rows = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  push(latin1(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}`));
  push(latin1(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/** A one-page document: catalog 1, pages 2, page 3, content 4, then `extra` objects from 5. */
function onePage(content: string, fonts: string, extra: PdfObject[]): PdfObject[] {
  return [
    { dict: '<< /Type /Catalog /Pages 2 0 R >>' },
    { dict: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { dict: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << ${fonts} >> >> /Contents 4 0 R >>` },
    { dict: '', stream: latin1(content) },
    ...extra,
  ];
}

/** PDF text string escaping for a literal string. */
const pdfString = (text: string) => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;

function textLines(lines: string[], top = 780): string {
  return `BT /F1 12 Tf 18 TL 60 ${top} Td ${lines.map((line) => `${pdfString(line)} '`).join(' ')} ET`;
}

// ---- the standard security handler, revision 2 (ISO 32000-1 §7.6.3.3, algorithms 1–4) ----

/** The 32-byte padding string of algorithm 2. */
const PASSWORD_PADDING = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');
/** All permissions granted (bits 1–2 are 0; ISO 32000-1 table 22). */
const PERMISSIONS = -4;
const KEY_BYTES = 5;

const md5 = (...parts: Uint8Array[]) => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

function padPassword(password: string): Buffer {
  return Buffer.concat([latin1(password), PASSWORD_PADDING]).subarray(0, 32);
}

/** RC4 (Node's OpenSSL 3 has it only in its legacy provider; it is ten lines). */
function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

export function encryptedPdf(): Uint8Array {
  const fileId = md5(latin1('IOM Lens encrypted test PDF'));
  const owner = rc4(md5(padPassword(OWNER_PASSWORD)).subarray(0, KEY_BYTES), padPassword(ENCRYPTED_PDF_PASSWORD));
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(PERMISSIONS);
  const fileKey = md5(padPassword(ENCRYPTED_PDF_PASSWORD), owner, permissions, fileId).subarray(0, KEY_BYTES);
  const user = rc4(fileKey, PASSWORD_PADDING);
  const objectKey = (n: number) => md5(fileKey, Uint8Array.of(n & 255, (n >> 8) & 255, (n >> 16) & 255, 0, 0)).subarray(0, KEY_BYTES + 5);
  const content = textLines([
    'A protected report',
    'This report was written with the help of the International Organization for Migration.',
  ]);
  const objects = onePage(content, '/F1 5 0 R', [
    { dict: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' },
    { dict: `<< /Filter /Standard /V 1 /R 2 /O <${hex(owner)}> /U <${hex(user)}> /P ${PERMISSIONS} >>` },
  ]);
  return writePdf(objects, `/Encrypt 6 0 R /ID [<${hex(fileId)}> <${hex(fileId)}>]`, (n, bytes) => rc4(objectKey(n), bytes));
}

// ---- right to left ----

/** Glyph width and bar height in the Type 3 font's 1000-unit glyph space. */
const GLYPH_WIDTH = 500;
const BAR_HEIGHT = 450;

export function rightToLeftPdf(): Uint8Array {
  const characters = [...new Set(ARABIC_LINE)];
  const codeOf = new Map(characters.map((c, i) => [c, i + 1]));
  // Visual order: the first glyph drawn (leftmost) is the line's last letter.
  const codes = [...ARABIC_LINE].reverse().map((c) => codeOf.get(c)!);
  const shown = `<${codes.map((code) => code.toString(16).padStart(2, '0')).join('')}>`;
  const content = `${textLines(['A summary in Arabic:'])} BT /F2 14 Tf 60 740 Td ${shown} Tj ET`;
  const glyphNames = characters.map((_, i) => `/g${i + 1}`);
  const firstExtra = 7;
  const charProcs = characters.map((c, i) => `/g${i + 1} ${firstExtra + i} 0 R`).join(' ');
  const toUnicode = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /IOMLens-UCS def /CMapType 2 def',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    `${characters.length} beginbfchar`,
    ...characters.map((c, i) => `<${(i + 1).toString(16).padStart(2, '0')}> <${c.codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase()}>`),
    'endbfchar endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const objects = onePage(content, '/F1 5 0 R /F2 6 0 R', [
    { dict: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' },
    {
      dict:
        `<< /Type /Font /Subtype /Type3 /FontBBox [0 0 ${GLYPH_WIDTH} ${BAR_HEIGHT}] /FontMatrix [0.001 0 0 0.001 0 0] ` +
        `/CharProcs << ${charProcs} >> /Encoding << /Type /Encoding /Differences [1 ${glyphNames.join(' ')}] >> ` +
        `/FirstChar 1 /LastChar ${characters.length} /Widths [${characters.map(() => GLYPH_WIDTH).join(' ')}] ` +
        `/Resources << >> /ToUnicode ${firstExtra + characters.length} 0 R >>`,
    },
    // A space draws nothing; a letter is a bar whose height varies, so the line reads as text at a glance.
    ...characters.map((c, i) => ({
      dict: '',
      stream: latin1(
        c === ' ' ? `${GLYPH_WIDTH} 0 d0` : `${GLYPH_WIDTH} 0 0 0 ${GLYPH_WIDTH} ${BAR_HEIGHT} d1 40 0 ${GLYPH_WIDTH - 80} ${BAR_HEIGHT - (i % 4) * 80} re f`,
      ),
    })),
    { dict: '', stream: latin1(toUnicode) },
  ]);
  return writePdf(objects);
}
