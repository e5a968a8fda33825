/**
 * Validates the held-out detection corpus (tests/corpus/detect-holdout.jsonl) itself, not the engine:
 * every line parses, labels point at real text, entity ids exist in the registry, and the file keeps
 * the size and mix it was written with. Conventions: tests/corpus/README.md ("Held-out corpus").
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
const KINDS = ['positive', 'negative', 'mixed'] as const;
/** A held-out line this long that also appears in the dev corpus means text was shared between them. */
const SHARED_LINE_MIN_LENGTH = 60;

interface Expected {
  surface: string;
  entityId: string;
  nth?: number;
}
interface Snippet {
  id: string;
  lang: string;
  kind: (typeof KINDS)[number];
  source: string;
  text: string;
  expected: Expected[];
}
interface Span {
  start: number;
  end: number;
  surface: string;
  entityId: string;
}

function registryIds(): Set<string> {
  const registry = JSON.parse(readFileSync(REGISTRY_PATH, 'utf8')) as unknown;
  const list = Array.isArray(registry) ? registry : ((registry as { entities?: unknown[] }).entities ?? []);
  return new Set((list as { id: string }[]).map((entity) => entity.id));
}

/** Start offsets of `surface` in `text`, left to right, without overlap (the `nth` convention). */
function occurrencesOf(text: string, surface: string): number[] {
  const starts: number[] = [];
  for (let at = text.indexOf(surface); at !== -1; at = text.indexOf(surface, at + surface.length)) starts.push(at);
  return starts;
}

function resolveSpans(snippet: Snippet): Span[] {
  const spans: Span[] = [];
  for (const item of snippet.expected) {
    const starts = occurrencesOf(snippet.text, item.surface);
    const chosen = item.nth === undefined ? starts : [starts[item.nth]].filter((start) => start !== undefined);
    for (const start of chosen) spans.push({ start, end: start + item.surface.length, surface: item.surface, entityId: item.entityId });
  }
  return spans.sort((a, b) => a.start - b.start);
}

// Han script is written without spaces, so a neighbouring ideograph does not glue a span into a word.
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const SPACELESS_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const glues = (ch: string | undefined) => ch !== undefined && WORD_CHAR.test(ch) && !SPACELESS_SCRIPT.test(ch);

/** Every problem with one line; empty when the line is valid. */
function validateLine(line: string, knownIds: Set<string>): string[] {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    return [`not JSON: ${(error as Error).message}`];
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ['not a JSON object'];
  const obj = raw as Record<string, unknown>;
  const id = typeof obj.id === 'string' ? obj.id : '?';
  const errors: string[] = [];
  for (const key of Object.keys(obj)) {
    if (!['id', 'lang', 'kind', 'source', 'text', 'expected'].includes(key)) errors.push(`${id}: unknown key ${key}`);
  }
  if (typeof obj.id !== 'string' || !/^[a-z]{2}-[a-z0-9]+-\d{3}$/.test(obj.id)) errors.push(`${id}: id is not <lang>-<genre>-<nnn>`);
  if (!(LANGS as readonly unknown[]).includes(obj.lang)) errors.push(`${id}: bad lang ${String(obj.lang)}`);
  if (typeof obj.id === 'string' && typeof obj.lang === 'string' && !obj.id.startsWith(`${obj.lang}-`)) errors.push(`${id}: id does not start with lang`);
  if (!(KINDS as readonly unknown[]).includes(obj.kind)) errors.push(`${id}: bad kind ${String(obj.kind)}`);
  if (typeof obj.source !== 'string' || obj.source.trim() === '') errors.push(`${id}: empty source`);
  if (typeof obj.text !== 'string') errors.push(`${id}: text is not a string`);
  else if (obj.text.length < MIN_TEXT_LENGTH || obj.text.length > MAX_TEXT_LENGTH) errors.push(`${id}: text length ${obj.text.length} outside ${MIN_TEXT_LENGTH}–${MAX_TEXT_LENGTH}`);
  if (!Array.isArray(obj.expected)) errors.push(`${id}: expected is not an array`);
  if (errors.length > 0) return errors;

  const snippet = obj as unknown as Snippet;
  for (const item of snippet.expected) {
    if (Object.keys(item).some((key) => !['surface', 'entityId', 'nth'].includes(key))) errors.push(`${id}: unknown key in expected`);
    if (typeof item.surface !== 'string' || item.surface === '' || item.surface.trim() !== item.surface) {
      errors.push(`${id}: surface must be non-empty with no outer whitespace`);
      continue;
    }
    if (!knownIds.has(item.entityId)) errors.push(`${id}: entityId ${item.entityId} is not in data/entities.json`);
    const starts = occurrencesOf(snippet.text, item.surface);
    if (starts.length === 0) errors.push(`${id}: surface "${item.surface}" not in text`);
    if (item.nth !== undefined) {
      if (!Number.isInteger(item.nth) || item.nth < 0) errors.push(`${id}: bad nth for "${item.surface}"`);
      else if (item.nth >= starts.length) errors.push(`${id}: "${item.surface}" has no occurrence ${item.nth}`);
    }
  }
  if (snippet.kind === 'negative' && snippet.expected.length > 0) errors.push(`${id}: negative snippet with mentions`);
  if (snippet.kind !== 'negative' && snippet.expected.length === 0) errors.push(`${id}: ${snippet.kind} snippet without mentions`);
  if (errors.length > 0) return errors;

  const spans = resolveSpans(snippet);
  spans.forEach((span, i) => {
    if (i > 0 && span.start < spans[i - 1].end) errors.push(`${id}: "${span.surface}" overlaps "${spans[i - 1].surface}"`);
    if (glues(snippet.text[span.start - 1]) || glues(snippet.text[span.end])) errors.push(`${id}: "${span.surface}" at ${span.start} is inside a longer word`);
  });
  return errors;
}

const knownIds = registryIds();
const lines = readFileSync(HOLDOUT_PATH, 'utf8').split('\n').filter((line) => line.trim() !== '');
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
    const devIds = new Set(readFileSync(DEV_PATH, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as Snippet).id));
    expect(ids.filter((id) => devIds.has(id))).toEqual([]);
  });

  it('shares no long line of text with the development corpus', () => {
    const devTexts = readFileSync(DEV_PATH, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as Snippet).text);
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
