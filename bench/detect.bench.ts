/**
 * Speed of the mention detector (`npm run bench:detect`), against a baseline run in the
 * same process on the same text: ONE REGEX PER FORM, each run over the whole (folded) text.
 *
 * Text: real prose — the Node.js API documentation (api/all.html from Debian's nodejs-doc,
 * reduced to visible text) — with the dev-corpus snippets spliced in every few KB so there
 * are mentions and ambiguous acronyms to judge. If nodejs-doc is not unpacked in /tmp it is
 * fetched the documented way (`apt-get download` + `dpkg -x`, never installed); where that is
 * impossible the bench falls back to generated prose from the bundled article and says so.
 *
 * Reports median milliseconds over several runs for the full engine (matching + evidence) and
 * for matching alone, the matching/baseline ratio, scaling over 0.25/0.5/1 MiB (linear in text
 * length), scaling over the number of forms (×1 vs ×8 registry), and what one MiB read as the page
 * pipeline reads it allocates (JS heap and array buffers), against the baseline on the same chunks.
 */
import { existsSync, readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GCProfiler, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createDetector, createFormScanner } from '../src/detect/index';
import { CONTEXT_REACH_CHARS } from '../src/detect/reach';
import { foldText, foldString } from '../src/detect/normalize';
import { NOT_BEFORE_WORD } from '../src/detect/trie-regex';
import { htmlToText } from '../src/detect/html-text';
import { entities } from '../src/entities/registry';
import type { Entity } from '../src/entities/types';
import { article } from '../src/article/index';
import type { Section } from '../src/article/types';

const MIB = 1024 * 1024;
const WARMUP_RUNS = 3;
const TIMED_RUNS = 15;
/** One corpus snippet is spliced in after every this many characters of prose. */
const SNIPPET_EVERY_CHARS = 6000;
/** Where nodejs-doc is unpacked (override with IOM_BENCH_NODEJS_DOC_DIR; IOM_BENCH_NO_FETCH=1 skips apt-get). */
const NODEJS_DOC_DIR = process.env.IOM_BENCH_NODEJS_DOC_DIR ?? '/tmp/nodejs-doc';

function findAllHtml(root: string): string | null {
  const candidate = join(root, 'usr/share/doc/nodejs/api/all.html');
  return existsSync(candidate) ? candidate : null;
}

function fetchNodejsDoc(): string | null {
  if (process.env.IOM_BENCH_NO_FETCH === '1' || spawnSync('which', ['apt-get']).status !== 0) return null;
  const workDir = mkdtempSync(join(tmpdir(), 'nodejs-doc-deb-'));
  // Download the .deb only and unpack it; installing nodejs-doc would remove node itself.
  const download = spawnSync('apt-get', ['download', 'nodejs-doc'], { cwd: workDir, encoding: 'utf8', timeout: 180_000 });
  if (download.status !== 0) return null;
  const deb = readdirSync(workDir).find((name) => name.startsWith('nodejs-doc_') && name.endsWith('.deb'));
  if (!deb) return null;
  const unpack = spawnSync('dpkg', ['-x', join(workDir, deb), NODEJS_DOC_DIR], { encoding: 'utf8' });
  return unpack.status === 0 ? findAllHtml(NODEJS_DOC_DIR) : null;
}

function generatedProse(): string {
  const paragraphs: string[] = [];
  const visit = (sections: Section[]) => {
    for (const section of sections) {
      for (const p of section.paragraphs) paragraphs.push(p.text);
      visit(section.subsections);
    }
  };
  visit(article.sections);
  // Shuffle words deterministically so the text is prose-like but not the article repeated verbatim.
  const words = paragraphs.join(' ').split(/\s+/);
  let seed = 12345;
  const out: string[] = [];
  for (let i = 0; i < 400_000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out.push(words[seed % words.length]);
    if (seed % 23 === 0) out.push('\n');
  }
  return out.join(' ');
}

function loadProse(): { prose: string; source: string } {
  let file = findAllHtml(NODEJS_DOC_DIR);
  let how = 'found unpacked';
  if (!file) {
    file = fetchNodejsDoc();
    how = 'fetched with apt-get download + dpkg -x';
  }
  if (file) return { prose: htmlToText(readFileSync(file, 'utf8')), source: `Node.js API docs (${file}, ${how})` };
  return { prose: generatedProse(), source: 'generated prose from data/article.json (nodejs-doc unavailable)' };
}

