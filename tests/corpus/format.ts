/**
 * The labelled corpus format shared by the corpus validators (tests/corpus*.test.ts) and the
 * scorer (scripts/eval-detect.ts). Format and labelling conventions: tests/corpus/README.md.
 */
const SNIPPET_KINDS = ['positive', 'negative', 'mixed'] as const;

interface ExpectedMention {
  surface: string;
  entityId: string;
  /** 0-based occurrence of `surface`; without it every occurrence is a mention. */
  nth?: number;
}

export interface Snippet {
  id: string;
  lang: string;
  kind: (typeof SNIPPET_KINDS)[number];
  source: string;
  text: string;
  expected: ExpectedMention[];
}

export interface LabelledSpan {
  start: number;
  end: number;
  surface: string;
  entityId: string;
}

/** Start offsets of `surface` in `text`, left to right, without overlap (the `nth` convention). */
export function occurrencesOf(text: string, surface: string): number[] {
  const starts: number[] = [];
  for (let at = text.indexOf(surface); at !== -1; at = text.indexOf(surface, at + surface.length)) starts.push(at);
  return starts;
}

/** Expands expected items into spans, sorted by start: no nth = every occurrence, nth = that one only. */
export function resolveSpans(snippet: Pick<Snippet, 'text' | 'expected'>): LabelledSpan[] {
  const spans: LabelledSpan[] = [];
  for (const item of snippet.expected) {
    const starts = occurrencesOf(snippet.text, item.surface);
    const chosen = item.nth === undefined ? starts : [starts[item.nth]].filter((start) => start !== undefined);
    for (const start of chosen) spans.push({ start, end: start + item.surface.length, surface: item.surface, entityId: item.entityId });
  }
  return spans.sort((a, b) => a.start - b.start);
}

// A letter or digit that would make a span start or end inside a word. Han and kana are written
// without spaces, so a neighbouring ideograph (or a full-width digit, as in "国际移民组织１１日说")
// does not glue a span into a word.
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const SPACELESS_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\uFF10-\uFF19]/u;
const gluesToWord = (ch: string | undefined) => ch !== undefined && WORD_CHAR.test(ch) && !SPACELESS_SCRIPT.test(ch);

export interface LineRules {
  /** Entity ids a label may use. */
  knownIds: ReadonlySet<string>;
  /** What every id must look like. */
  idPattern: RegExp;
  /** Languages a snippet may be in. */
  langs: readonly string[];
  /** Inclusive bounds on the text's length, when the corpus keeps one. */
  textLength?: { min: number; max: number };
}

/** Every problem with one corpus line; empty when the line is valid. */
export function validateLine(line: string, rules: LineRules): string[] {
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
  if (typeof obj.id !== 'string' || !rules.idPattern.test(obj.id)) errors.push(`${id}: id does not match ${rules.idPattern}`);
  if (!rules.langs.includes(obj.lang as string)) errors.push(`${id}: bad lang ${String(obj.lang)}`);
  if (!(SNIPPET_KINDS as readonly unknown[]).includes(obj.kind)) errors.push(`${id}: bad kind ${String(obj.kind)}`);
  if (typeof obj.source !== 'string' || obj.source.trim() === '') errors.push(`${id}: empty source`);
  if (typeof obj.text !== 'string' || obj.text.trim() === '') errors.push(`${id}: empty text`);
  else if (rules.textLength && (obj.text.length < rules.textLength.min || obj.text.length > rules.textLength.max)) {
    errors.push(`${id}: text length ${obj.text.length} outside ${rules.textLength.min}–${rules.textLength.max}`);
  }
  if (!Array.isArray(obj.expected)) errors.push(`${id}: expected is not an array`);
  if (errors.length > 0) return errors;

  const snippet = obj as unknown as Snippet;
  for (const item of snippet.expected) {
    if (Object.keys(item).some((key) => !['surface', 'entityId', 'nth'].includes(key))) errors.push(`${id}: unknown key in expected`);
    if (typeof item.surface !== 'string' || item.surface === '' || item.surface.trim() !== item.surface) {
      errors.push(`${id}: surface must be non-empty with no outer whitespace`);
      continue;
    }
    if (!rules.knownIds.has(item.entityId)) errors.push(`${id}: unknown entityId ${item.entityId}`);
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
    if (gluesToWord(snippet.text[span.start - 1]) || gluesToWord(snippet.text[span.end])) {
      errors.push(`${id}: "${span.surface}" at ${span.start} is inside a longer word (use nth)`);
    }
  });
  return errors;
}

/** The non-blank lines of a corpus file's content. */
export function corpusLines(content: string): string[] {
  return content.split('\n').filter((line) => line.trim() !== '');
}
