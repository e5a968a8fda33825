/**
 * How a PDF page's text items become the text the detector reads. Pure: runs in Node tests.
 *
 * pdf.js gives a page's text as items (runs of glyphs) with `hasEOL` at line ends, and
 * its text layer draws a `<br>` there. The page pipeline reads `<br>` as a block break,
 * so a name wrapped over two lines ("International Organization for⏎Migration") would
 * never be found: a line end is a space here. A word hyphenated at a line end
 * ("Inter-⏎national") is joined: the hyphen becomes a soft hyphen, which the detector
 * drops (src/detect/normalize.ts), and the line end adds nothing.
 */

/** A letter followed by a hyphen at the very end of a line. */
const LINE_END_HYPHEN = /\p{L}[-\u2010]$/u;
/** The next line continues the word: it starts with a lower-case letter. */
const CONTINUES_WORD = /^\p{Ll}/u;
const SOFT_HYPHEN = '\u00ad';
/** What a line end becomes between two lines that do not join. */
export const LINE_END = '\n';

/** True when the line ending in `before` and the one starting with `after` are one hyphenated word. */
export function joinsHyphenated(before: string, after: string): boolean {
  return LINE_END_HYPHEN.test(before) && CONTINUES_WORD.test(after);
}

/** `before` with its final hyphen turned into a soft hyphen (call only when joinsHyphenated). */
export function softenFinalHyphen(before: string): string {
  return before.slice(0, -1) + SOFT_HYPHEN;
}
