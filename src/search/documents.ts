import { allSections, article, KEY_FACTS_ID, OVERVIEW_ID, sectionById, type FlatSection } from '../article';
import type { Article, InfoboxFact, Paragraph } from '../article/types';
import type { SearchDocument } from './options';
import type { StoredCard } from './schemas';
import { summarize } from './summary';

/** "Membership: 156 member states and …" — one infobox fact as searchable text. */
function factText(fact: InfoboxFact): string {
  return `${fact.label}: ${fact.value}`;
}

function citedReferences(art: Article, paragraphs: { citations: { ref: number }[] }[]): StoredCard['references'] {
  const cited = new Set(paragraphs.flatMap((p) => p.citations.map((c) => c.ref)));
  return art.references.filter((r) => cited.has(r.number));
}

function cardFor(art: Article, section: FlatSection): StoredCard {
  const paragraphs: StoredCard['paragraphs'] = section.paragraphs.map((p: Paragraph) => ({ ...p }));
  const facts = section.id === KEY_FACTS_ID ? art.infobox.map((f) => ({ ...f })) : undefined;
  let summary: string;
  if (facts) {
    summary = summarize(facts.filter((f) => f.key !== 'names').map((f) => factText(f) + '.'));
  } else if (section.paragraphs.length > 0) {
    // Prose only; a cut-off paragraph only when the section has nothing else (its "…" is ours).
    const prose = section.paragraphs.filter((p) => !p.role);
    const whole = prose.filter((p) => !p.cutOff);
    summary = summarize(whole.length > 0 ? whole.map((p) => p.text) : prose.map((p) => p.text + '…'));
  } else {
    // A section with only subsections (Activities, Campaigns): name them.
    summary = summarize([section.subsectionIds.map((id) => sectionById(id)!.heading).join(' · ')]);
  }
  return {
    summary,
    paragraphs,
    references: citedReferences(art, [...paragraphs, ...(facts ?? [])]),
    ...(facts ? { facts } : {}),
    attribution: art.attribution.notice,
    licenceUrl: art.attribution.licenceUrl,
  };
}

/**
 * The article as search documents: one per section (not searched: it carries the path and
 * the card data) and one per paragraph (heading and text: what is searched and gives the
 * snippet). The infobox is the "Key facts" section with one document per fact, so "how many
 * member states" or "when was it founded" can land on the fact itself.
 */
export function articleDocuments(): SearchDocument[] {
  const art = article;
  const docs: SearchDocument[] = [];
  for (const section of allSections()) {
    const texts =
      section.id === KEY_FACTS_ID ? art.infobox.map(factText) : section.paragraphs.map((p) => p.text);
    docs.push({
      id: `s:${section.id}`,
      kind: 'section',
      sectionId: section.id,
      path: section.path,
      card: cardFor(art, section),
    });
    // The lead's first whole paragraph defines IOM: it answers "what is IOM" (search.ts DEFINITION_LEAD).
    const definitionAt = section.id === OVERVIEW_ID ? section.paragraphs.findIndex((p) => !p.cutOff && !p.role) : -1;
    texts.forEach((text, n) => {
      // Captions, the quoted title and list labels stay in the section's text but give no
      // snippet of their own: "Member States:" would otherwise beat the sentence with the count.
      if (section.paragraphs[n]?.role) return;
      docs.push({
        id: `p:${section.id}:${n}`,
        kind: 'paragraph',
        sectionId: section.id,
        heading: section.heading,
        path: section.path,
        text,
        ...(n === definitionAt ? { definition: true } : {}),
      });
    });
  }
  return docs;
}
