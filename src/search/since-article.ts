import * as v from 'valibot';
import sinceJson from '../../data/since-2014.json';
import { foldKey } from './lexicon';
import { SinceFactSchema } from './schemas';

/**
 * Facts from after the article's 2014 snapshot (data/since-2014.json): each dated, sourced
 * and shown apart from the article with a "since the article" label, never mixed into its
 * text. Cards show those about their entity; search shows those about the query's words.
 * Their shape is declared once, SinceFactSchema (./schemas.ts).
 */

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
