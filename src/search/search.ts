import MiniSearch, { type SearchResult as DocumentHit } from 'minisearch';
import { LEXICON, MAX_PHRASE_WORDS } from './lexicon';
import { sinceFactsMatching, type SinceArticleFact } from './since-article';
import { foldTerm, MINISEARCH_OPTIONS, processTerm, QUERY_STOP_WORDS, QUESTION_VERBS, TOKEN, type SearchDocument } from './options';

export type ArticleIndex = MiniSearch<SearchDocument>;

export interface SearchResult {
  sectionId: string;
  /** Heading path, e.g. "Activities › Counter Trafficking". */
  section: string;
  score: number;
  /** Plain text of the paragraph or infobox fact that answers, around its matched words (never HTML). */
  snippet: string;
  /** [start, end) UTF-16 offsets in `snippet` of the matched words. */
  snippetMarks: [number, number][];
  /** [start, end) in `snippet` of the answer itself, when the query asks for one and the snippet holds it (a fact's value, a year, a count). */
  answerMark?: [number, number];
  /** The document the snippet comes from: "p:<sectionId>:<n>", the section's n-th paragraph or infobox fact. */
  sourceId: string;
}

/**
 * What a query gets: results, or the empty state and why; either way, the facts from after
 * the article (data/since-2014.json) that its words name, to show apart and labelled.
 */
export type SearchAnswer = (
  | { empty: false; results: SearchResult[] }
  | { empty: true; reason: EmptyReason; /** The reader's words the article does not have. */ uncovered: string[] }
) & { since: SinceArticleFact[] };

/**
 * no-content-words: the query is only question and stop words ("how was it");
 * not-covered: its content words are not the article's (Isle of Man tax, bitcoin price).
 */
type EmptyReason = 'no-content-words' | 'not-covered';

/**
 * Results per query, one number for the popup, the CLIs and the evaluation, so what the
 * evaluation measures is the list a reader sees (the popup showed 8, the CLIs 10).
 */
export const DEFAULT_RESULT_LIMIT = 8;
/** Longest snippet, in characters, before the ellipses. */
export const SNIPPET_MAX_CHARS = 180;
/** Context kept before the first marked term: up to its sentence start if that is this near… */
const SNIPPET_CONTEXT_MAX_CHARS = 70;
/** …else this many characters, from a word start. */
const SNIPPET_CONTEXT_CHARS = 40;

/** In choosing a snippet's window, each further hit of a word already in it adds this much. */
const REPEAT_HIT_VALUE = 0.05;
/** A lexicon word that stands beside the reader's own article word ("formation" → also "training") weighs this much. */
const SIDE_EXPANSION_WEIGHT = 0.6;
/**
 * Words every part of the article is about (IOM, migration, migrants…): they say the
 * reader means IOM, not which part answers. They weigh this much in the ranking and never
 * decide coverage alone.
 */
const SUBJECT_WEIGHT = 0.25;
const SUBJECT_TERMS = new Set(['iom', 'oim', 'migration', 'migrations', 'migrant', 'migrants', 'international', 'organization', 'organisation', 'internationale', 'internacional', 'organizacion', 'migracion', 'migraciones', 'migrantes']);
/** A concept found only in a paragraph's heading counts for this share of one found in its text. */
const HEADING_ONLY_SHARE = 0.35;
/** The share of the query's concepts a paragraph holds is raised to this power: holding them all matters most. */
const COVERAGE_POWER = 2;
/** A section's score: its best paragraph plus this share of each further matching one. */
const FURTHER_MATCH_SHARE = 0.1;
/** A paragraph holding what the question asks for (a year for "when", a number for "how many") scores this much more. */
const ANSWER_TYPE_BONUS = 1.3;
/** Prefix matching (as the reader types: "traff") from this length, and only for words the article does not have. */
const PREFIX_MIN_LENGTH = 3;
/** Typo matching for words the article does not have: one edit from this length… */
const FUZZY_ONE_EDIT_LENGTH = 5;
/** …two from this length ("humanitarain", "resettelment": a swap is two edits). */
const FUZZY_TWO_EDITS_LENGTH = 8;
/** A typo'd or prefix match covers a concept for this share of an exact one, when deciding the empty state. */
const INEXACT_COVERAGE = 0.6;

