/**
 * The shapes of what the search index and the bundled data hold, declared once as valibot
 * schemas (types inferred). Kept apart from the data and the search code so the runtime
 * messages (src/messaging/protocol.ts), which carry these shapes to the card, bundle no data.
 */
import * as v from 'valibot';

const CitationSchema = v.object({ ref: v.number(), at: v.number() });

/**
 * Stored with each section document (see card-content.ts): the one declaration of the
 * card fields search-index.json holds. The background checks what it reads with it, so a
 * stale or damaged index gives a clear error instead of a half-filled card.
 */
export const StoredCardSchema = v.object({
  summary: v.string(),
  paragraphs: v.array(
    v.object({ text: v.string(), citations: v.array(CitationSchema), cutOff: v.optional(v.boolean()), role: v.optional(v.string()) }),
  ),
  references: v.array(
    v.object({ number: v.number(), title: v.string(), publisher: v.string(), date: v.optional(v.string()), retrieved: v.optional(v.string()) }),
  ),
  /** key-facts only: the infobox. */
  facts: v.optional(
    v.array(
      v.object({
        key: v.string(),
        label: v.string(),
        value: v.string(),
        asOf: v.number(),
        citations: v.array(CitationSchema),
        names: v.optional(v.array(v.object({ lang: v.picklist(['en', 'fr', 'es']), text: v.string() }))),
      }),
    ),
  ),
  attribution: v.string(),
  licenceUrl: v.string(),
});

export type StoredCard = v.InferOutput<typeof StoredCardSchema>;

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

