/**
 * Compiles many literal phrases into ONE regular expression shaped like a trie
 * (common prefixes shared: "organi(?:sation…|zacion…)"), so a scan costs about the same
 * for 5 or 500 phrases: V8's regex engine only follows the branch that matches the
 * next character instead of trying every phrase at every position.
 *
 * Phrases are already folded (see normalize.ts). Inside a phrase, a space matches a space
 * or a hyphen, and a hyphen matches "-", "- ", " " or nothing ("counter-trafficking",
 * "counter trafficking", "countertrafficking"). Longer phrases are tried first at a position;
 * with a word-boundary lookahead after the whole trie, a longer phrase that fails the
 * boundary backtracks to a shorter one. The right boundary is ONE lookahead at the end
 * (not one per phrase) because each Unicode property class costs compile time.
 */

const WORD_CHAR = '[\\p{L}\\p{N}_]';
/**
 * Han and kana are written without spaces: an ideograph right after a Latin or Cyrillic name
 * ("据OIM称", "IOM表示") does not glue the name into a longer word. The lookbehind runs only
 * once a word character follows the match, so it costs nothing on ordinary text.
 */
export const NOT_BEFORE_WORD = `(?!${WORD_CHAR}(?<![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]))`;

interface TrieNode {
  children: Map<string, TrieNode>;
  terminal: boolean;
}

function escapeCharacter(ch: string): string {
  if (ch === ' ') return '[ -]';
  if (ch === '-') return '(?:- ?| )?';
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

function emit(node: TrieNode): string {
  const alternatives: string[] = [];
  const keys = [...node.children.keys()].sort();
  for (const key of keys) alternatives.push(escapeCharacter(key) + emit(node.children.get(key)!));
  // The empty alternative last, so longer continuations are tried first.
  if (node.terminal) alternatives.push('');
  if (alternatives.length === 1) return alternatives[0];
  return `(?:${alternatives.join('|')})`;
}

/**
 * Pattern source matching any of the phrases; with `wordEnd` a match must end at a word
 * boundary (else it may continue into a longer word: "migrant" matches in "migrants").
 */
export function triePattern(phrases: readonly string[], wordEnd: boolean): string {
  const root: TrieNode = { children: new Map(), terminal: false };
  for (const phrase of phrases) {
    if (phrase === '') continue;
    let node = root;
    for (const ch of phrase) {
      let child = node.children.get(ch);
      if (!child) {
        child = { children: new Map(), terminal: false };
        node.children.set(ch, child);
      }
      node = child;
    }
    node.terminal = true;
  }
  if (root.children.size === 0) return '(?!)';
  return `(?:${emit(root)})${wordEnd ? NOT_BEFORE_WORD : ''}`;
}

/** Key under which a matched string and the phrase it came from agree (separators vary). */
export function phraseKey(text: string, caseInsensitive: boolean): string {
  const stripped = text.replace(/[- ]/g, '');
  return caseInsensitive ? stripped.toLowerCase() : stripped;
}
