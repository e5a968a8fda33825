/**
 * Scores the article search on the reader query sets (`npm run eval:search`).
 *
 * Query sets: tests/queries/tune.jsonl (tuned on) and tests/queries/holdout.jsonl (measure
 * only: never tuned on), one JSON object a line (tests/queries/README.md):
 * {"id", "q", "lang", "type", "sections": [...], "answer": [...]} or {"id", "q", "lang", "type", "offTopic": true}.
 *
 * Per set, by type and by language: right section first (the first result's section is one
 * of `sections`), answer in the first result (one of `answer` is in its snippet, case and
 * accents aside), answerable queries that get results, and off-topic queries that get the
 * empty state. `--failures` lists the tuned-on set's misses (never the measure-only set's).
 * `--timing` also times answerQuery per query in this process, index loaded: each query's
 * best of TIMING_RUNS runs (the machine is shared and noisy), then the median and p95 over queries.
 * Exit 0 whatever the scores; exit 1 when a query set is missing or malformed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allSections } from '../src/article';
import { buildSerializedIndex } from '../src/search/build-index';
import { foldTerm } from '../src/search/options';
import { answerQuery, loadArticleIndex, type ArticleIndex } from '../src/search/search';
import { exitQuietlyOnClosedPipe } from './closed-pipe';

export const QUERY_TYPES = ['keyword', 'question', 'typo', 'acronym', 'off-topic'] as const;
export const QUERY_LANGS = ['en', 'fr', 'es'] as const;
export const QUERY_SETS = { tune: 'tests/queries/tune.jsonl', holdout: 'tests/queries/holdout.jsonl' } as const;

export interface ReaderQuery {
  id: string;
  q: string;
  lang: (typeof QUERY_LANGS)[number];
  type: (typeof QUERY_TYPES)[number];
  /** Answerable: the sections that answer it (any one is right) and phrases that show the answer. */
  sections?: string[];
  answer?: string[];
  offTopic?: true;
}

export class QuerySetError extends Error {}