function corpusSnippets(): string[] {
  const file = 'tests/corpus/detect-dev.jsonl';
  if (!existsSync(file)) return ['The International Organization for Migration (IOM) helps migrants.', 'Ferry to the IOM for the TT races.'];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

function buildText(prose: string, snippets: string[], length: number): string {
  const parts: string[] = [];
  let size = 0;
  let cursor = 0;
  let snippet = 0;
  while (size < length) {
    const chunk = prose.slice(cursor, cursor + SNIPPET_EVERY_CHARS);
    cursor = (cursor + SNIPPET_EVERY_CHARS) % Math.max(1, prose.length - SNIPPET_EVERY_CHARS);
    const piece = `${chunk}\n\n${snippets[snippet++ % snippets.length]}\n\n`;
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('').slice(0, length);
}

/**
 * The baseline: one regex per form, each scanning the whole folded text. Made as fast as the
 * engine's own scan (no leading lookbehind; the left word boundary is checked on each match)
 * so the ratio measures the trie, not a handicap.
 */
function createBaseline(list: readonly Entity[]) {
  const regexes: RegExp[] = [];
  for (const entity of list) {
    for (const form of entity.forms) {
      const escaped = foldString(form.text).replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&').replace(/ /g, '[ -]');
      regexes.push(new RegExp(`${escaped}${NOT_BEFORE_WORD}`, form.caseSensitive ? 'gu' : 'giu'));
    }
  }
  return {
    forms: regexes.length,
    run(text: string): number {
      const folded = foldText(text).text;
      let count = 0;
      for (const regex of regexes) {
        regex.lastIndex = 0;
        for (let match = regex.exec(folded); match !== null; match = regex.exec(folded)) {
          if (match.index > 0 && WORD_BEFORE.test(folded[match.index - 1])) {
            regex.lastIndex = match.index + 1;
            continue;
          }
          count++;
        }
      }
      return count;
    },
  };
}

const WORD_BEFORE = /[\p{L}\p{N}_]/u;

/** The registry with each form repeated under `copies` made-up variants, to see the cost of more forms. */
function inflatedRegistry(copies: number): Entity[] {
  return entities.map((entity) => ({
    ...entity,
    forms: entity.forms.flatMap((form) =>
      Array.from({ length: copies }, (_, i) => (i === 0 ? form : { ...form, text: `${form.text} ${String.fromCharCode(0x61 + (i % 26))}${i}` })),
    ),
  }));
}

/** The page pipeline reads a page in chunks of at most this many characters (src/page/detect-step.ts MAX_CHUNK_CHARS)… */
const PIPELINE_CHUNK_CHARS = 24_000;
/** …each with the detector's reach of the text on either side as context (detect-step.ts CHUNK_CONTEXT_CHARS). */
const PIPELINE_CONTEXT_CHARS = CONTEXT_REACH_CHARS;

/** The texts of `text` as the page pipeline hands them to the detector, one per chunk (without its cuts at white space). */
function pipelineChunks(text: string): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += PIPELINE_CHUNK_CHARS) {
    chunks.push(text.slice(Math.max(0, start - PIPELINE_CONTEXT_CHARS), start + PIPELINE_CHUNK_CHARS + PIPELINE_CONTEXT_CHARS));
  }
  return chunks;
}

interface Allocation {
  heapBytes: number;
  arrayBufferBytes: number;
  /** Calls measured again because a GC ran during them (it frees what the call allocated). */
  retried: number;
}

/** A call during which a GC ran is measured again, at most this many times, then counted as it was. */
const ALLOCATION_RETRIES = 3;

/**
 * Bytes that `read` allocates over all `chunks`: the JS heap (used size) and array buffers (memory
 * outside the heap that V8 counts toward its next major GC), each call measured after a full GC
 * and again when a GC ran during it (v8.GCProfiler), so what the figures count is not freed midway.
 */