/** Loads search-index.json with the shared options; a corrupt file gets a clear error. */
export function loadArticleIndex(json: string): ArticleIndex {
  try {
    return MiniSearch.loadJSON<SearchDocument>(json, MINISEARCH_OPTIONS);
  } catch (error) {
    throw new Error(`IOM Lens: the search index is unreadable (${(error as Error).message})`, { cause: error });
  }
}

/** The article's words (index terms) and their word families, read once per index from its JSON form. */
interface Vocabulary {
  has(term: string): boolean;
  /** How many paragraphs and facts hold the term in their text. */
  paragraphsWith(term: string): number;
  /** Article words of the same family ("contribute" → "contribution", "trafficking" → "trafficked"). */
  family(term: string): string[];
}
const vocabularies = new WeakMap<ArticleIndex, Vocabulary>();

/** English endings stripped to group a word family; the stem keeps at least STEM_MIN_LENGTH letters. */
const SUFFIXES = ['ations', 'ation', 'itions', 'ition', 'ions', 'ion', 'ings', 'ing', 'ments', 'ment', 'ated', 'ates', 'ate', 'ed', 'es', 's', 'e'];
const STEM_MIN_LENGTH = 4;

/** A crude English stem, only used to find a word's family among the article's own words. */
function stem(term: string): string {
  for (const suffix of SUFFIXES) {
    // again on what is left: "addresses" → "address" → "addres", like "address"
    if (term.endsWith(suffix) && term.length - suffix.length >= STEM_MIN_LENGTH) return stem(term.slice(0, -suffix.length));
  }
  return term;
}

function vocabularyOf(index: ArticleIndex): Vocabulary {
  let vocabulary = vocabularies.get(index);
  if (!vocabulary) {
    const json = index.toJSON();
    const textField = String(json.fieldIds.text);
    const terms = new Set(json.index.map(([term]) => term));
    const inText = new Map(json.index.map(([term, data]) => [term, Object.keys(data[textField] ?? {}).length]));
    const families = new Map<string, string[]>();
    for (const term of terms) if (!/\d/.test(term)) families.set(stem(term), [...(families.get(stem(term)) ?? []), term]);
    vocabulary = {
      has: (term) => terms.has(term),
      paragraphsWith: (term) => inText.get(term) ?? 0,
      family: (term) => (families.get(stem(term)) ?? []).filter((t) => t !== term),
    };
    vocabularies.set(index, vocabulary);
  }
  return vocabulary;
}

/** How an article word stands for the reader's: as typed (or its family), or as a lexicon translation beside it. */
interface ConceptTerm {
  weight: number;
  /** The reader's own word or its family: a paragraph holding it holds the concept fully. */
  own: boolean;
}

/** One thing the reader asks about: their word or phrase, and the article words that stand for it. */
interface Concept {
  /** What the reader typed (folded), for the empty state's message. */
  reader: string;
  terms: Map<string, ConceptTerm>;
  subject: boolean;
  numeric: boolean;
  /** A question verb ("happened") or typing noise ("whn", "mny") the article does not have: not a topic it lacks. */
  noise: boolean;
}

type AnswerType = 'year' | 'number';

