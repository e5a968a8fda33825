/**
 * Folding of page text for matching: one pass that builds a "folded" string in which
 * spelling variants that do not change a name collapse to one form, plus a map back to
 * UTF-16 offsets in the original text (mentions always point into the original).
 *
 * - any run of whitespace (incl. no-break, narrow and figure spaces, line breaks) → one " "
 * - invisible characters inside words (soft hyphen, zero-width space/joiners, BOM) → dropped
 * - hyphen and dash variants → "-"; curly/straight apostrophes → "'", double quotes → '"';
 *   full-width parentheses → "(" and ")"
 * - accents and other combining marks → dropped ("Organización" → "Organizacion")
 * - a page or line number of at most 3 digits right after a line break, alone on its line or
 *   inside a sentence that continues ("Organization\n12\nfor Migration") → dropped (PDF text)
 * Case is kept: acronyms are matched case-sensitively, names with the regex i flag.
 */

export interface FoldedText {
  /** The folded text; matchers run over this. */
  text: string;
  /** For each UTF-16 unit of `text`, the start of the original character it came from. */
  sourceStart: Int32Array;
  /** For each UTF-16 unit of `text`, the end (exclusive) of the original character(s) it came from. */
  sourceEnd: Int32Array;
}

const INVISIBLE = /^[\u00AD\u200B-\u200D\u2060\uFEFF]$/;
const SPACE = /^\s$/u;
const DASH = /^[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]$/;
const SINGLE_QUOTE = /^[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4\uFF07]$/;
const DOUBLE_QUOTE = /^[\u201C-\u201F\u2033\u00AB\u00BB\uFF02]$/;
const COMBINING_MARK = /\p{M}/gu;

/** What one non-ASCII character folds to ('' = dropped, ' ' = whitespace). Cached: pages repeat characters. */
const foldCache = new Map<string, string>();

function foldCharacter(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let out: string;
  if (SPACE.test(ch)) out = ' ';
  else if (INVISIBLE.test(ch)) out = '';
  else if (DASH.test(ch)) out = '-';
  else if (SINGLE_QUOTE.test(ch)) out = "'";
  else if (DOUBLE_QUOTE.test(ch)) out = '"';
  else if (ch === '\u30FB' || ch === '\u2027' || ch === '\u2022' || ch === '\uFF65') out = '\u00B7'; // name dots: 艾米·波普
  else if (ch === '\uFF08') out = '('; // full-width parentheses, as in "国际移民组织（IOM）"
  else if (ch === '\uFF09') out = ')';
  else {
    const stripped = ch.normalize('NFD').replace(COMBINING_MARK, '');
    // Keep characters whose decomposition is not "base + marks" (e.g. Hangul syllables
    // decompose into several letters): folding them would change the text, not an accent.
    out = stripped.length <= ch.length ? stripped : ch;
  }
  foldCache.set(ch, out);
  return out;
}

/** Fold a form or a short string the same way page text is folded (no offset map). */
export function foldString(text: string): string {
  return foldText(text).text;
}

/**
 * The folded code units are built here and only read back as a string, so one buffer serves
 * every call (foldText never calls itself): a page's scan folds millions of characters, and a
 * fresh buffer per call was memory outside the JS heap that V8 counts toward its next major GC.
 */
let unitsScratch = new Uint16Array(0);
/** Texts longer than this (a whole page, a PDF) get a buffer of their own, so the one kept stays small (256 KiB: the page pipeline's chunks are at most about 50 000 characters). */
const UNITS_SCRATCH_MAX = 131_072;

/**
 * Offset maps one reader reuses from call to call (the detector keeps one): what foldText(text, buffers)
 * returns is valid until the next call with the same buffers. The page pipeline folds every chunk of a
 * page, 8 bytes of maps per character, and fresh maps per chunk were memory outside the JS heap that
 * drove V8's major GCs during detection (issue 9: the 20 MiB page's GC task). Texts longer than
 * UNITS_SCRATCH_MAX get maps of their own, so the buffers kept stay small.
 */
