import { WORD_CHAR } from './model';

/** The scripts `NOT_BEFORE_WORD` (trie-regex.ts) also lets a name touch: no spaces between their words. */
const SPACELESS_NEIGHBOUR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Whether the character before `index` continues a word, so a name cannot start there: the
 * detector's left word boundary (the page's prefilter requires none: textContent glues blocks,
 * see src/page/prefilter-source.ts PHRASE_WORD_END).
 */
export function isWordCharacterBefore(text: string, index: number): boolean {
  const code = text.charCodeAt(index - 1);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
  // Astral letters: look at the whole surrogate pair.
  const from = code >= 0xdc00 && code <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  const before = text.slice(from, index);
  // An ideograph or kana before a name is no word boundary problem: those scripts use no spaces.
  return WORD_CHAR.test(before) && !SPACELESS_NEIGHBOUR.test(before);
}
