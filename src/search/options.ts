import type { Options, SearchOptions } from 'minisearch';

/**
 * The ONE set of MiniSearch options, used when the index is built (scripts, build hook)
 * and when it is loaded (popup, background, CLI). MiniSearch.loadJSON needs the very
 * same fields and term processing that built the index:
 * https://lucaong.github.io/minisearch/classes/MiniSearch.MiniSearch.html#loadJSON
 */

import type { StoredCard } from './schemas';

/** A document of the article index: a whole section, or one of its paragraphs / facts. */
export interface SearchDocument {
  /** "s:<sectionId>" for a section, "p:<sectionId>:<n>" for its n-th paragraph or infobox fact. */
  id: string;
  kind: 'section' | 'paragraph';
  sectionId: string;
  /** Paragraph documents only: the section's heading (searched, weighed lightly). */
  heading?: string;
  /** Heading path, "Activities › Counter Trafficking". */
  path: string;
  /** Paragraph documents only: the paragraph, or the infobox fact as "Label: value". Section documents are not searched. */
  text?: string;
  /** The article's defining paragraph (the lead's first whole one). */
  definition?: true;
  /** Section documents only: what a card needs, so the index alone can fill one. */
  card?: StoredCard;
}

const SEARCH_FIELDS = ['heading', 'text'] as const;
const STORED_FIELDS = ['kind', 'sectionId', 'path', 'text', 'definition', 'card'] as const;

/** MiniSearch's own tokenizer rule (split on spaces and punctuation), used with offsets for snippets and queries. */
export const TOKEN = /[^\n\r\p{Z}\p{P}]+/gu;

/**
 * Words that carry no topic in the article's text. Dropped from the index (and from what
 * MiniSearch sees of a query), or every paragraph would match "it".
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

/**
 * Words of a reader's question that are not its content, in English, French and Spanish
 * (folded): question words, articles, pronouns, auxiliaries, elided forms ("l’OIM" → "l",
 * "a-t-elle" → "t", "elle"). Never searched, never counted when deciding whether the
 * article covers a query.
 */
export const QUERY_STOP_WORDS: ReadonlySet<string> = new Set([
  ...STOP_WORDS,
  ...(
    // English
    'tell about please know explain does did do its is are was were been am there here ' +
    'whats wheres whos hows give list show find me us any each every one ones other ' +
    'kind type sort like mean means meaning exactly actually really still ever now today currently ' +
    // French
    'l d j m n s t c qu lui elle elles il ils on nous vous je tu se sa son ses leur leurs ce cet cette ces ' +
    'est sont etait etaient ete etre sera a ont avait avaient fait faire peut peuvent ' +
    'quoi quel quelle quels quelles quand ou comment combien pourquoi qui que ' +
    'dans sur avec sans pour par chez entre vers ne pas plus tres aussi y ' +
    'compte ' +
    // Spanish
    'lo al unos unas e o u ni sin sobre entre hacia desde hasta ' +
    'quien quienes cual cuales cuando donde como cuanto cuanta cuantos cuantas porque ' +
    'es son era eran fue fueron ser sido esta estan estaba hay ha han habia tiene tienen tenia tuvo hace ' +
    'su sus le les me te nos se mi tu muy mas tambien ya'
  ).split(/\s+/).filter(Boolean),
]);

/**
 * The verbs of a question ("what happened in Hungary 1956", "which disasters has IOM
 * responded to", "¿qué pasó?"), folded. When the article does not have one, it is not a
 * topic the article lacks: it neither covers a query nor makes it uncovered.
 */
export const QUESTION_VERBS: ReadonlySet<string> = new Set(
  (
    'happen happens happened happening respond responds responded use uses used using say says said ' +
    'get gets got make makes made mean means meant stand stands involve involved involves handle handles handled ' +
    'deal deals dealt play plays played exist exists existed become becomes became call calls named know known ' +
    'tell want wants need needs look see find give gives go goes went come came think try tried take takes took ' +
    'passe arrive arrivee fait font sert servent signifie veut dit dire ' +
    'paso ocurrio sucedio hace hacen hizo sirve significa quiere dice decir'
  ).split(' '),
);

/** NFD then strip combining marks: "santé" → "sante", "Organización" → "organizacion"; "œ" → "oe". */
export function foldTerm(term: string): string {
  // ASCII has nothing to fold but case (most of the article and of English queries): skip NFD
  if (/^\p{ASCII}*$/u.test(term)) return term.toLowerCase();
  return term.normalize('NFD').replace(/\p{M}+/gu, '').replace(/œ/g, 'oe').replace(/Œ/g, 'OE').toLowerCase();
}

/** Index term processing: accent-folded, lowercased, stop words dropped. */
export function processTerm(term: string): string | null {
  const folded = foldTerm(term);
  if (folded === '' || STOP_WORDS.has(folded)) return null;
  return folded;
}

/**
 * Field weights. A heading helps (the section is about the word) but weighs little: the
 * ranking (search.ts) also asks that a paragraph hold the query's words in its own text.
 */
const FIELD_BOOST = { heading: 1.5, text: 1 } as const;

const SEARCH_OPTIONS: SearchOptions = {
  boost: { ...FIELD_BOOST },
  combineWith: 'OR',
};

export const MINISEARCH_OPTIONS: Options<SearchDocument> = {
  idField: 'id',
  fields: [...SEARCH_FIELDS],
  storeFields: [...STORED_FIELDS],
  processTerm,
  searchOptions: SEARCH_OPTIONS,
};
