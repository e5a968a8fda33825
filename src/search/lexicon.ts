import lexiconJson from '../../data/lexicon.json';
import { foldTerm, TOKEN } from './options';

/**
 * The bilingual lexicon (data/lexicon.json): readers' words for the article's concepts.
 *
 * The article is English only, while readers (and the popup) speak English, French and
 * Spanish, IOM's official languages. Each concept lists the article's own words (`en`)
 * and what readers type for it: French and Spanish words and phrases, and English variants
 * and related forms (WWII → Second World War, GBV, IDPs, Afghanistan → Afghan, founded →
 * formation/born). Applied to the query only: the index holds the article's words.
 * Keys are matched folded (no accents, lower case, apostrophes as spaces), so accents are optional.
 */
export interface LexiconConcept {
  /** The article's words for the concept, space-separated. */
  en: string;
  fr?: string[];
  es?: string[];
  /** English variants, abbreviations and related forms. */
  variants?: string[];
}

export class LexiconError extends Error {}

/** Longest phrase key, in words ("traite des êtres humains"). */
export const MAX_PHRASE_WORDS = 6;

/** "main-d’œuvre" → "main d oeuvre": folded words split as the query is (TOKEN). */
export function foldKey(text: string): string {
  return [...foldTerm(text).matchAll(TOKEN)].map((m) => m[0]).join(' ');
}

/** Checks the lexicon's shape; throws LexiconError naming the concept and the problem. */
export function parseLexicon(raw: unknown): LexiconConcept[] {
  const concepts = (raw as { concepts?: unknown })?.concepts;
  if (!Array.isArray(concepts) || concepts.length === 0) throw new LexiconError('lexicon: "concepts" must be a non-empty array');
  return concepts.map((concept, n) => {
    const where = `lexicon concept ${n}`;
    if (typeof concept?.en !== 'string' || !concept.en.trim()) throw new LexiconError(`${where}: "en" must be a non-empty string`);
    for (const field of ['fr', 'es', 'variants'] as const) {
      const list = concept[field];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.some((k) => typeof k !== 'string' || !foldKey(k))) {
        throw new LexiconError(`${where} (${concept.en}): "${field}" must be an array of non-empty strings`);
      }
      const long = list.find((k: string) => foldKey(k).split(' ').length > MAX_PHRASE_WORDS);
      if (long) throw new LexiconError(`${where} (${concept.en}): "${long}" is longer than ${MAX_PHRASE_WORDS} words`);
    }
    return concept as LexiconConcept;
  });
}

/** Folded reader key → the article words it stands for (keys of several concepts merge). */
function lexiconTable(concepts: LexiconConcept[]): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const concept of concepts) {
    const words = foldKey(concept.en).split(' ');
    for (const key of [...(concept.fr ?? []), ...(concept.es ?? []), ...(concept.variants ?? [])]) {
      const folded = foldKey(key);
      const known = table.get(folded) ?? [];
      table.set(folded, [...known, ...words.filter((w) => !known.includes(w))]);
    }
  }
  return table;
}

export const LEXICON: ReadonlyMap<string, string[]> = lexiconTable(parseLexicon(lexiconJson));
