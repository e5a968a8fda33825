/**
 * Scores the detector on the labelled development corpus (`npm run eval:detect`).
 *
 * Corpus: tests/corpus/detect-dev.jsonl (or the file given as first argument), one JSON object
 * a line: {"id", "lang", "text", "expected": [{"surface", "entityId", "nth"?}]}. An expected item
 * without `nth` marks every occurrence of that exact surface string; with `nth` (0-based) only that
 * occurrence. Hard negatives have "expected": [].
 *
 * A true positive has the same start, end and entityId. Also reported: kind-level matches
 * (same span, same kind, any entity). Exit 0 whatever the scores; exit 1 only when the corpus
 * is missing or malformed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDetector } from '../src/detect/index';
import { getEntity } from '../src/entities/registry';
import { ENTITY_KINDS, type EntityKind } from '../src/entities/types';
import type { Mention } from '../src/detect/types';
import { occurrencesOf } from '../tests/corpus/format';
import { exitQuietlyOnClosedPipe } from './closed-pipe';

export interface CorpusItem {
  id: string;
  lang: string;
  text: string;
  expected: { surface: string; entityId: string; nth?: number }[];
}

export interface Span {
  start: number;
  end: number;
  entityId: string;
  kind: EntityKind;
  surface: string;
}

export class CorpusError extends Error {}

/** Parses and checks the corpus; throws CorpusError naming the line and the problem. */
export function loadCorpus(content: string): CorpusItem[] {
  const items: CorpusItem[] = [];
  const ids = new Set<string>();
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new CorpusError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    const item = raw as Partial<CorpusItem>;
    if (typeof item !== 'object' || item === null) throw new CorpusError(`${where}: not an object`);
    if (typeof item.id !== 'string' || item.id === '') throw new CorpusError(`${where}: "id" must be a non-empty string`);
    if (ids.has(item.id)) throw new CorpusError(`${where}: duplicate id "${item.id}"`);
    ids.add(item.id);
    if (typeof item.text !== 'string') throw new CorpusError(`${where} (${item.id}): "text" must be a string`);
    if (!Array.isArray(item.expected)) throw new CorpusError(`${where} (${item.id}): "expected" must be an array`);
    for (const expected of item.expected) {
      if (typeof expected?.surface !== 'string' || expected.surface === '') throw new CorpusError(`${where} (${item.id}): expected item without "surface"`);
      if (typeof expected.entityId !== 'string' || !getEntity(expected.entityId)) {
        throw new CorpusError(`${where} (${item.id}): unknown entityId "${expected.entityId}"`);
      }
      if (expected.nth !== undefined && (!Number.isInteger(expected.nth) || expected.nth < 0)) {
        throw new CorpusError(`${where} (${item.id}): "nth" must be a non-negative integer`);
      }
    }
    items.push({ id: item.id, lang: String(item.lang ?? ''), text: item.text, expected: item.expected });
  });
  if (items.length === 0) throw new CorpusError('corpus is empty');
  return items;
}