/** "when" asks for a year, "how many" for a number, in the three languages (folded). */
const ANSWER_TYPE_CUES: [RegExp, AnswerType][] = [
  [/\b(when|what year|which year|quand|en quelle annee|quelle annee|cuando|en que ano|que ano)\b/, 'year'],
  [/\b(how many|how much|how big|how large|number of|combien|cuant[oa]s?|nombre de|numero de)\b/, 'number'],
];
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
/** A year; a count or amount that is neither a year nor the day of a date ("8,400", "US$1.675 billon", "2,360"). */
const ANSWER_PATTERNS: Record<AnswerType, RegExp> = {
  year: /\b(?:1[89]\d\d|20\d\d)\b/,
  number: new RegExp(
    `(?:US)?\\$?\\d{1,3}(?:,\\d{3})+|(?:US)?\\$?\\d+\\.\\d+(?: ?billion| ?billon| ?million)?|US\\d+-billion|(?<!(?:${MONTHS}) )\\b(?!(?:1[89]|20)\\d\\d\\b)\\d+\\b(?! (?:${MONTHS}))`,
  ),
};

/** Optimal string alignment distance (a swap is one edit), or cap + 1 once it exceeds cap: only used on short words. */
const MAX_EDIT_WORD = 63;
/** Three DP rows, reused: this runs over the lexicon's keys for every unknown word. */
const editRows = [new Uint8Array(MAX_EDIT_WORD + 1), new Uint8Array(MAX_EDIT_WORD + 1), new Uint8Array(MAX_EDIT_WORD + 1)];

function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  if (a.length > MAX_EDIT_WORD || b.length > MAX_EDIT_WORD) return a === b ? 0 : cap + 1;
  let [before, previous, current] = editRows;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > cap) return cap + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length], cap + 1);
}

function allowedEdits(term: string): number {
  return term.length >= FUZZY_TWO_EDITS_LENGTH ? 2 : term.length >= FUZZY_ONE_EDIT_LENGTH ? 1 : 0;
}

/** Single-word lexicon keys, for typo'd French and Spanish words ("chnagement", "canbio"). */
const SINGLE_WORD_KEYS = [...LEXICON.keys()].filter((k) => !k.includes(' '));

/** The lexicon's article words for a reader's word: as typed, without a plural -s, or within a typo. */
function lexiconFor(term: string, vocabulary: Vocabulary): string[] | undefined {
  const exact = LEXICON.get(term) ?? (term.length > 3 && term.endsWith('s') ? LEXICON.get(term.slice(0, -1)) : undefined);
  if (exact || vocabulary.has(term)) return exact;
  const edits = allowedEdits(term);
  if (edits === 0) return undefined;
  let best: string | undefined;
  let bestDistance = edits + 1;
  for (const key of SINGLE_WORD_KEYS) {
    // a typo rarely hits both of the first two letters: skip the rest without counting edits
    if (key[0] !== term[0] && key[1] !== term[1]) continue;
    const distance = editDistance(term, key, edits);
    if (distance < bestDistance) [best, bestDistance] = [key, distance];
  }
  return best === undefined ? undefined : LEXICON.get(best);
}

/** The first article word of a lexicon entry weighs fully, the others (its companions) this much. */
const LEXICON_COMPANION_WEIGHT = 0.8;
/** Article words of the reader's word's family weigh this much. */
const FAMILY_WEIGHT = 0.8;
/** Unknown words up to this length, not in capitals, one edit from a question word ("whn", "mny"), are typing noise rather than a topic. */
const NOISE_MAX_LENGTH = 3;
const QUESTION_WORDS = [...QUERY_STOP_WORDS].filter((w) => w.length >= 2 && w.length <= NOISE_MAX_LENGTH + 1);
/**
 * A word in this many of the article's paragraphs or more ("global", "people",
 * "governments") is too general to show the article covers a topic: it counts for
 * WEAK_COVERAGE when deciding the empty state ("Global Compact for Migration").
 */
const WEAK_PARAGRAPH_COUNT = 6;
const WEAK_COVERAGE = 0.5;
/** A number of the query that the article has adds this much to what it covers (never enough alone). */
const NUMBER_COVERAGE = 0.5;

