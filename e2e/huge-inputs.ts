/**
 * Issue 9's huge inputs, shared by e2e/hostile-huge.spec.ts and the bench's `hostile`
 * section (bench/lib/huge-inputs.ts): one text node, or one text/plain document, of filler
 * with mentions in the middle and at the very end, so a scan that stops early shows.
 */

export const HUGE_FILLER_SENTENCE = 'Reports on shelter and displacement in the region. ';
/** 51 characters × 200 000 = 10.2 MB of filler, twice in each input. */
export const HUGE_FILLER_REPEAT = 200_000;

/** The text/plain document: the full name, its acronym and ICEM in the middle, the last IOM at the end. */
export function hugeTextPlain(): string {
  const filler = HUGE_FILLER_SENTENCE.repeat(HUGE_FILLER_REPEAT);
  return `${filler}The International Organization for Migration (IOM) and ICEM.\n${filler}Last: IOM\n`;
}
