/**
 * The encyclopedia article about IOM, restored from the scrambled seed into reading
 * order (data/article.json). Paragraph text is the article's own words, verbatim,
 * with the inline reference markers `[n]` lifted out into `citations`.
 */
export interface Article {
  title: string;
  attribution: Attribution;
  /** The lead paragraphs, before the first heading. Its search/section name is "Overview". */
  lead: Paragraph[];
  /** The infobox: each fact with the year it holds for. Search/section name "Key facts". */
  infobox: InfoboxFact[];
  /** Top-level sections in reading order, each with its subsections. */
  sections: Section[];
  references: Reference[];
}

interface Attribution {
  /** e.g. "World Heritage Encyclopedia" */
  source: string;
  articleId: string;
  licence: string;
  licenceUrl: string;
  snapshotYear: number;
  /** One line fit for a card footer, e.g. "From World Heritage Encyclopedia (2014), CC BY-SA 3.0". */
  notice: string;
}

export interface Section {
  /** Stable id: a slug path, e.g. "history", "activities/counter-trafficking". */
  id: string;
  /** The article's own heading. */
  heading: string;
  /**
   * Where the heading comes from when the seed has no heading line for it:
   * "contents" (the seed's table of contents) or "reference N" (that reference's title).
   */
  headingRestoredFrom?: string;
  paragraphs: Paragraph[];
  subsections: Section[];
}

export interface Paragraph {
  /** Verbatim text with the `[n]` markers removed. */
  text: string;
  /** Inline reference markers: `ref` is the reference number, `at` the UTF-16 offset in `text` where `[ref]` stood. */
  citations: Citation[];
  /** True when the seed cuts the paragraph off mid-sentence; the text is NOT completed. */
  cutOff?: boolean;
  /**
   * Set for a line that is not running prose: an image caption / motto line, the quoted
   * press-release title that heads Advocacy, or the label of a list the seed leaves out
   * ("Member States:"). Summaries skip these.
   */
  role?: 'caption' | 'quote-heading' | 'list-label';
}

export interface Citation {
  ref: number;
  /**
   * UTF-16 offset in the text where `[ref]` stood. A marker at offset 0 (the seed puts
   * the marker of some cut-off paragraphs first) was followed by one space in the seed.
   */
  at: number;
}

export interface InfoboxFact {
  /** Stable key: names, formation, type, headquarters, membership, officialLanguages, directorGeneral, budget, staff. */
  key: string;
  label: string;
  /** Verbatim value from the infobox. */
  value: string;
  /** The year the fact holds for (e.g. budget 2013, membership 2014). */
  asOf: number;
  citations: Citation[];
  /** For the "names" fact: each name with its language. */
  names?: { lang: 'en' | 'fr' | 'es'; text: string }[];
}

export interface Reference {
  number: number;
  title: string;
  publisher: string;
  /** Publication date as the seed gives it (e.g. "July 2014"), if any. */
  date?: string;
  /** Retrieval date as the seed gives it (e.g. "6 April 2014"), if any. */
  retrieved?: string;
}
