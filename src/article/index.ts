import articleJson from '../../data/article.json';
import type { Article, InfoboxFact, Paragraph, Section } from './types';

export type { Article, Citation, Paragraph, Reference } from './types';

/** The restored article (data/article.json). */
export const article: Article = articleJson as Article;

export const OVERVIEW_ID = 'overview';
export const KEY_FACTS_ID = 'key-facts';
const OVERVIEW_PATH = 'Overview';
const KEY_FACTS_PATH = 'Key facts';
const PATH_SEPARATOR = ' › ';

/** A section in the flattened reading order, with its heading path. */
export interface FlatSection {
  id: string;
  heading: string;
  /** Headings joined with " › ", e.g. "Activities › Counter Trafficking". */
  path: string;
  /** Id of the enclosing section, if any. */
  parentId?: string;
  /** Own paragraphs only (not those of subsections). Empty for "key-facts". */
  paragraphs: Paragraph[];
  /** Only on the "key-facts" pseudo section. */
  facts?: InfoboxFact[];
  /** Ids of the direct subsections. */
  subsectionIds: string[];
}

function flatten(article: Article): FlatSection[] {
  const out: FlatSection[] = [
    { id: OVERVIEW_ID, heading: OVERVIEW_PATH, path: OVERVIEW_PATH, paragraphs: article.lead, subsectionIds: [] },
    { id: KEY_FACTS_ID, heading: KEY_FACTS_PATH, path: KEY_FACTS_PATH, paragraphs: [], facts: article.infobox, subsectionIds: [] },
  ];
  const visit = (section: Section, parent?: FlatSection): void => {
    const flat: FlatSection = {
      id: section.id,
      heading: section.heading,
      path: parent ? parent.path + PATH_SEPARATOR + section.heading : section.heading,
      parentId: parent?.id,
      paragraphs: section.paragraphs,
      subsectionIds: section.subsections.map((s) => s.id),
    };
    out.push(flat);
    for (const sub of section.subsections) visit(sub, flat);
  };
  for (const section of article.sections) visit(section);
  return out;
}

const flatSections = flatten(article);
const byId = new Map(flatSections.map((s) => [s.id, s]));

/** Every section in reading order: "overview", "key-facts", then the article's sections depth first. */
export function allSections(): FlatSection[] {
  return flatSections;
}

export function sectionById(id: string): FlatSection | undefined {
  return byId.get(id);
}

/** "Activities › Counter Trafficking", "Overview", "Key facts"; undefined for an unknown id. */
export function sectionPath(id: string): string | undefined {
  return byId.get(id)?.path;
}

/**
 * The paragraph as the seed prints it: each `[n]` marker put back at its offset. A marker
 * at offset 0 gets the single space that followed it in the seed ("[9] IOM’s …").
 */
export function paragraphWithMarkers(p: Pick<Paragraph, 'text' | 'citations'>): string {
  const sorted = [...p.citations].sort((a, b) => a.at - b.at);
  let out = '';
  let pos = 0;
  for (const c of sorted) {
    out += p.text.slice(pos, c.at) + `[${c.ref}]` + (c.at === 0 && p.text.length > 0 ? ' ' : '');
    pos = c.at;
  }
  return out + p.text.slice(pos);
}
