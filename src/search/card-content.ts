import type { CardContent } from '../messaging/protocol';
import { getEntity } from '../entities/registry';
import * as v from 'valibot';
import type { SearchDocument } from './options';
import { StoredCardSchema, type StoredCard } from './schemas';
import type { ArticleIndex } from './search';
import { sinceFactsFor } from './since-article';
import { summarize } from './summary';

type Fact = NonNullable<StoredCard['facts']>[number];

// Not imported from src/article: that would bundle the whole article into the background.
const KEY_FACTS_ID = 'key-facts';
const KEY_FACTS_DOC = `s:${KEY_FACTS_ID}`;

/**
 * Which infobox facts a card shows for an entity: all of them for IOM itself; the names
 * and the founding year for a former name; the Director General (with the year it held
 * for) for a person; none for programmes and campaigns, whose sections speak for them.
 */
function factKeysFor(entityId: string): Set<string> | 'all' {
  const kind = getEntity(entityId)?.kind;
  if (kind === 'org') return 'all';
  if (kind === 'former-name') return new Set(['names', 'formation']);
  if (kind === 'person') return new Set(['directorGeneral']);
  return new Set();
}

/** A hover card shows at most this many facts from after the article (latest first), so the article stays in view. */
const CARD_SINCE_LIMIT = 3;

/** What changed after the article, for IOM and its Directors General (never merged into the article's facts). */
function sinceField(entityId: string): { since?: CardContent['since'] } {
  const since = sinceFactsFor(entityId).slice(0, CARD_SINCE_LIMIT);
  return since.length ? { since } : {};
}

/** A section document's stored fields, its card checked against StoredCardSchema; throws naming what is wrong. */
function storedCard(index: ArticleIndex, docId: string): (Partial<SearchDocument> & { card: StoredCard }) | undefined {
  const stored = index.getStoredFields(docId) as Partial<SearchDocument> | undefined;
  if (!stored?.card) return undefined;
  const card = v.safeParse(StoredCardSchema, stored.card);
  if (!card.success) {
    throw new Error(`IOM Lens: the search index's card for "${docId}" is malformed (${v.summarize(card.issues)})`);
  }
  return { ...stored, card: card.output };
}

/**
 * What the hover card shows for an entity, read from the loaded index alone (the
 * background has search-index.json, not the article). Throws for a section the index
 * does not know, so a wrong entity→section link shows up as a clear error.
 */
export function cardContentFor(index: ArticleIndex, sectionId: string, entityId: string): CardContent {
  const section = storedCard(index, `s:${sectionId}`);
  if (!section) throw new Error(`IOM Lens: no article section "${sectionId}" in the search index`);
  const keyFacts = storedCard(index, KEY_FACTS_DOC);
  const allFacts: Fact[] = keyFacts?.card.facts ?? [];
  const keys = factKeysFor(entityId);
  const facts = keys === 'all' ? allFacts : allFacts.filter((f) => keys.has(f.key));

  // the section's references (on Key facts: only those of the facts shown), then those the
  // shown facts cite (the budget cites [1])
  const references = sectionId === KEY_FACTS_ID ? [] : [...section.card.references];
  const known = new Set(references.map((r) => r.number));
  const cited = new Set(facts.flatMap((f) => f.citations.map((c) => c.ref)));
  for (const r of keyFacts?.card.references ?? []) {
    if (cited.has(r.number) && !known.has(r.number)) references.push(r);
  }
  references.sort((a, b) => a.number - b.number);

  return {
    entityId,
    sectionId,
    sectionPath: String(section.path),
    // On the Key facts card (people), the facts that concern the entity are the summary.
    summary: sectionId === KEY_FACTS_ID && facts.length > 0 ? summarize(facts.map((f) => `${f.label}: ${f.value}.`)) : section.card.summary,
    paragraphs: section.card.paragraphs
      .filter((p) => p.role !== 'list-label')
      .map((p) => ({ text: p.text, citations: p.citations, ...(p.cutOff ? { cutOff: true } : {}) })),
    references,
    facts,
    attribution: section.card.attribution,
    licenceUrl: section.card.licenceUrl,
    ...sinceField(entityId),
  };
}
