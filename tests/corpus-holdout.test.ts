/**
 * Validates the held-out detection corpus (tests/corpus/detect-holdout.jsonl) itself, not the engine:
 * every line parses, labels point at real text, entity ids exist in the registry, and the file keeps
 * the size and mix it was written with. Conventions: tests/corpus/README.md ("Held-out corpus").
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusLines, resolveSpans, validateLine as validateCorpusLine, type LineRules, type Snippet } from './corpus/format';

const HOLDOUT_PATH = fileURLToPath(new URL('./corpus/detect-holdout.jsonl', import.meta.url));
const DEV_PATH = fileURLToPath(new URL('./corpus/detect-dev.jsonl', import.meta.url));
const REGISTRY_PATH = fileURLToPath(new URL('../data/entities.json', import.meta.url));

const MIN_SNIPPETS = 120;
const MIN_TEXT_LENGTH = 300;
const MAX_TEXT_LENGTH = 2500;
/** Shares of hard-negative snippets (kind "negative") the file was written to keep. */
const MIN_NEGATIVE_SHARE = 0.45;
const MAX_NEGATIVE_SHARE = 0.65;
const LANGS = ['en', 'fr', 'es', 'de', 'it', 'pt', 'ar', 'zh', 'ru'] as const;
/** A held-out line this long that also appears in the dev corpus means text was shared between them. */
const SHARED_LINE_MIN_LENGTH = 60;

function registryIds(): Set<string> {
  const registry = JSON.parse(readFileSync(REGISTRY_PATH, 'utf8')) as unknown;
  const list = Array.isArray(registry) ? registry : ((registry as { entities?: unknown[] }).entities ?? []);
  return new Set((list as { id: string }[]).map((entity) => entity.id));
}

const LINE_RULES = (knownIds: ReadonlySet<string>): LineRules => ({
  knownIds,
  idPattern: /^[a-z]{2}-[a-z0-9]+-\d{3}$/,
  langs: LANGS,
  textLength: { min: MIN_TEXT_LENGTH, max: MAX_TEXT_LENGTH },
});

/** The shared checks, plus: an id starts with its snippet's language. */
function validateLine(line: string, knownIds: ReadonlySet<string>): string[] {
  const errors = validateCorpusLine(line, LINE_RULES(knownIds));
  if (errors.length > 0) return errors;
  const snippet = JSON.parse(line) as Snippet;
  return snippet.id.startsWith(`${snippet.lang}-`) ? [] : [`${snippet.id}: id does not start with lang`];
}

const knownIds = registryIds();
const lines = corpusLines(readFileSync(HOLDOUT_PATH, 'utf8'));
const snippets = lines.map((line) => JSON.parse(line) as Snippet);

describe('held-out corpus validator', () => {
  // The validator must reject broken lines, or the file checks below would prove nothing.
  const text = `IOMMU groups aside, IOM said so. ${'x'.repeat(MIN_TEXT_LENGTH)}`;
  const good = { id: 'en-news-001', lang: 'en', kind: 'positive', source: 's', text, expected: [{ surface: 'IOM', entityId: 'iom', nth: 1 }] };
  it.each([
    ['not JSON', '{"id": '],
    ['surface missing from text', JSON.stringify({ ...good, expected: [{ surface: 'OIM', entityId: 'iom' }] })],
    ['nth past the last occurrence', JSON.stringify({ ...good, expected: [{ surface: 'IOM', entityId: 'iom', nth: 2 }] })],
    ['entity id not in the registry', JSON.stringify({ ...good, expected: [{ surface: 'IOM', entityId: 'org/iom' }] })],
    ['label inside a longer word', JSON.stringify({ ...good, expected: [{ surface: 'IOM', entityId: 'iom', nth: 0 }] })],
    ['negative with mentions', JSON.stringify({ ...good, kind: 'negative' })],
    ['mixed without mentions', JSON.stringify({ ...good, kind: 'mixed', expected: [] })],
    ['short text', JSON.stringify({ ...good, text: 'IOMMU and IOM.' })],
    ['extra key', JSON.stringify({ ...good, genre: 'news' })],
    ['id without number', JSON.stringify({ ...good, id: 'en-news' })],
  ])('rejects %s', (_name, line) => {
    expect(validateLine(line, knownIds)).not.toEqual([]);
  });
  it('accepts a valid line and resolves nth to the later occurrence', () => {
    expect(validateLine(JSON.stringify(good), knownIds)).toEqual([]);
    expect(resolveSpans(good as Snippet)).toEqual([{ start: 20, end: 23, surface: 'IOM', entityId: 'iom' }]);
  });
});

describe('tests/corpus/detect-holdout.jsonl', () => {
  it('every line is a valid snippet', () => {
    expect(lines.flatMap((line) => validateLine(line, knownIds))).toEqual([]);
  });

  it('ids are unique and none is reused from the development corpus', () => {
    const ids = snippets.map((s) => s.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const devIds = new Set(corpusLines(readFileSync(DEV_PATH, 'utf8')).map((l) => (JSON.parse(l) as Snippet).id));
    expect(ids.filter((id) => devIds.has(id))).toEqual([]);
  });

  it('shares no long line of text with the development corpus', () => {
    const devTexts = corpusLines(readFileSync(DEV_PATH, 'utf8')).map((l) => (JSON.parse(l) as Snippet).text);
    const shared = snippets.flatMap((s) =>
      s.text.split('\n').map((line) => line.trim()).filter((line) => line.length >= SHARED_LINE_MIN_LENGTH && devTexts.some((dev) => dev.includes(line))),
    );
    expect(shared).toEqual([]);
  });

  it(`has at least ${MIN_SNIPPETS} snippets, with hard negatives between ${MIN_NEGATIVE_SHARE * 100}% and ${MAX_NEGATIVE_SHARE * 100}%`, () => {
    expect(snippets.length).toBeGreaterThanOrEqual(MIN_SNIPPETS);
    const negativeShare = snippets.filter((s) => s.kind === 'negative').length / snippets.length;
    expect(negativeShare).toBeGreaterThanOrEqual(MIN_NEGATIVE_SHARE);
    expect(negativeShare).toBeLessThanOrEqual(MAX_NEGATIVE_SHARE);
  });

  it('every language has a snippet with mentions and a hard negative', () => {
    const missing = LANGS.filter(
      (lang) => !snippets.some((s) => s.lang === lang && s.kind !== 'negative') || !snippets.some((s) => s.lang === lang && s.kind === 'negative'),
    );
    expect(missing).toEqual([]);
  });

  it('labels programme phrases only on snippets that also label IOM or a former name', () => {
    const orgIds = new Set(['iom', 'picmme', 'icem', 'icm']);
    const orphans = snippets
      .filter((s) => {
        const ids = resolveSpans(s).map((span) => span.entityId);
        return ids.some((id) => id.startsWith('programme/')) && !ids.some((id) => orgIds.has(id));
      })
      .map((s) => s.id);
    expect(orphans).toEqual([]);
  });

  it('never labels a hyphen-broken word (a label ending in a hyphen before a line break)', () => {
    const broken = snippets.flatMap((s) => resolveSpans(s).filter((span) => /-\n/.test(span.surface) || /-$/.test(span.surface)).map((span) => `${s.id}: ${span.surface}`));
    expect(broken).toEqual([]);
  });
});