function concept(reader: string, own: string | null, lexicon: string[] | undefined, vocabulary: Vocabulary, acronym = false): Concept {
  const terms = new Map<string, ConceptTerm>();
  if (own) {
    terms.set(own, { weight: 1, own: true });
    for (const relative of vocabulary.family(own)) terms.set(relative, { weight: FAMILY_WEIGHT, own: true });
  }
  (lexicon ?? []).forEach((word, i) => {
    const term = processTerm(word);
    if (!term || terms.has(term)) return;
    const weight = (i === 0 ? 1 : LEXICON_COMPANION_WEIGHT) * (own ? SIDE_EXPANSION_WEIGHT : 1);
    terms.set(term, { weight, own: !own });
  });
  const all = [...terms.keys()];
  return {
    reader,
    terms,
    // its family ("organization" → "organized") does not make a subject word a topic
    subject: own ? SUBJECT_TERMS.has(own) : all.length > 0 && all.every((t) => SUBJECT_TERMS.has(t)),
    numeric: all.length > 0 && all.every((t) => /^\d+$/.test(t)),
    noise:
      !acronym &&
      !lexicon &&
      !vocabulary.has(reader) &&
      (QUESTION_VERBS.has(reader) || (reader.length <= NOISE_MAX_LENGTH && QUESTION_WORDS.some((w) => editDistance(reader, w, 1) <= 1))),
  };
}

/**
 * The query as concepts: lexicon phrases first (longest first: "trafic de migrants",
 * "seconde guerre mondiale"), then single words that are not question or stop words. An
 * all-capitals word is an acronym even when it spells a stop word ("UN", "DG").
 */
function parseQuery(query: string, vocabulary: Vocabulary): Concept[] {
  const words = [...query.matchAll(TOKEN)].map((m) => ({ raw: m[0], folded: foldTerm(m[0]) }));
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 2 && !matched; n--) {
      const key = words.slice(i, i + n).map((w) => w.folded).join(' ');
      const lexicon = LEXICON.get(key);
      if (lexicon) {
        if (!seen.has(key)) concepts.push(concept(key, null, lexicon, vocabulary));
        seen.add(key);
        matched = n;
      }
    }
    if (matched) {
      i += matched;
      continue;
    }
    const { raw, folded } = words[i++];
    const acronym = raw.length >= 2 && raw === raw.toUpperCase() && /\p{Lu}/u.test(raw);
    if (seen.has(folded) || (!acronym && QUERY_STOP_WORDS.has(folded))) continue;
    seen.add(folded);
    const lexicon = lexiconFor(folded, vocabulary);
    const own = processTerm(folded);
    // the reader's own word is searched when the article has it, or nothing translates it (a typo, a prefix)
    const searchOwn = own !== null && (vocabulary.has(own) || !lexicon);
    const c = concept(folded, searchOwn ? own : null, lexicon, vocabulary, acronym);
    if (c.terms.size > 0) concepts.push(c);
  }
  return concepts;
}

interface ConceptHits {
  concept: Concept;
  hits: DocumentHit[];
  /** 1 when an article word of the concept was found as is, less for a prefix or typo match, 0 when not found. */
  coverage: number;
}

function searchConcept(index: ArticleIndex, vocabulary: Vocabulary, c: Concept): ConceptHits {
  const known = (term: string) => vocabulary.has(term);
  const hits = index.search([...c.terms.keys()].join(' '), {
    prefix: (term) => !known(term) && term.length >= PREFIX_MIN_LENGTH && !/^\d+$/.test(term),
    fuzzy: (term) => (known(term) ? false : allowedEdits(term)),
    maxFuzzy: 2,
    weights: { prefix: 0.5, fuzzy: 0.3 },
    boostTerm: (term) => c.terms.get(term)?.weight ?? 1,
  });
  const exact = hits.some((h) => h.terms.some((t) => c.terms.has(t)));
  // how general the reader's own word is, else the words that translate it
  const ownTerms = [...c.terms].filter(([t, how]) => how.own && how.weight === 1 && known(t)).map(([t]) => t);
  const present = ownTerms.length > 0 ? ownTerms : [...c.terms.keys()].filter(known);
  const weak = present.length > 0 && present.every((t) => vocabulary.paragraphsWith(t) >= WEAK_PARAGRAPH_COUNT);
  return { concept: c, hits, coverage: hits.length === 0 ? 0 : !exact ? INEXACT_COVERAGE : weak ? WEAK_COVERAGE : 1 };
}

