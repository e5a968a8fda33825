/**
 * Validates the whole-document corpora (tests/corpus/docs-dev.jsonl, tuned on, and
 * tests/corpus/docs-measure.jsonl, measured only): real documents no one here wrote, each with its
 * exact source, labelled by reading (conventions: tests/corpus/README.md, "Whole-document corpus").
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entities } from '../src/entities/registry';
import { corpusLines, validateLine, type LineRules, type Snippet } from './corpus/format';

const corpusPath = (name: string) => fileURLToPath(new URL(`./corpus/${name}`, import.meta.url));
const MIN_DOCUMENTS = 60;
const MIN_HARD_NEGATIVES = 20;
const MIN_DOCUMENTS_WITH_MENTIONS = 20;
/** Languages, besides English, of documents with mentions. */
const MIN_OTHER_LANGUAGES = 6;
/** Whole files, or one contiguous section of several thousand characters from a longer one. */
const MAX_TEXT_LENGTH = 8000;
/** Sources name a repository file (owner/name and path) with the characters taken, or a page address. */
const EXACT_SOURCE = /^(?:github\.com\/[\w.-]+\/[\w.-]+ \S+: characters \d+-\d+\.|https?:\/\/\S+: page text from its beginning)/;

const RULES = (split: string): LineRules => ({
  knownIds: new Set(entities.map((entity) => entity.id)),
  idPattern: new RegExp(`^doc-${split}-\\d{3}$`),
  langs: ['en', 'fr', 'es', 'de', 'it', 'pt', 'ar', 'zh', 'ru', 'nl', 'sv', 'da', 'hu'],
  textLength: { min: 1, max: MAX_TEXT_LENGTH },
});

const files = { dev: 'docs-dev.jsonl', measure: 'docs-measure.jsonl' } as const;
const linesOf = (split: keyof typeof files) => corpusLines(readFileSync(corpusPath(files[split]), 'utf8'));
const documents = (Object.keys(files) as (keyof typeof files)[]).flatMap((split) => linesOf(split).map((line) => JSON.parse(line) as Snippet));

describe('whole-document corpora', () => {
  it('the validator rejects a broken line (so the checks below can fail)', () => {
    const good = { id: 'doc-dev-001', lang: 'nl', kind: 'positive', source: 'https://example.org/: page text from its beginning', text: 'IOM zei.', expected: [{ surface: 'IOM', entityId: 'iom' }] };
    expect(validateLine(JSON.stringify(good), RULES('dev'))).toEqual([]);
    expect(validateLine(JSON.stringify({ ...good, id: 'doc-measure-001' }), RULES('dev'))).not.toEqual([]);
    expect(validateLine(JSON.stringify({ ...good, text: 'IOMMU zei.' }), RULES('dev'))).not.toEqual([]);
  });

  it.each(Object.keys(files) as (keyof typeof files)[])('every line of the %s part is a valid document with an exact source', (split) => {
    const lines = linesOf(split);
    expect(lines.flatMap((line) => validateLine(line, RULES(split)))).toEqual([]);
    expect(lines.map((line) => JSON.parse(line) as Snippet).filter((doc) => !EXACT_SOURCE.test(doc.source)).map((doc) => doc.id)).toEqual([]);
  });

  it(`holds at least ${MIN_DOCUMENTS} documents, ${MIN_HARD_NEGATIVES} hard negatives, and mentions in ${MIN_OTHER_LANGUAGES}+ languages besides English`, () => {
    expect(documents.length).toBeGreaterThanOrEqual(MIN_DOCUMENTS);
    expect(new Set(documents.map((doc) => doc.id)).size).toBe(documents.length);
    expect(documents.filter((doc) => doc.kind === 'negative').length).toBeGreaterThanOrEqual(MIN_HARD_NEGATIVES);
    const withMentions = documents.filter((doc) => doc.expected.length > 0);
    expect(withMentions.length).toBeGreaterThanOrEqual(MIN_DOCUMENTS_WITH_MENTIONS);
    expect(new Set(withMentions.map((doc) => doc.lang).filter((lang) => lang !== 'en')).size).toBeGreaterThanOrEqual(MIN_OTHER_LANGUAGES);
  });

  it('no document text appears in both parts', () => {
    const dev = new Set(linesOf('dev').map((line) => (JSON.parse(line) as Snippet).text));
    expect(linesOf('measure').filter((line) => dev.has((JSON.parse(line) as Snippet).text))).toEqual([]);
  });
});