/** Parses and checks a query set; throws QuerySetError naming the line and the problem. */
export function loadQuerySet(content: string, knownSections: ReadonlySet<string>): ReaderQuery[] {
  const out: ReaderQuery[] = [];
  const ids = new Set<string>();
  content.split('\n').forEach((line, n) => {
    if (line.trim() === '') return;
    const where = `line ${n + 1}`;
    let item: Partial<ReaderQuery>;
    try {
      item = JSON.parse(line);
    } catch (error) {
      throw new QuerySetError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    if (typeof item?.id !== 'string' || !item.id) throw new QuerySetError(`${where}: "id" must be a non-empty string`);
    if (ids.has(item.id)) throw new QuerySetError(`${where}: duplicate id "${item.id}"`);
    ids.add(item.id);
    if (typeof item.q !== 'string' || !item.q.trim()) throw new QuerySetError(`${item.id}: "q" must be a non-empty string`);
    if (!QUERY_LANGS.includes(item.lang!)) throw new QuerySetError(`${item.id}: "lang" must be one of ${QUERY_LANGS.join(', ')}`);
    if (!QUERY_TYPES.includes(item.type!)) throw new QuerySetError(`${item.id}: "type" must be one of ${QUERY_TYPES.join(', ')}`);
    if ((item.type === 'off-topic') !== (item.offTopic === true)) throw new QuerySetError(`${item.id}: off-topic queries (and only they) have "offTopic": true`);
    if (!item.offTopic) {
      if (!Array.isArray(item.sections) || item.sections.length === 0) throw new QuerySetError(`${item.id}: "sections" must be a non-empty array`);
      for (const s of item.sections) if (!knownSections.has(s)) throw new QuerySetError(`${item.id}: unknown section "${s}"`);
      if (!Array.isArray(item.answer) || item.answer.length === 0 || item.answer.some((a) => typeof a !== 'string' || !a)) {
        throw new QuerySetError(`${item.id}: "answer" must be a non-empty array of phrases`);
      }
    }
    out.push(item as ReaderQuery);
  });
  if (out.length === 0) throw new QuerySetError('query set is empty');
  return out;
}

/** Case, accents and typographic apostrophes aside. */
export function foldPhrase(text: string): string {
  return foldTerm(text).replace(/[’‘]/g, "'");
}

export interface QueryOutcome {
  query: ReaderQuery;
  empty: boolean;
  firstSection?: string;
  firstSnippet?: string;
  sectionFirst: boolean;
  answerFirst: boolean;
}

export function runQuery(index: ArticleIndex, query: ReaderQuery): QueryOutcome {
  const answer = answerQuery(index, query.q);
  const first = answer.empty ? undefined : answer.results[0];
  const snippet = first ? foldPhrase(first.snippet) : '';
  return {
    query,
    empty: answer.empty,
    firstSection: first?.sectionId,
    firstSnippet: first?.snippet,
    sectionFirst: !!first && !!query.sections?.includes(first.sectionId),
    answerFirst: !!first && !!query.answer?.some((a) => snippet.includes(foldPhrase(a))),
  };
}

export interface Scores {
  answerable: number;
  sectionFirst: number;
  answerFirst: number;
  withResults: number;
  offTopic: number;
  offTopicEmpty: number;
}

export function score(outcomes: QueryOutcome[]): Scores {
  const answerable = outcomes.filter((o) => !o.query.offTopic);
  const offTopic = outcomes.filter((o) => o.query.offTopic);
  return {
    answerable: answerable.length,
    sectionFirst: answerable.filter((o) => o.sectionFirst).length,
    answerFirst: answerable.filter((o) => o.answerFirst).length,
    withResults: answerable.filter((o) => !o.empty).length,
    offTopic: offTopic.length,
    offTopicEmpty: offTopic.filter((o) => o.empty).length,
  };
}

const rate = (k: number, n: number) => (n === 0 ? '–' : (k / n).toFixed(2));

function tableRows(outcomes: QueryOutcome[]): string[] {
  const groups: [string, QueryOutcome[]][] = [
    ['all', outcomes],
    ...QUERY_TYPES.filter((t) => t !== 'off-topic').map((t): [string, QueryOutcome[]] => [t, outcomes.filter((o) => o.query.type === t)]),
    ...QUERY_LANGS.map((l): [string, QueryOutcome[]] => [l, outcomes.filter((o) => o.query.lang === l)]),
  ];
  const rows = groups.map(([name, group]) => {
    const s = score(group);
    return `| ${name} | ${s.answerable} | ${rate(s.sectionFirst, s.answerable)} | ${rate(s.answerFirst, s.answerable)} | ${rate(s.withResults, s.answerable)} | ${s.offTopic} | ${rate(s.offTopicEmpty, s.offTopic)} |`;
  });
  return ['| queries | answerable | right section first | answer in first result | answerable with results | off-topic | off-topic → empty state |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows];
}

/** Runs per query for --timing; its best run is kept. */
export const TIMING_RUNS = 5;

function timing(index: ArticleIndex, queries: ReaderQuery[]): string {
  answerQuery(index, 'warm up');
  const best = queries.map((q) => {
    let fastest = Infinity;
    for (let run = 0; run < TIMING_RUNS; run++) {
      const start = performance.now();
      answerQuery(index, q.q);
      fastest = Math.min(fastest, performance.now() - start);
    }
    return fastest;
  });
  best.sort((a, b) => a - b);
  const at = (share: number) => best[Math.min(best.length - 1, Math.floor(best.length * share))].toFixed(3);
  return `\nTiming (${queries.length} queries, best of ${TIMING_RUNS} runs each): median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms; index ${buildSerializedIndex().length} bytes\n`;
}

function main(): void {
  const index = loadArticleIndex(buildSerializedIndex());
  const sections = new Set(allSections().map((s) => s.id));
  exitQuietlyOnClosedPipe();
  const showFailures = process.argv.includes('--failures');
  const all: ReaderQuery[] = [];
  for (const [name, path] of Object.entries(QUERY_SETS)) {
    let set: ReaderQuery[];
    try {
      set = loadQuerySet(readFileSync(resolve(path), 'utf8'), sections);
    } catch (error) {
      process.stderr.write(`${path}: ${(error as Error).message}\n`);
      process.exit(1);
    }
    all.push(...set);
    const outcomes = set.map((q) => runQuery(index, q));
    process.stdout.write(`\n${name === 'tune' ? 'Tuned on' : 'Measure only (never tuned on)'}: ${path}\n\n${tableRows(outcomes).join('\n')}\n`);
    if (showFailures && name === 'tune') {
      for (const o of outcomes) {
        const bad = o.query.offTopic ? !o.empty : !o.sectionFirst || !o.answerFirst;
        if (bad) process.stdout.write(`  ✗ ${o.query.id} "${o.query.q}" → ${o.empty ? 'EMPTY' : `${o.firstSection}: ${o.firstSnippet}`}\n`);
      }
    }
  }
  if (process.argv.includes('--timing')) process.stdout.write(timing(index, all));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
