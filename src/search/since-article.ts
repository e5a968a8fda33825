import * as v from 'valibot';
import sinceJson from '../../data/since-2014.json';
import { foldKey } from './lexicon';

/**
 * Facts from after the article's 2014 snapshot (data/since-2014.json): each dated, sourced
 * and shown apart from the article with a "since the article" label, never mixed into its
 * text. Cards show those about their entity; search shows those about the query's words.
 * The schema is the one declaration of a fact's shape: the file is checked with it, and the
 * background's card:get answer (src/messaging/protocol.ts) carries facts of this shape.
 */

/** The article's snapshot year: every fact here is later. */
const SNAPSHOT_YEAR = 2014;
const DATE = /^(\d{4})(-\d{2}(-\d{2})?)?$/;

const text = (what: string) =>
  v.pipe(
    v.string(`"${what}" must be a non-empty string`),
    v.check((s) => s.trim() !== '', `"${what}" must be a non-empty string`),
  );
const texts = (what: string) =>
  v.pipe(v.array(text(what), `"${what}" must be a non-empty array of strings`), v.nonEmpty(`"${what}" must be a non-empty array of strings`));

const SinceSourceSchema = v.object({
  title: text('title'),
  publisher: text('publisher'),
  /** "2016-07-26", "2018-06", "2023", or "undated…" when the stored page gives no date. */
  date: text('date'),
  url: v.pipe(text('url'), v.regex(/^https?:\/\//, (issue) => `source url "${String(issue.input)}" is not a web address`)),
});

export const SinceFactSchema = v.object({
  id: text('id'),
  /** When it happened: "2016-09-19", "2023". */
  date: v.pipe(
    v.string('"date" must be YYYY, YYYY-MM or YYYY-MM-DD'),
    v.regex(DATE, '"date" must be YYYY, YYYY-MM or YYYY-MM-DD'),
    v.check((date) => Number(date.slice(0, 4)) > SNAPSHOT_YEAR, (issue) => `dated ${String(issue.input)}, not after the ${SNAPSHOT_YEAR} snapshot`),
  ),
  /** The article's infobox fact it brings up to date, if any ("directorGeneral"). */
  updates: v.optional(v.pipe(v.string('"updates" must be an infobox key'), v.nonEmpty('"updates" must be an infobox key'))),
  /** English, like the article. */
  text: text('text'),
  /** What readers would search it by (matched folded, like the lexicon). */
  keywords: texts('keywords'),
  /** Entity ids (data/entities.json) whose cards show it. */
  entities: texts('entities'),
  sources: v.pipe(v.array(SinceSourceSchema, 'at least one source is needed'), v.nonEmpty('at least one source is needed')),
});

export type SinceArticleFact = v.InferOutput<typeof SinceFactSchema>;

export class SinceFactsError extends Error {}

/** Checks the file's shape; throws SinceFactsError naming the fact and the problem. */
export function parseSinceFacts(raw: unknown): SinceArticleFact[] {
  const facts = (raw as { facts?: unknown })?.facts;
  if (!Array.isArray(facts) || facts.length === 0) throw new SinceFactsError('since-2014: "facts" must be a non-empty array');
  const ids = new Set<string>();
  return facts.map((fact: unknown, n) => {
    const id = (fact as { id?: unknown } | null)?.id;
    const where = `since-2014 fact ${typeof id === 'string' && id.trim() ? `"${id}"` : n}`;
    const parsed = v.safeParse(SinceFactSchema, fact);
    if (!parsed.success) throw new SinceFactsError(`${where}: ${parsed.issues[0].message}`);
    if (ids.has(parsed.output.id)) throw new SinceFactsError(`${where}: duplicate id`);
    ids.add(parsed.output.id);
    return parsed.output;
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
