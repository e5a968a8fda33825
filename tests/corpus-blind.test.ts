/**
 * Validates the blind detection corpus (tests/corpus/detect-blind.jsonl): written by an annotator
 * who read neither the engine nor the other corpora, and added to the repo only after the engine
 * work was done, so its scores are the honest ones. Conventions: tests/corpus/README.md.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entities } from '../src/entities/registry';
import { corpusLines, validateLine, type LineRules, type Snippet } from './corpus/format';

const corpusPath = (name: string) => fileURLToPath(new URL(`./corpus/${name}`, import.meta.url));
const MIN_SNIPPETS = 100;
/** Share of snippets with no mention the file was written with (about 55%). */
const MIN_NEGATIVE_SHARE = 0.45;
const SHARED_SENTENCE_MIN_LENGTH = 100;

const RULES: LineRules = {
  knownIds: new Set(entities.map((entity) => entity.id)),
  idPattern: /^blind-\d{3}$/,
  langs: ['en', 'fr', 'es', 'de', 'it', 'pt', 'ar', 'zh', 'ru'],
};

const lines = corpusLines(readFileSync(corpusPath('detect-blind.jsonl'), 'utf8'));
const snippets = lines.map((line) => JSON.parse(line) as Snippet);

describe('tests/corpus/detect-blind.jsonl', () => {
  it('the shared validator rejects a broken line (so the check below can fail)', () => {
    const good = { id: 'blind-001', lang: 'en', kind: 'positive', source: 's', text: 'IOM said.', expected: [{ surface: 'IOM', entityId: 'iom' }] };
    expect(validateLine(JSON.stringify(good), RULES)).toEqual([]);
    expect(validateLine(JSON.stringify({ ...good, id: 'en-news-001' }), RULES)).not.toEqual([]);
    expect(validateLine(JSON.stringify({ ...good, expected: [{ surface: 'OIM', entityId: 'iom' }] }), RULES)).not.toEqual([]);
  });

  it('every line is a valid snippet', () => {
    expect(lines.flatMap((line) => validateLine(line, RULES))).toEqual([]);
  });

  it(`has at least ${MIN_SNIPPETS} snippets with unique ids, and at least ${MIN_NEGATIVE_SHARE * 100}% hard negatives`, () => {
    expect(snippets.length).toBeGreaterThanOrEqual(MIN_SNIPPETS);
    const ids = snippets.map((snippet) => snippet.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(snippets.filter((snippet) => snippet.kind === 'negative').length / snippets.length).toBeGreaterThanOrEqual(MIN_NEGATIVE_SHARE);
  });

  it('shares no text with the development or held-out corpus', () => {
    const others = ['detect-dev.jsonl', 'detect-holdout.jsonl'].flatMap((name) =>
      corpusLines(readFileSync(corpusPath(name), 'utf8')).map((line) => (JSON.parse(line) as Snippet).text),
    );
    // Sentences this long don't repeat by chance; a common opening such as a union's full name may.
    const sentences = (text: string) => text.split(/(?<=[.!?])\s+|\n+/).filter((sentence) => sentence.length >= SHARED_SENTENCE_MIN_LENGTH);
    const shared = snippets.flatMap((snippet) => sentences(snippet.text).filter((sentence) => others.some((text) => text.includes(sentence))));
    expect(shared).toEqual([]);
  });
});