/**
 * Whether the article covers the query, from its content words alone (not from scores):
 * covered when the article has more of the reader's content concepts than it lacks (a
 * typo'd match or a very general word counts for less, a number the article has for
 * NUMBER_COVERAGE: "Hungary 1956"). Subject words (IOM, migration) and numbers never cover a
 * query on their own, unless the query is nothing else; typing noise ("whn") counts neither way.
 */
function coverageVerdict(searched: ConceptHits[]): { covered: boolean; uncovered: string[] } {
  const content = searched.filter((s) => !s.concept.subject && !s.concept.numeric && !(s.concept.noise && s.coverage === 0));
  const uncovered = content.filter((s) => s.coverage === 0).map((s) => s.concept.reader);
  if (content.length === 0) return { covered: searched.some((s) => s.coverage > 0), uncovered };
  const numbers = searched.filter((s) => s.concept.numeric && s.coverage > 0).length * NUMBER_COVERAGE;
  const found = content.reduce((sum, s) => sum + s.coverage, 0);
  return { covered: found > 0 && found + numbers > uncovered.length, uncovered };
}

function answerTypeOf(query: string): AnswerType | undefined {
  const folded = foldTerm(query);
  return ANSWER_TYPE_CUES.find(([cue]) => cue.test(folded))?.[1];
}

/** An answer (a year, a number) this close to a matched word answers it: "over 100 countries", not "11 million … countries". */
const ANSWER_NEAR_CHARS = 30;

/** The year or number the question asks for that stands nearest a matched word, within ANSWER_NEAR_CHARS. */
function nearestAnswer(text: string, marks: readonly [number, number][], type: AnswerType): [number, number] | undefined {
  let best: [number, number] | undefined;
  let bestDistance = ANSWER_NEAR_CHARS + 1;
  for (const m of text.matchAll(new RegExp(ANSWER_PATTERNS[type].source, 'g'))) {
    const span: [number, number] = [m.index, m.index + m[0].length];
    for (const [start, end] of marks) {
      const distance = Math.max(start - span[1], span[0] - end, 0);
      if (distance < bestDistance) [best, bestDistance] = [span, distance];
    }
  }
  return best;
}

function answerNear(text: string, terms: ReadonlyMap<string, number>, type: AnswerType): boolean {
  const marks = tokens(text)
    .filter((t) => t.term !== null && terms.has(t.term))
    .map((t): [number, number] => [t.start, t.end]);
  return nearestAnswer(text, marks, type) !== undefined;
}

/** Where in `snippet` the answer is: a fact's value, else the year / number the question asks for nearest a matched word. */
function findAnswer(snippet: string, marks: readonly [number, number][], isFact: boolean, type: AnswerType | undefined): [number, number] | undefined {
  if (isFact) {
    const colon = snippet.indexOf(': ');
    if (colon > 0) return [colon + 2, snippet.length - (snippet.endsWith('…') ? 1 : 0)];
  }
  return type ? nearestAnswer(snippet, marks, type) : undefined;
}

/** How much a snippet word is worth showing: the reader's own words most, subject words least. */
const SNIPPET_SUBJECT_WEIGHT = 0.2;

interface ScoredDoc {
  hit: DocumentHit;
  text: string;
  score: number;
  /** Weighted share of the query's concepts the paragraph holds in its own text (a heading match or a translation beside the reader's word holds less). */
  held: number;
  /** Its matched words, by how much they are worth showing in the snippet. */
  terms: Map<string, number>;
  final: number;
  /** It holds two of the reader's words side by side, as typed. */
  phrased?: boolean;
}

