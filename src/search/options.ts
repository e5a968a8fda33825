import type { Options, SearchOptions } from 'minisearch';

/**
 * The ONE set of MiniSearch options, used when the index is built (scripts, build hook)
 * and when it is loaded (popup, background, CLI). MiniSearch.loadJSON needs the very
 * same fields and term processing that built the index:
 * https://lucaong.github.io/minisearch/classes/MiniSearch.MiniSearch.html#loadJSON
 */

/** A document of the article index: a whole section, or one of its paragraphs / facts. */
export interface SearchDocument {
  /** "s:<sectionId>" for a section, "p:<sectionId>:<n>" for its n-th paragraph or fact. */
  id: string;
  kind: 'section' | 'paragraph';
  sectionId: string;
  /** The section's own heading (section documents only: a heading match counts once per section). */
  heading?: string;
  /** Heading path, "Activities › Counter Trafficking". */
  path: string;
  /** Plain text: the paragraph, or the section's paragraphs joined. */
  text: string;
  /** Section documents only: what a card needs, so the index alone can fill one. */
  card?: StoredCard;
}

/** Stored with each section document (see card-content.ts). */
export interface StoredCard {
  summary: string;
  paragraphs: { text: string; citations: { ref: number; at: number }[]; cutOff?: boolean; role?: string }[];
  references: { number: number; title: string; publisher: string; date?: string; retrieved?: string }[];
  /** key-facts only: the infobox. */
  facts?: {
    key: string;
    label: string;
    value: string;
    asOf: number;
    citations: { ref: number; at: number }[];
    names?: { lang: 'en' | 'fr' | 'es'; text: string }[];
  }[];
  attribution: string;
  licenceUrl: string;
}

export const SEARCH_FIELDS = ['heading', 'path', 'text'] as const;
export const STORED_FIELDS = ['kind', 'sectionId', 'heading', 'path', 'text', 'card'] as const;

/**
 * Words that carry no topic in a reader's question ("how many member states", "when was it
 * founded"). Dropped from the index and the query alike, or every paragraph would match "it".
 */
const STOP_WORDS = new Set(
  (
    'a an the and or but of to in on at by for from with as into about over ' +
    'is are was were be been being has have had do does did can could will would should may ' +
    'it its this that these those there their they them he she his her we our you your i me my ' +
    'what when where which who whom whose why how many much some any all also so than then not no ' +
    'le la les de des du un une et en au aux el los las del y para por con que una'
  ).split(' '),
);

/** NFD then strip combining marks: "santé" → "sante", "Organización" → "organizacion". */
export function foldTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Index and query term processing: accent-folded, lowercased, stop words dropped. */
export function processTerm(term: string): string | null {
  const folded = foldTerm(term);
  if (folded === '' || STOP_WORDS.has(folded)) return null;
  return folded;
}

/** Field weights: a heading match outranks the same word in running text. */
export const FIELD_BOOST = { heading: 4, path: 1.5, text: 1 } as const;

const FUZZY_MIN_LENGTH = 5;

export const SEARCH_OPTIONS: SearchOptions = {
  boost: { ...FIELD_BOOST },
  // Prefix search from three letters on ("traff" → trafficking), not for "a", "un"…
  prefix: (term) => term.length >= 3,
  // One typo per five letters ("trafficing"); acronyms and short words ("iom", "icem",
  // "icm") stay exact, or ICEM would find ICM.
  fuzzy: (term) => (term.length >= FUZZY_MIN_LENGTH ? 0.2 : false),
  // …and never more than one: two edits turn "training" into "raising".
  maxFuzzy: 1,
  // A completed word ("migracion" → "migraciones") is likelier meant than a misspelt one
  // ("migracion" → "migration"): prefix matches weigh more than fuzzy ones (MiniSearch defaults 0.375 / 0.45).
  weights: { prefix: 0.5, fuzzy: 0.25 },
  combineWith: 'OR',
};

export const MINISEARCH_OPTIONS: Options<SearchDocument> = {
  idField: 'id',
  fields: [...SEARCH_FIELDS],
  storeFields: [...STORED_FIELDS],
  processTerm,
  searchOptions: SEARCH_OPTIONS,
};
