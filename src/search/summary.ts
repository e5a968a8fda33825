/** Card summaries: the first sentence(s) of a section, about SUMMARY_MAX_CHARS long. */

export const SUMMARY_MAX_CHARS = 240;

/** Titles that end in a period but never end a sentence ("Mr. Swing"). */
const ABBREVIATIONS = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|No|U\.S|e\.g|i\.e)\.$/;

/**
 * Splits running text into sentences. A sentence ends at . ! ? (plus a closing quote) before
 * a space and a capital or an opening quote, or directly before a capital: the article has
 * run-together sentences such as "migration.Millions" or "countries.IOM".
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const boundary = /[.!?]["”’)]*(?=\s+["“‘(]?\p{Lu}|\p{Lu}\p{L})/gu;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = boundary.exec(text))) {
    const end = m.index + m[0].length;
    const candidate = text.slice(start, end);
    if (ABBREVIATIONS.test(candidate)) continue;
    sentences.push(candidate.trim());
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/** Cuts at the last word boundary before `max` and adds an ellipsis. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '') + '…';
}

/** First sentences of the given paragraphs, as many as fit in `max` characters (at least one, clipped). */
export function summarize(paragraphs: string[], max = SUMMARY_MAX_CHARS): string {
  let out = '';
  for (const paragraph of paragraphs) {
    for (const sentence of splitSentences(paragraph)) {
      const next = out ? `${out} ${sentence}` : sentence;
      if (next.length > max) return out || clip(sentence, max);
      out = next;
    }
  }
  return out;
}