/** The reader's own words in order, for the phrase bonus ("forced migrants" as written beats "forced migration"). */
function ownPhrases(concepts: Concept[]): string[][] {
  const own = concepts.map((c) => [...c.terms].filter(([, t]) => t.own && t.weight === 1).map(([term]) => term)[0]).filter(Boolean);
  return own.length >= 2 ? [own] : [];
}

/** A paragraph where two of the reader's words stand side by side, as typed, scores this much more. */
const PHRASE_BONUS = 1.4;

function hasAdjacentPair(text: string, phrase: string[]): boolean {
  const terms = tokens(text).map((t) => t.term).filter((t): t is string => t !== null);
  for (let i = 0; i + 1 < terms.length; i++) {
    const at = phrase.indexOf(terms[i]);
    if (at >= 0 && at + 1 < phrase.length && terms[i + 1] === phrase[at + 1]) return true;
  }
  return false;
}

/**
 * Searches the article and says what it found: one result per section, best first, each
 * with the paragraph or fact that answers; or the empty state when the article does not
 * cover what the query is about. The popup and `npm run -s search` both call this.
 */
export function answerQuery(index: ArticleIndex, query: string, limit = DEFAULT_RESULT_LIMIT): SearchAnswer {
  const vocabulary = vocabularyOf(index);
  const concepts = parseQuery(query, vocabulary);
  const since = sinceFactsMatching(sinceWords(query, concepts));
  if (concepts.length === 0) return { empty: true, reason: 'no-content-words', uncovered: [], since };
  const searched = concepts.map((c) => searchConcept(index, vocabulary, c));
  const verdict = coverageVerdict(searched);
  if (!verdict.covered) return { empty: true, reason: 'not-covered', uncovered: verdict.uncovered, since };

  // Subject words ("IOM", "migration") rank lightly and do not count in the share a paragraph
  // holds, unless they are all the query asks about ("what is IOM": the definition answers).
  const subjectOnly = searched.every((s) => s.concept.subject || s.coverage === 0);
  const docs = new Map<string, ScoredDoc>();
  let totalWeight = 0;
  for (const { concept: c, hits, coverage } of searched) {
    if (coverage === 0) continue;
    const weight = c.subject && !subjectOnly ? SUBJECT_WEIGHT : 1;
    const heldWeight = c.subject && !subjectOnly ? 0 : 1;
    totalWeight += heldWeight;
    for (const hit of hits) {
      const doc = docs.get(hit.id) ?? { hit, text: String(hit.text ?? ''), score: 0, held: 0, terms: new Map<string, number>(), final: 0 };
      const inText = Object.values(hit.match).some((fields) => fields.includes('text'));
      const ownMatch = hit.terms.some((t) => c.terms.get(t)?.own ?? true);
      doc.score += weight * hit.score;
      doc.held += heldWeight * (inText ? 1 : HEADING_ONLY_SHARE) * (ownMatch ? 1 : SIDE_EXPANSION_WEIGHT);
      if (inText) {
        for (const t of hit.terms) {
          const value = (c.terms.get(t)?.own === false ? SIDE_EXPANSION_WEIGHT : 1) * (c.subject ? SNIPPET_SUBJECT_WEIGHT : 1);
          doc.terms.set(t, Math.max(doc.terms.get(t) ?? 0, value));
        }
      }
      docs.set(hit.id, doc);
    }
  }
  const answerType = answerTypeOf(query);
  const phrases = ownPhrases(concepts);
  const ranked = [...docs.values()];
  for (const doc of ranked) {
    const typed = answerType && answerNear(doc.text, doc.terms, answerType) ? ANSWER_TYPE_BONUS : 1;
    const phrased = phrases.some((p) => hasAdjacentPair(doc.text, p)) ? PHRASE_BONUS : 1;
    doc.final = doc.score * (totalWeight ? doc.held / totalWeight : 1) ** COVERAGE_POWER * typed * phrased;
    doc.phrased = phrased > 1;
  }
  ranked.sort((a, b) => b.final - a.final);
  // "what is IOM", "OIM": about IOM itself, the article's defining paragraph answers first,
  // unless a paragraph holds the reader's words as typed (a name: "Organización Internacional para las Migraciones")
  const definition = subjectOnly && !ranked[0]?.phrased ? ranked.findIndex((d) => d.hit.definition) : -1;
  if (definition > 0) {
    const [doc] = ranked.splice(definition, 1);
    doc.final = ranked[0].final * DEFINITION_LEAD;
    ranked.unshift(doc);
  }

  const bySection = new Map<string, ScoredDoc[]>();
  // a paragraph that holds none of the query's concepts in its own text (only "IOM", or only a heading) is no result
  for (const doc of ranked.filter((d) => d.final > 0 && d.held > 0)) {
    const sectionId = String(doc.hit.sectionId);
    bySection.set(sectionId, [...(bySection.get(sectionId) ?? []), doc]);
  }
  const results: SearchResult[] = [];
  for (const [sectionId, sectionDocs] of bySection) {
    const [top, ...rest] = sectionDocs;
    // A query that names the section (its concepts are all in the heading: "history",
    // "Migrants Contribute") gets the section's opening paragraph.
    const namesSection = contentHeld(top, searched, subjectOnly);
    const opening = namesSection ? [...sectionDocs].sort((a, b) => paragraphNumber(a) - paragraphNumber(b))[0] : top;
    const best = opening;
    const others = [top, ...rest].filter((d) => d !== best);
    const { snippet, snippetMarks } = makeSnippet(best.text, best.terms, subjectOnly && !!best.hit.definition);
    const answerMark = findAnswer(snippet, snippetMarks, sectionId === KEY_FACTS_SECTION, answerType);
    results.push({
      sectionId,
      section: String(best.hit.path),
      score: best.final + FURTHER_MATCH_SHARE * others.reduce((sum, d) => sum + d.final, 0),
      snippet,
      snippetMarks,
      ...(answerMark ? { answerMark } : {}),
      sourceId: best.hit.id,
    });
  }
  results.sort((a, b) => b.score - a.score);
  return { empty: false, results: results.slice(0, limit), since };
}

