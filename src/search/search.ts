import MiniSearch, { type SearchResult as DocumentHit } from 'minisearch';
import { expansionsFor } from './expansions';
import { MINISEARCH_OPTIONS, processTerm, type SearchDocument } from './options';

export type ArticleIndex = MiniSearch<SearchDocument>;

export interface SearchResult {
  sectionId: string;
  /** Heading path, e.g. "Activities › Counter Trafficking". */
  section: string;
  score: number;
  /** Plain text around the best matching terms (never HTML). */
  snippet: string;
  /** [start, end) UTF-16 offsets in `snippet` of the matched terms. */
  snippetMarks: [number, number][];
}

export const DEFAULT_RESULT_LIMIT = 10;
/** Expansion terms (expansions.ts) count for less than the reader's own words. */
export const EXPANSION_WEIGHT = 0.6;
/**
 * A section's score: its best document plus this share of each further matching document,
 * so a section that answers with several paragraphs edges out one lucky paragraph.
 */
export const FURTHER_MATCH_SHARE = 0.25;
/** Longest snippet, in characters, before the ellipses. */
export const SNIPPET_MAX_CHARS = 180;
/** Context kept before the first marked term: up to its sentence start if that is this near… */
export const SNIPPET_CONTEXT_MAX_CHARS = 70;
/** …else this many characters, from a word start. */
export const SNIPPET_CONTEXT_CHARS = 40;

/** MiniSearch's own tokenizer rule (split on spaces and punctuation), with offsets. */
const TOKEN = /[^\n\r\p{Z}\p{P}]+/gu;

/** Loads search-index.json with the shared options; a corrupt file gets a clear error. */
export function loadArticleIndex(json: string): ArticleIndex {
  try {
    return MiniSearch.loadJSON<SearchDocument>(json, MINISEARCH_OPTIONS);
  } catch (error) {
    throw new Error(`IOM Lens: the search index is unreadable (${(error as Error).message})`);
  }
}

/** The query's terms as the index knows them, plus the article words they stand for. */
function expandQuery(query: string): { terms: string[]; expansions: Set<string> } {
  const terms: string[] = [];
  for (const match of query.matchAll(TOKEN)) {
    const term = processTerm(match[0]);
    if (term && !terms.includes(term)) terms.push(term);
  }
  const expansions = new Set<string>();
  for (const term of terms) {
    for (const extra of expansionsFor(term)) if (!terms.includes(extra)) expansions.add(extra);
  }
  return { terms, expansions };
}

interface Tokened {
  start: number;
  end: number;
  term: string | null;
}

function tokens(text: string): Tokened[] {
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
export function makeSnippet(text: string, matchedTerms: Set<string>): { snippet: string; snippetMarks: [number, number][] } {
  const words = tokens(text);
  const hits = words.filter((w) => w.term !== null && matchedTerms.has(w.term));
  let from = 0;
  if (hits.length > 0) {
    // the start (a hit) whose window holds the most hits
    let best = 0;
    let bestCount = 0;
    hits.forEach((h, i) => {
      const count = hits.slice(i).filter((x) => x.end <= h.start + SNIPPET_MAX_CHARS).length;
      if (count > bestCount) [best, bestCount] = [i, count];
    });
    // a little context before the first hit: its sentence start if near, else a word start
    const hitStart = hits[best].start;
    const before = text.slice(Math.max(0, hitStart - SNIPPET_CONTEXT_MAX_CHARS), hitStart);
    const sentenceStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('.\u201c'));
    if (hitStart <= SNIPPET_CONTEXT_MAX_CHARS) from = 0;
    else if (sentenceStart >= 0) from = hitStart - before.length + sentenceStart + 2;
    else {
      from = wordStartFrom(text, hitStart - SNIPPET_CONTEXT_CHARS, hitStart);
    }
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

/**
 * Searches the article; one result per section, best first. Sections and paragraphs are
 * both documents: the section document brings the heading weight, the best paragraph the
 * snippet.
 */
export function searchArticle(index: ArticleIndex, query: string, limit = DEFAULT_RESULT_LIMIT): SearchResult[] {
  const { terms, expansions } = expandQuery(query);
  if (terms.length === 0) return [];
  const hits = index.search([...terms, ...expansions].join(' '), {
    boostTerm: (term) => (expansions.has(term) ? EXPANSION_WEIGHT : 1),
  });

  const bySection = new Map<string, DocumentHit[]>();
  for (const hit of hits) {
    const list = bySection.get(hit.sectionId) ?? [];
    list.push(hit);
    bySection.set(hit.sectionId, list);
  }

  const results: SearchResult[] = [];
  for (const [sectionId, sectionHits] of bySection) {
    // hits come sorted by score, best first
    const score = sectionHits[0].score + FURTHER_MATCH_SHARE * sectionHits.slice(1).reduce((sum, h) => sum + h.score, 0);
    const matchedTerms = new Set(sectionHits.flatMap((h) => h.terms));
    const paragraph = sectionHits.find((h) => h.kind === 'paragraph');
    const sectionDoc = index.getStoredFields(`s:${sectionId}`) as Partial<SearchDocument> | undefined;
    const text = (paragraph?.text as string | undefined) ?? sectionDoc?.text ?? '';
    results.push({
      sectionId,
      section: String(sectionDoc?.path ?? sectionHits[0].path),
      score,
      ...makeSnippet(text.split('\n')[0] === text ? text : pickLine(text, matchedTerms), matchedTerms),
    });
  }
  results.sort((a, b) => b.score - a.score);
  return results.slice(0, limit);
}

/** For a multi-paragraph section text: the paragraph with the most matched terms. */
function pickLine(text: string, matchedTerms: Set<string>): string {
  const lines = text.split('\n');
  let best = lines[0];
  let bestCount = -1;
  for (const line of lines) {
    const count = tokens(line).filter((t) => t.term !== null && matchedTerms.has(t.term)).length;
    if (count > bestCount) [best, bestCount] = [line, count];
  }
  return best;
}

/** What a query gets: results, or the empty state with its reason. */
export type SearchAnswer = { empty: false; results: SearchResult[] } | { empty: true; reason: string };

export function answerQuery(index: ArticleIndex, query: string, limit = DEFAULT_RESULT_LIMIT): SearchAnswer {
  const results = searchArticle(index, query, limit);
  return results.length ? { empty: false, results } : { empty: true, reason: 'no-match' };
}