/** The gold spans of one item. Throws CorpusError when a surface or nth is not in the text. */
export function expectedSpans(item: CorpusItem): Span[] {
  const spans = new Map<string, Span>();
  for (const expected of item.expected) {
    const all = occurrencesOf(item.text, expected.surface);
    if (all.length === 0) throw new CorpusError(`${item.id}: expected surface "${expected.surface}" does not occur in the text`);
    const chosen = expected.nth === undefined ? all : [all[expected.nth]];
    if (chosen[0] === undefined) throw new CorpusError(`${item.id}: "${expected.surface}" has no occurrence #${expected.nth}`);
    const kind = getEntity(expected.entityId)!.kind;
    for (const start of chosen) {
      const span = { start, end: start + expected.surface.length, entityId: expected.entityId, kind, surface: expected.surface };
      spans.set(`${span.start}:${span.end}`, span);
    }
  }
  return [...spans.values()].sort((a, b) => a.start - b.start);
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function prf({ tp, fp, fn }: Counts) {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function context(text: string, start: number, end: number, width = 50): string {
  const clean = (s: string) => s.replace(/\s+/g, ' ');
  return `…${clean(text.slice(Math.max(0, start - width), start))}[${clean(text.slice(start, end))}]${clean(text.slice(end, end + width))}…`;
}

export interface EvalReport {
  overall: Counts;
  perKind: Record<EntityKind, Counts>;
  kindLevel: Counts;
  misses: { id: string; span: Span; context: string; predictedAs?: Mention }[];
  falseAlarms: { id: string; mention: Mention; context: string }[];
}

export function evaluate(items: CorpusItem[]): EvalReport {
  const detector = createDetector();
  const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
  const report: EvalReport = {
    overall: zero(),
    perKind: Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, zero()])) as Record<EntityKind, Counts>,
    kindLevel: zero(),
    misses: [],
    falseAlarms: [],
  };
  for (const item of items) {
    const gold = expectedSpans(item);
    const predicted = detector.detect(item.text);
    const key = (s: { start: number; end: number }) => `${s.start}:${s.end}`;
    const goldBySpan = new Map(gold.map((s) => [key(s), s]));
    const predictedBySpan = new Map(predicted.map((m) => [key(m), m]));
    for (const mention of predicted) {
      const match = goldBySpan.get(key(mention));
      if (match && match.entityId === mention.entityId) {
        report.overall.tp++;
        report.perKind[mention.kind].tp++;
      } else {
        report.overall.fp++;
        report.perKind[mention.kind].fp++;
        report.falseAlarms.push({ id: item.id, mention, context: context(item.text, mention.start, mention.end) });
      }
      if (match && match.kind === mention.kind) report.kindLevel.tp++;
      else report.kindLevel.fp++;
    }
    for (const span of gold) {
      const mention = predictedBySpan.get(key(span));
      if (!mention || mention.entityId !== span.entityId) {
        report.overall.fn++;
        report.perKind[span.kind].fn++;
        report.misses.push({ id: item.id, span, context: context(item.text, span.start, span.end), predictedAs: mention });
      }
      if (!mention || mention.kind !== span.kind) report.kindLevel.fn++;
    }
  }
  return report;
}

function percent(value: number): string {
  return (value * 100).toFixed(1).padStart(5);
}

function printReport(items: CorpusItem[], report: EvalReport, file: string): void {
  const goldTotal = report.overall.tp + report.overall.fn;
  const negatives = items.filter((item) => item.expected.length === 0).length;
  console.log(`Corpus ${file}: ${items.length} snippets (${negatives} with no mentions), ${goldTotal} expected mentions\n`);
  console.log('                 P      R     F1     TP   FP   FN');
  const row = (label: string, counts: Counts) => {
    const { precision, recall, f1 } = prf(counts);
    console.log(`${label.padEnd(13)} ${percent(precision)}  ${percent(recall)}  ${percent(f1)}  ${String(counts.tp).padStart(5)} ${String(counts.fp).padStart(4)} ${String(counts.fn).padStart(4)}`);
  };
  row('overall', report.overall);
  for (const kind of ENTITY_KINDS) row(`  ${kind}`, report.perKind[kind]);
  row('kind-level', report.kindLevel);
  console.log('(a true positive has the same start, end and entityId; kind-level: same span and kind)\n');

  console.log(`Misses (${report.misses.length}):`);
  for (const miss of report.misses) {
    const got = miss.predictedAs ? ` (found as ${miss.predictedAs.entityId})` : '';
    console.log(`  ${miss.id}  ${miss.span.entityId}${got}  ${miss.context}`);
  }
  // A hard negative is judged whole: one false mark makes the reader distrust the page.
  const markedNegatives = new Set(report.falseAlarms.map((alarm) => alarm.id).filter((id) => items.find((item) => item.id === id)?.expected.length === 0));
  console.log(`\nTexts with no mention that got a false mark: ${markedNegatives.size} of ${negatives}${markedNegatives.size ? ` (${[...markedNegatives].join(', ')})` : ''}`);
  console.log(`\nFalse alarms (${report.falseAlarms.length}):`);
  for (const alarm of report.falseAlarms) {
    console.log(`  ${alarm.id}  ${alarm.mention.entityId}  ${alarm.context}  — ${alarm.mention.reason}`);
  }
}

function main(): void {
  exitQuietlyOnClosedPipe();
  const file = resolve(process.argv[2] ?? 'tests/corpus/detect-dev.jsonl');
  let items: CorpusItem[];
  try {
    items = loadCorpus(readFileSync(file, 'utf8'));
    items.forEach(expectedSpans);
  } catch (error) {
    const message = error instanceof CorpusError ? error.message : `cannot read: ${(error as Error).message}`;
    console.error(`eval:detect: ${file}: ${message}`);
    process.exit(1);
  }
  printReport(items, evaluate(items), file);
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (invokedDirectly) main();