export class FoldBuffers {
  sourceStart = new Int32Array(0);
  sourceEnd = new Int32Array(0);
}

/** The size a scratch buffer of `current` units grows to so that it holds `needed` (at most UNITS_SCRATCH_MAX). */
const grownSize = (current: number, needed: number): number => Math.min(UNITS_SCRATCH_MAX, Math.max(needed, 2 * current));

export function foldText(original: string, buffers?: FoldBuffers): FoldedText {
  const length = original.length;
  // Folding never lengthens a character (see foldCharacter), so `length` units suffice.
  // Code units go straight into a typed array: linear time, no string building per character.
  const fits = length <= UNITS_SCRATCH_MAX;
  if (fits && unitsScratch.length < length) unitsScratch = new Uint16Array(grownSize(unitsScratch.length, length));
  const units = fits ? unitsScratch : new Uint16Array(length);
  const reuse = buffers !== undefined && fits;
  if (reuse && buffers.sourceStart.length < length) {
    const size = grownSize(buffers.sourceStart.length, length);
    buffers.sourceStart = new Int32Array(size);
    buffers.sourceEnd = new Int32Array(size);
  }
  const sourceStart = reuse ? buffers.sourceStart : new Int32Array(length);
  const sourceEnd = reuse ? buffers.sourceEnd : new Int32Array(length);
  let out = 0;
  let lastWasSpace = false;
  // The folded string is the original's unchanged runs joined with what replaces the rest: one copy,
  // where decoding `units` costs an argument list of 8 bytes per character (String.fromCharCode.apply).
  // Only while no character is above U+00FF: then the original is one-byte and so are its runs. A
  // two-byte original's runs are two-byte, and the scans read a two-byte string about 40% slower,
  // so its folded text is decoded from `units`, one-byte whenever the folded characters allow.
  let latin1 = true;
  const runs: string[] = [];
  let unchangedFrom = 0;
  /** Original [at, resumeAt) is not copied as is: `replacement` (or nothing) stands for it. */
  const replace = (at: number, replacement: string, resumeAt: number): void => {
    if (!latin1) return;
    if (at > unchangedFrom) runs.push(original.slice(unchangedFrom, at));
    if (replacement !== '') runs.push(replacement);
    unchangedFrom = resumeAt;
  };

  for (let i = 0; i < length; ) {
    const code = original.charCodeAt(i);
    if (code < 0x80) {
      if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) {
        if (lastWasSpace) {
          sourceEnd[out - 1] = i + 1;
          replace(i, '', i + 1);
        } else {
          units[out] = 0x20;
          sourceStart[out] = i;
          sourceEnd[out] = i + 1;
          out++;
          lastWasSpace = true;
          if (code !== 0x20) replace(i, ' ', i + 1);
        }
        if (code === 0x0a) {
          const skipTo = strayNumberEnd(original, i + 1, out >= 2 ? units[out - 2] : 0);
          if (skipTo > i + 1) {
            sourceEnd[out - 1] = skipTo;
            replace(i + 1, '', skipTo);
            i = skipTo;
            continue;
          }
        }
      } else {
        units[out] = code === 0x60 ? 0x27 : code; // backtick → apostrophe
        sourceStart[out] = i;
        sourceEnd[out] = i + 1;
        out++;
        lastWasSpace = false;
        if (code === 0x60) replace(i, "'", i + 1);
      }
      i++;
      continue;
    }
    if (code > 0xff) latin1 = false;
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      const next = original.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) width = 2;
    }
    const character = width === 1 ? String.fromCharCode(code) : original.slice(i, i + 2);
    const folded = foldCharacter(character);
    if (folded === ' ') {
      if (lastWasSpace) {
        sourceEnd[out - 1] = i + width;
        replace(i, '', i + width);
      } else {
        units[out] = 0x20;
        sourceStart[out] = i;
        sourceEnd[out] = i + width;
        out++;
        lastWasSpace = true;
        replace(i, ' ', i + width);
      }
    } else if (folded === '') {
      // A dropped mark or invisible character belongs to the character before it.
      if (out > 0) sourceEnd[out - 1] = i + width;
      replace(i, '', i + width);
    } else {
      for (let k = 0; k < folded.length; k++) {
        units[out] = folded.charCodeAt(k);
        sourceStart[out] = i;
        sourceEnd[out] = i + width;
        out++;
      }
      lastWasSpace = false;
      if (folded !== character) replace(i, folded, i + width);
    }
    i += width;
  }
  let text: string;
  if (latin1) {
    if (length > unchangedFrom) runs.push(original.slice(unchangedFrom));
    text = runs.length === 1 ? runs[0] : runs.join('');
  } else text = unitsToString(units, out);
  return { text, sourceStart: sourceStart.subarray(0, out), sourceEnd: sourceEnd.subarray(0, out) };
}