/**
 * The words a query names facts from after the article by: its concepts (what the reader
 * typed, its article words one by one and together: "directora" → "director general"),
 * and the pairs of words it holds as typed ("amy pope", "pacte mondial"). Not subject
 * words: "IOM" alone would name them all.
 */
function sinceWords(query: string, concepts: Concept[]): string[] {
  const words = concepts
    .filter((c) => !c.subject)
    .flatMap((c) => [c.reader, ...c.terms.keys(), [...c.terms.keys()].join(' ')]);
  const typed = [...query.matchAll(TOKEN)].map((m) => foldTerm(m[0]));
  for (let i = 0; i + 1 < typed.length; i++) words.push(`${typed[i]} ${typed[i + 1]}`);
  return [...new Set(words)];
}

/** n of "p:<sectionId>:<n>". */
function paragraphNumber(doc: ScoredDoc): number {
  return Number(doc.hit.id.slice(doc.hit.id.lastIndexOf(':') + 1));
}

/** Whether every content concept of the query matched this paragraph's heading. */
function contentHeld(doc: ScoredDoc, searched: ConceptHits[], subjectOnly: boolean): boolean {
  const content = searched.filter((s) => s.coverage > 0 && (subjectOnly || !s.concept.subject));
  return (
    content.length > 0 &&
    content.every((s) => s.hits.some((h) => h.id === doc.hit.id && Object.values(h.match).some((fields) => fields.includes('heading'))))
  );
}

/** For a query about IOM itself ("what is IOM", "OIM"), the defining paragraph comes first, this far ahead. */
const DEFINITION_LEAD = 1.2;

/** The infobox's pseudo section (not imported from src/article: that would bundle the article into the popup). */
const KEY_FACTS_SECTION = 'key-facts';

/** The results alone (none for the empty state). */
export function searchArticle(index: ArticleIndex, query: string, limit = DEFAULT_RESULT_LIMIT): SearchResult[] {
  const answer = answerQuery(index, query, limit);
  return answer.empty ? [] : answer.results;
}

