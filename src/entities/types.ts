/** Every thing IOM Lens detects: see data/entities.json and its schema test. */
export type EntityKind = 'org' | 'former-name' | 'programme' | 'campaign' | 'person';

export const ENTITY_KINDS: readonly EntityKind[] = ['org', 'former-name', 'programme', 'campaign', 'person'];

export interface Entity {
  id: string;
  kind: EntityKind;
  /** Display name for cards and lists. */
  name: string;
  /** Short line for the card, e.g. "Former name of IOM". */
  description: string;
  forms: SurfaceForm[];
  /** Years the name was in use (former names, Director General's term). */
  era?: { from: number; to?: number };
  /** True when at least one form needs evidence before it is accepted. */
  ambiguous: boolean;
  /** Id of the article section (src/article/types.ts Section.id, or "overview"/"key-facts") its card draws on. */
  section: string;
}

export interface SurfaceForm {
  text: string;
  /** BCP 47 language of the form: en, en-GB, fr, es, ar, zh, ru, de, it, pt. */
  lang: string;
  /** Acronyms match case-sensitively ("IOM", never "iom"); names case-insensitively. */
  caseSensitive: boolean;
  /** This form alone is ambiguous (IOM, OIM, ICM, ICEM, "Swing"): needs evidence. */
  ambiguous: boolean;
  /** 'description': a common description that names IOM ("the UN migration agency", "FN:s migrationsorganisation"). */
  type: 'name' | 'acronym' | 'short-name' | 'description' | 'hashtag';
  /** Where the form is attested: a repository file (owner/name path, commit) or a page address, with the words quoted. */
  source?: string;
}