/** Page and line numbers from PDF text have at most this many digits (a 4-digit "2014" may be a year: kept). */
const STRAY_NUMBER_MAX_DIGITS = 3;

const isBlank = (code: number) => code === 0x20 || code === 0x09 || code === 0x0d;
const isAsciiLetter = (code: number) => (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);

/**
 * After a line break at `from - 1`: where a stray page or line number from PDF text ends, or `from`
 * when there is none. "…Organization\n12\nfor Migration" (a page number alone on its line) and
 * "…International Organization\n12 for Migration" (a line number, where the previous line ends
 * inside a sentence: a lower-case letter or a comma) fold as if the number were not there.
 */
function strayNumberEnd(original: string, from: number, previousUnit: number): number {
  let j = from;
  while (j < original.length && isBlank(original.charCodeAt(j))) j++;
  const digitsFrom = j;
  while (j < original.length && j - digitsFrom <= STRAY_NUMBER_MAX_DIGITS && original.charCodeAt(j) >= 0x30 && original.charCodeAt(j) <= 0x39) j++;
  const digits = j - digitsFrom;
  if (digits === 0 || digits > STRAY_NUMBER_MAX_DIGITS) return from;
  let k = j;
  while (k < original.length && isBlank(original.charCodeAt(k))) k++;
  // Alone on its line: the next line break is folded with the rest of the whitespace.
  if (original.charCodeAt(k) === 0x0a) return k;
  const continuesSentence = (previousUnit >= 0x61 && previousUnit <= 0x7a) || previousUnit === 0x2c;
  if (k > j && continuesSentence && isAsciiLetter(original.charCodeAt(k))) return k;
  return from;
}

/** Characters decoded per String.fromCharCode.apply call: well under engines' argument-count limits, and a short last chunk (decoded from the typed array, with its own argument list). */
const DECODE_CHUNK_UNITS = 1024;

/**
 * The arguments of each full chunk's String.fromCharCode.apply, copied out of the typed array:
 * given a typed array, apply first builds an argument list of its own (8 bytes per character, the
 * largest allocation of a detection), given a plain array of small integers it does not.
 */
const decodeArguments: number[] = new Array<number>(DECODE_CHUNK_UNITS).fill(0);

function unitsToString(units: Uint16Array, length: number): string {
  const chunks: string[] = [];
  let at = 0;
  for (; at + DECODE_CHUNK_UNITS <= length; at += DECODE_CHUNK_UNITS) {
    for (let k = 0; k < DECODE_CHUNK_UNITS; k++) decodeArguments[k] = units[at + k];
    chunks.push(String.fromCharCode.apply(null, decodeArguments));
  }
  // The last, shorter chunk: a plain array cut to its length would be reallocated when it grows back.
  if (at < length) chunks.push(String.fromCharCode.apply(null, units.subarray(at, length) as unknown as number[]));
  return chunks.length === 1 ? chunks[0] : chunks.join('');
}