interface Tokened {
  start: number;
  end: number;
  term: string | null;
}

/**
 * Paragraph texts are tokenized again and again (ranking, snippets): their tokens are kept.
 * Bounded, as the popup's queries are not: past TOKEN_CACHE_MAX texts the cache starts afresh.
 */
const tokenCache = new Map<string, Tokened[]>();
const TOKEN_CACHE_MAX = 256;

function tokens(text: string): Tokened[] {
  const cached = tokenCache.get(text);
  if (cached) return cached;
  if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
  const result = tokenize(text);
  tokenCache.set(text, result);
  return result;
}

function tokenize(text: string): Tokened[] {
  return [...text.matchAll(TOKEN)].map((m) => ({
    start: m.index!,
    end: m.index! + m[0].length,
    term: processTerm(m[0]),
  }));
}

/** The first position in [pos, limit] that starts a whitespace-separated word. */
function wordStartFrom(text: string, pos: number, limit: number): number {
  for (let i = Math.max(0, pos); i < limit; i++) {
    if (i === 0 || (/\s/.test(text[i - 1]) && !/\s/.test(text[i]))) return i;
  }
  return limit;
}

/**
 * A window of at most SNIPPET_MAX_CHARS around the densest run of matched terms, cut at
 * word boundaries, with "…" where text was left out; marks are offsets in the snippet.
 */
export function makeSnippet(
  text: string,
  matchedTerms: ReadonlySet<string> | ReadonlyMap<string, number>,
  /** Show the text's opening (a definition, a section's first paragraph) rather than its best window. */
  fromStart = false,
): { snippet: string; snippetMarks: [number, number][] } {
  const weightOf = (term: string) => (matchedTerms instanceof Map ? (matchedTerms.get(term) ?? 0) : matchedTerms.has(term) ? 1 : 0);
  const words = tokens(text);
  const hits = words.filter((w) => w.term !== null && weightOf(w.term) > 0);
  // a little context before a hit: its sentence start if near, else a word start
  const windowStart = (hitStart: number): number => {
    if (hitStart <= SNIPPET_CONTEXT_MAX_CHARS) return 0;
    const before = text.slice(hitStart - SNIPPET_CONTEXT_MAX_CHARS, hitStart);
    const sentenceStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('.\u201c'));
    if (sentenceStart >= 0) return hitStart - before.length + sentenceStart + 2;
    return wordStartFrom(text, hitStart - SNIPPET_CONTEXT_CHARS, hitStart);
  };
  // the window (from a hit's context) that shows the most weight of distinct words (the
  // reader's own words weigh most), then the most hits
  let from = 0;
  let bestValue = 0;
  for (const hit of fromStart ? [] : hits) {
    const start = windowStart(hit.start);
    const inWindow = hits.filter((x) => x.start >= start && x.end <= start + SNIPPET_MAX_CHARS);
    const distinct = new Set(inWindow.map((x) => x.term!));
    const value = [...distinct].reduce((sum, t) => sum + weightOf(t), 0) + REPEAT_HIT_VALUE * inWindow.length;
    if (value > bestValue) [from, bestValue] = [start, value];
  }
  let to = Math.min(text.length, from + SNIPPET_MAX_CHARS);
  if (to < text.length) {
    // end before the space that ends the last whole word ("Organization’s" stays whole)
    const space = text.slice(from, to + 1).search(/\s\S*$/);
    if (space > 0) to = from + space;
  }
  const prefix = from > 0 ? '…' : '';
  const suffix = to < text.length ? '…' : '';
  // from is a word start (or 0) and to a word end, so the slice needs no trimming
  const snippet = prefix + text.slice(from, to) + suffix;
  const shift = prefix.length - from;
  const snippetMarks = hits
    .filter((h) => h.start >= from && h.end <= to)
    .map((h): [number, number] => [h.start + shift, h.end + shift]);
  return { snippet, snippetMarks };
}