function allocationOf(read: (chunk: string) => unknown, chunks: string[]): Allocation {
  setFlagsFromString('--expose-gc');
  // Else the GC before a call frees the previous call's array buffers on another thread, during this one.
  setFlagsFromString('--no-concurrent-array-buffer-sweeping');
  const gc = runInNewContext('gc') as () => void;
  for (const chunk of chunks.slice(0, WARMUP_RUNS)) read(chunk);
  const total: Allocation = { heapBytes: 0, arrayBufferBytes: 0, retried: 0 };
  for (const chunk of chunks) {
    for (let attempt = 0; ; attempt++) {
      gc();
      const profiler = new GCProfiler();
      const heapBefore = getHeapStatistics().used_heap_size;
      const arrayBuffersBefore = process.memoryUsage().arrayBuffers;
      profiler.start();
      read(chunk);
      const collections = profiler.stop()?.statistics.length ?? 0;
      if (collections > 0 && attempt < ALLOCATION_RETRIES) {
        total.retried++;
        continue;
      }
      total.heapBytes += getHeapStatistics().used_heap_size - heapBefore;
      total.arrayBufferBytes += process.memoryUsage().arrayBuffers - arrayBuffersBefore;
      break;
    }
  }
  return total;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median time of each function, runs interleaved (a, b, c, a, b, c, …) so that load from
 * other processes on a shared machine falls on all of them alike.
 */
function timeAll(...fns: (() => unknown)[]): number[] {
  for (let i = 0; i < WARMUP_RUNS; i++) for (const fn of fns) fn();
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < TIMED_RUNS; i++) {
    fns.forEach((fn, k) => {
      const start = performance.now();
      fn();
      samples[k].push(performance.now() - start);
    });
  }
  return samples.map(median);
}

function main(): void {
  const { prose, source } = loadProse();
  const snippets = corpusSnippets();
  console.log(`Text source: ${source}; ${snippets.length} corpus snippets spliced in every ${SNIPPET_EVERY_CHARS} chars.`);
  console.log(`Median of ${TIMED_RUNS} runs after ${WARMUP_RUNS} warm-up runs; Node ${process.version}.\n`);

  const detector = createDetector();
  const baseline = createBaseline(entities);
  const formCount = entities.reduce((n, e) => n + e.forms.length, 0);

  const scanner = createFormScanner();
  const sizes = [0.25, 0.5, 1];
  console.log(`Full engine = createDetector().detect (fold + ${formCount} forms in trie regexes + context scan + evidence).`);
  console.log(`Matching only = fold + trie scans (createFormScanner) vs baseline = fold + ${baseline.forms} regexes, one per form.`);
  console.log('  size      full engine ms   matching ms   baseline ms   baseline/matching   full ms per MiB   mentions');
  let oneMiB = '';
  for (const size of sizes) {
    const text = buildText(prose, snippets, Math.round(size * MIB));
    const [engineMs, matchingMs, baselineMs] = timeAll(
      () => detector.detect(text),
      () => scanner.scan(text),
      () => baseline.run(text),
    );
    const mentions = detector.detect(text).length;
    console.log(
      `  ${`${size} MiB`.padEnd(9)} ${engineMs.toFixed(1).padStart(14)}   ${matchingMs.toFixed(1).padStart(11)}   ${baselineMs.toFixed(1).padStart(11)}   ${(baselineMs / matchingMs).toFixed(2).padStart(17)}   ${(engineMs / size).toFixed(1).padStart(15)}   ${String(mentions).padStart(8)}`,
    );
    if (size === 1) oneMiB = text;
  }

  console.log('\nCost versus number of forms (1 MiB):');
  const inflated = inflatedRegistry(8);
  const inflatedForms = inflated.reduce((n, e) => n + e.forms.length, 0);
  const row = (label: string, small: () => unknown, big: () => unknown) => {
    const [smallMs, bigMs] = timeAll(small, big);
    console.log(`  ${label.padEnd(12)} ${formCount} forms ${smallMs.toFixed(1)} ms → ${inflatedForms} forms ${bigMs.toFixed(1)} ms (×${(bigMs / smallMs).toFixed(2)})`);
  };
  const engineBig = createDetector(inflated);
  const scannerBig = createFormScanner(inflated);
  const baselineBig = createBaseline(inflated);
  row('full engine', () => detector.detect(oneMiB), () => engineBig.detect(oneMiB));
  row('matching', () => scanner.scan(oneMiB), () => scannerBig.scan(oneMiB));
  row('baseline', () => baseline.run(oneMiB), () => baselineBig.run(oneMiB));

  console.log(`\nAllocated per MiB read as the page pipeline reads it (${PIPELINE_CHUNK_CHARS}-character chunks, ${PIPELINE_CONTEXT_CHARS} characters of context each side):`);
  const chunks = pipelineChunks(oneMiB);
  const allocationRow = (label: string, allocation: Allocation) =>
    console.log(
      `  ${label.padEnd(12)} JS heap ${(allocation.heapBytes / MIB).toFixed(2)} MiB, array buffers ${(allocation.arrayBufferBytes / MIB).toFixed(2)} MiB (${chunks.length} calls, ${allocation.retried} measured again after a GC during them)`,
    );
  allocationRow('full engine', allocationOf((chunk) => detector.detect(chunk), chunks));
  allocationRow('baseline', allocationOf((chunk) => baseline.run(chunk), chunks));
}

main();
