import sinceJson from '../../data/since-2014.json';
import { foldKey } from './lexicon';

/**
 * Facts from after the article's 2014 snapshot (data/since-2014.json): each dated, sourced
 * and shown apart from the article with a "since the article" label, never mixed into its
 * text. Cards show those about their entity; search shows those about the query's words.
 */
export interface SinceSource {
  title: string;
  publisher: string;
  /** "2016-07-26", "2018-06", "2023", or "undated…" when the stored page gives no date. */
  date: string;
  url: string;
}

export interface SinceArticleFact {
  id: string;
  /** When it happened: "2016-09-19", "2023". */
  date: string;
  /** The article's infobox fact it brings up to date, if any ("directorGeneral"). */
  updates?: string;
  /** English, like the article. */
  text: string;
  /** What readers would search it by (matched folded, like the lexicon). */
  keywords: string[];
  /** Entity ids (data/entities.json) whose cards show it. */
  entities: string[];
  sources: SinceSource[];
}

export class SinceFactsError extends Error {}

/** The article's snapshot year: every fact here is later. */
const SNAPSHOT_YEAR = 2014;
const DATE = /^(\d{4})(-\d{2}(-\d{2})?)?$/;

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Checks the file's shape; throws SinceFactsError naming the fact and the problem. */
export function parseSinceFacts(raw: unknown): SinceArticleFact[] {
  const facts = (raw as { facts?: unknown })?.facts;
  if (!Array.isArray(facts) || facts.length === 0) throw new SinceFactsError('since-2014: "facts" must be a non-empty array');
  const ids = new Set<string>();
  return facts.map((fact, n) => {
    const where = `since-2014 fact ${isText(fact?.id) ? `"${fact.id}"` : n}`;
    if (!isText(fact?.id)) throw new SinceFactsError(`${where}: "id" must be a non-empty string`);
    if (ids.has(fact.id)) throw new SinceFactsError(`${where}: duplicate id`);
    ids.add(fact.id);
    const date = DATE.exec(String(fact.date));
    if (!date) throw new SinceFactsError(`${where}: "date" must be YYYY, YYYY-MM or YYYY-MM-DD`);
    if (Number(date[1]) <= SNAPSHOT_YEAR) throw new SinceFactsError(`${where}: dated ${fact.date}, not after the ${SNAPSHOT_YEAR} snapshot`);
    if (!isText(fact.text)) throw new SinceFactsError(`${where}: "text" must be a non-empty string`);
    if (fact.updates !== undefined && !isText(fact.updates)) throw new SinceFactsError(`${where}: "updates" must be an infobox key`);
    for (const field of ['keywords', 'entities'] as const) {
      if (!Array.isArray(fact[field]) || fact[field].length === 0 || !fact[field].every(isText)) {
        throw new SinceFactsError(`${where}: "${field}" must be a non-empty array of strings`);
      }
    }
    if (!Array.isArray(fact.sources) || fact.sources.length === 0) throw new SinceFactsError(`${where}: at least one source is needed`);
    for (const source of fact.sources) {
      for (const key of ['title', 'publisher', 'date', 'url'] as const) {
        if (!isText(source?.[key])) throw new SinceFactsError(`${where}: every source needs a "${key}"`);
      }
      if (!/^https?:\/\//.test(source.url)) throw new SinceFactsError(`${where}: source url "${source.url}" is not a web address`);
    }
    return fact as SinceArticleFact;
  });
}

export const SINCE_FACTS: readonly SinceArticleFact[] = parseSinceFacts(sinceJson);

/** The facts a card about this entity shows, latest first. */
export function sinceFactsFor(entityId: string, facts: readonly SinceArticleFact[] = SINCE_FACTS): SinceArticleFact[] {
  return facts.filter((f) => f.entities.includes(entityId)).sort((a, b) => b.date.localeCompare(a.date));
}

/** Most facts a search shows beside (or instead of) the article's results. */
const SINCE_RESULT_LIMIT = 3;

const KEYWORDS = SINCE_FACTS.map((fact) => ({ fact, keys: new Set(fact.keywords.map(foldKey)) }));

/**
 * The facts whose keywords the query's words (already folded and translated by the search:
 * "directora" → "director general") or phrases name, most keywords first, then latest.
 */
export function sinceFactsMatching(words: readonly string[]): SinceArticleFact[] {
  const scored = KEYWORDS.map(({ fact, keys }) => ({ fact, hits: words.filter((w) => keys.has(w)).length })).filter((s) => s.hits > 0);
  scored.sort((a, b) => b.hits - a.hits || b.fact.date.localeCompare(a.fact.date));
  return scored.slice(0, SINCE_RESULT_LIMIT).map((s) => s.fact);
}
