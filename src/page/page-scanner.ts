import type { DetectOptions, Mention } from '../detect/types';
import type { Density, HighlightStyle } from '../settings/types';
import { Highlighter } from './highlighter';
import { MentionIndex, type PlacedMention } from './mention-index';
import { isInsideSkipped, isSkippedElement, walkText, type WalkState } from './scanner';
import { candidateBlocks } from './candidate-blocks';
import type { Prefilter } from './prefilter';
import { BLOCK_SEPARATOR, chunkEnd, joinTextSegments, spanToNodes, type TextSegmentInput } from './text-model';

/** The detector as the page uses it (src/detect/index.ts createDetector()). */
export interface PageDetector {
  detect(text: string, options?: DetectOptions): Mention[];
}

/**
 * The detector reads the page in chunks cut at block boundaries, sized so one chunk
 * takes about DETECT_CHUNK_TARGET_MS (measured as it goes: the first chunks, while the
 * JIT warms up, are small). Each chunk is told the entities established so far
 * (DetectOptions.knownEntityIds), so "IOM" in a late chunk is still read in the light
 * of the full name in an early one; chunks read before a later chunk established
 * something new are read again.
 */
export const DETECT_CHUNK_TARGET_MS = 5;
export const MIN_CHUNK_CHARS = 1_500;
export const MAX_CHUNK_CHARS = 24_000;
/** Starting guess of the detector's cost (cold): about 2 000 characters per 5 ms. */
const INITIAL_MS_PER_CHAR = 0.0025;
/** The end of the previous chunk is given as context, so cues just before a chunk's first mention count. */
const CHUNK_CONTEXT_CHARS = 300;
/** A short text with every kind of form, to warm the detector up (see stepFullScan). */
const WARMUP_TEXT =
  'The International Organization for Migration (IOM), formerly ICEM and ICM, runs counter trafficking and labour migration programmes; William Lacy Swing. #MigrationMeans';
/** While walking, the clock is checked after this many text nodes. */
const WALK_CHECK_EVERY = 64;
/** The element walk that finds open shadow roots outside the candidate blocks yields after this many elements. */
const ELEMENT_WALK_YIELD_EVERY = 256;

interface ChunkResult {
  mentions: Mention[];
  /** How many known entities the chunk was read with. */
  knownUsed: number;
}

interface FullScanJob {
  startedAt: number;
  busyMs: number;
  longestStepMs: number;
  /** Yields the candidate blocks' text, and null now and then while it walks elements only (a chance to check the clock). */
  walker: Generator<TextSegmentInput<Text> | null, void, undefined> | null;
  inputs: TextSegmentInput<Text>[];
  joined: ReturnType<typeof joinTextSegments<Text>> | null;
  chunks: [number, number][];
  /** Page-text offset where the next chunk starts. */
  cursor: number;
  msPerChar: number;
  results: ChunkResult[];
  known: string[];
  walkMs: number;
  detectMs: number;
  slowestChunkMs: number;
}

export interface ScanTiming {
  /** Last full scan: time actually spent (walk + detect + place + paint) over all its idle steps, ms. */
  scanMs: number;
  /** From its start to its end, including the page's own work between the steps. */
  wallMs: number;
  longestStepMs: number;
  chunks: number;
  /** Creating the detector and its first call on a short text (compiling its expressions), in a task of its own. */
  createMs: number;
  /** Its next calls on a short text. */
  warmupMs: number;
  largestChunk: number;
  slowestChunkMs: number;
  walkMs: number;
  detectMs: number;
  placeMs: number;
  textLength: number;
  /** Incremental updates after mutations: how many and their total time. */
  updates: number;
  updateMs: number;
}

/**
 * Finds the mentions in a document (and its open shadow roots), keeps them in a
 * MentionIndex and paints them through the Highlighter. Full scans read the whole
 * page (in chunks, see DETECT_CHUNK_TARGET_MS) so the detector has the page's
 * context; updates after mutations re-read only the changed block and tell the
 * detector which entities the rest of the page establishes (so "IOM" in new text is
 * still recognised when the page named the organization in full earlier).
 */
export class PageScanner {
  readonly index = new MentionIndex();
  readonly highlighter: Highlighter;
  readonly walkState: WalkState = { shadowRoots: new Set() };
  private nextId = 1;
  private detectOptions: DetectOptions = {};
  private density: Density = 'every';
  private job: FullScanJob | null = null;
  private warmedUp = false;
  readonly timing: ScanTiming = { scanMs: 0, wallMs: 0, longestStepMs: 0, chunks: 0, createMs: 0, warmupMs: 0, largestChunk: 0, slowestChunkMs: 0, walkMs: 0, detectMs: 0, placeMs: 0, textLength: 0, updates: 0, updateMs: 0 };

  private detector: PageDetector | null = null;

  /** `createDetector` runs on the first scan, in an idle task: compiling the detector is not free, and a page where IOM Lens is off never pays it. */
  constructor(
    private readonly doc: Document,
    private readonly createDetector: () => PageDetector,
    private readonly prefilter: Prefilter,
  ) {
    this.highlighter = new Highlighter(doc);
  }

  configure(options: { detect: DetectOptions; density: Density; style: HighlightStyle }): void {
    this.detectOptions = options.detect;
    this.density = options.density;
    this.highlighter.setStyle(options.style);
  }

  /** Mentions a reader sees marked: all, or the first of each entity. */
  painted(): PlacedMention[] {
    if (this.density === 'every') return [...this.index.all()];
    const seen = new Set<string>();
    return this.index.all().filter((item) => {
      if (seen.has(item.mention.entityId)) return false;
      seen.add(item.mention.entityId);
      return true;
    });
  }

  private detect(text: string, knownEntityIds?: readonly string[]): Mention[] {
    try {
      this.detector ??= this.createDetector();
      const options = knownEntityIds?.length ? { ...this.detectOptions, knownEntityIds } : this.detectOptions;
      const found = this.detector.detect(text, options);
      return Array.isArray(found) ? found : [];
    } catch (error) {
      // A detector bug must not break the page: nothing is marked and the reason is logged.
      console.warn('[IOM Lens] detection failed on this page:', error);
      return [];
    }
  }

  private place(segments: Parameters<typeof spanToNodes<Text>>[0], mentions: Mention[]): PlacedMention[] {
    const placed: PlacedMention[] = [];
    for (const mention of mentions) {
      const span = spanToNodes(segments, mention.start, mention.end);
      if (!span) continue;
      try {
        const range = new StaticRange({
          startContainer: span.startNode,
          startOffset: span.startOffset,
          endContainer: span.endNode,
          endOffset: span.endOffset,
        });
        placed.push({ id: this.nextId++, mention, range, nodes: span.nodes });
      } catch {
        // Offsets no longer valid (the node changed meanwhile): skip; the observer will queue it again.
      }
    }
    return placed;
  }

  private adoptStyles(): void {
    for (const root of this.walkState.shadowRoots) {
      if (root.host.isConnected) this.highlighter.adoptInto(root);
      else this.walkState.shadowRoots.delete(root);
    }
  }

  /**
   * Starts reading the whole page again. The work is done by stepFullScan() in short
   * idle-time steps; the old marks stay until the new ones are ready.
   */
  startFullScan(): void {
    const root = this.doc.body ?? this.doc.documentElement;
    this.job = {
      startedAt: performance.now(),
      busyMs: 0,
      longestStepMs: 0,
      walker: root ? this.candidateText(root) : null,
      inputs: [],
      joined: null,
      chunks: [],
      cursor: 0,
      msPerChar: INITIAL_MS_PER_CHAR,
      results: [],
      known: [],
      walkMs: 0,
      detectMs: 0,
      slowestChunkMs: 0,
    };
  }

  cancelFullScan(): void {
    this.job = null;
  }

  /**
   * Does full-scan work until `budgetLeft()` runs out. Returns true when the scan is
   * finished and its marks are painted.
   */
  stepFullScan(budgetLeft: () => number): boolean {
    const job = this.job;
    if (!job) return true;
    const stepStart = performance.now();
    try {
      // 0. The detector's first call pays for compiling its regular expressions: pay it on a
      //    short text, in a step of its own, instead of on the first chunk of the page.
      if (!this.warmedUp) {
        this.warmedUp = true;
        this.detect(WARMUP_TEXT);
        this.timing.createMs = performance.now() - stepStart;
        return false;
      }
      if (this.timing.warmupMs === 0) {
        const t0 = performance.now();
        this.detect(WARMUP_TEXT);
        this.detect(WARMUP_TEXT);
        this.timing.warmupMs = performance.now() - t0;
        if (budgetLeft() <= 0) return false;
      }
      // 1. Walk the text nodes, checking the clock every few nodes.
      if (job.walker) {
        let n = 0;
        for (;;) {
          const next = job.walker.next();
          if (next.done) {
            job.walker = null;
            break;
          }
          if (next.value) job.inputs.push(next.value);
          if (++n % WALK_CHECK_EVERY === 0 && budgetLeft() <= 0) break;
        }
        job.walkMs += performance.now() - stepStart;
        if (job.walker) return false;
        job.joined = joinTextSegments(job.inputs);
        job.inputs = [];
        if (budgetLeft() <= 0) return false;
      }
      const joined = job.joined!;
      // 2. Detect chunk by chunk, each with the entities established so far.
      const length = joined.text.length;
      while (job.cursor < length) {
        const size = Math.min(MAX_CHUNK_CHARS, Math.max(MIN_CHUNK_CHARS, Math.round(DETECT_CHUNK_TARGET_MS / job.msPerChar)));
        const chunk: [number, number] = [job.cursor, chunkEnd(joined.segments, job.cursor, length, size, joined.text)];
        const t0 = performance.now();
        job.results.push(this.detectChunk(joined.text, chunk, job.known));
        job.chunks.push(chunk);
        job.cursor = chunk[1];
        const elapsed = performance.now() - t0;
        job.detectMs += elapsed;
        job.slowestChunkMs = Math.max(job.slowestChunkMs, elapsed);
        // Moving average of the cost per character, so one slow chunk (a GC) does not shrink the rest much.
        job.msPerChar = 0.5 * job.msPerChar + 0.5 * Math.max(elapsed / Math.max(1, chunk[1] - chunk[0]), 1e-6);
        if (budgetLeft() <= 0 && job.cursor < length) return false;
      }
      // 3. Chunks read before a later one established an entity (the full name at the bottom of the page) are read again:
      // any form that needs evidence (an acronym, a surname, a programme phrase, a campaign) may change with it. By now
      // `known` is nearly complete, so this costs at most about one more pass over the page.
      for (;;) {
        const stale = job.results.findIndex((r) => r.knownUsed < job.known.length);
        if (stale < 0) break;
        const t0 = performance.now();
        job.results[stale] = this.detectChunk(joined.text, job.chunks[stale], job.known);
        job.detectMs += performance.now() - t0;
        if (budgetLeft() <= 0) return false;
      }
      // 4. Place and paint everything at once.
      const t0 = performance.now();
      this.index.clear();
      for (const result of job.results) this.index.add(this.place(joined.segments, result.mentions));
      this.highlighter.paint(this.painted());
      this.adoptStyles();
      const t1 = performance.now();
      this.job = null;
      job.busyMs += t1 - stepStart;
      job.longestStepMs = Math.max(job.longestStepMs, t1 - stepStart);
      Object.assign(this.timing, {
        scanMs: job.busyMs,
        wallMs: t1 - job.startedAt,
        longestStepMs: job.longestStepMs,
        walkMs: job.walkMs,
        detectMs: job.detectMs,
        placeMs: t1 - t0,
        textLength: joined.text.length,
        chunks: job.chunks.length,
        largestChunk: Math.max(...job.chunks.map(([a, b]) => b - a)),
        slowestChunkMs: job.slowestChunkMs,
      });
      return true;
    } finally {
      if (this.job === job) {
        const elapsed = performance.now() - stepStart;
        job.busyMs += elapsed;
        job.longestStepMs = Math.max(job.longestStepMs, elapsed);
      }
    }
  }

  /**
   * The text of the blocks that hold a candidate (candidate-blocks.ts) under `root` (the
   * body or an open shadow root), then, found by one element walk, that of the open shadow
   * roots outside them. The rest of the page is never read.
   */
  private *candidateText(root: Element | ShadowRoot): Generator<TextSegmentInput<Text> | null, void, undefined> {
    const blocks = candidateBlocks(root, this.prefilter);
    for (const block of blocks) {
      if (block.nodeType === Node.TEXT_NODE) {
        const text = block as Text;
        if (text.data) yield { node: text, text: text.data, blockBreakBefore: true };
        continue;
      }
      if (block.nodeType !== Node.ELEMENT_NODE || isSkippedElement(block as Element)) continue;
      let first = true;
      for (const segment of walkText(block, this.walkState)) {
        yield first ? { ...segment, blockBreakBefore: true } : segment;
        first = false;
      }
    }
    const walker = this.doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    let n = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (++n % ELEMENT_WALK_YIELD_EVERY === 0) yield null;
      const shadow = (node as Element).shadowRoot;
      if (!shadow || blocks.some((block) => block !== node && block.contains(node)) || isInsideSkipped(node)) continue;
      if (!this.prefilter.candidates(shadow.textContent ?? '', 1).length) continue;
      this.walkState.shadowRoots.add(shadow);
      yield* this.candidateText(shadow);
    }
  }

  /**
   * Detects in one chunk, with the entities known so far and the end of the previous
   * chunk as context (cues just before a chunk's first mention count). A chunk cut inside
   * a block (chunkEnd) is read with a margin past its end, so a name across the cut is
   * found whole, by the chunk it starts in. Adds what it establishes to `known`. Offsets
   * in the result are page-text offsets.
   */
  private detectChunk(text: string, [start, end]: [number, number], known: string[]): ChunkResult {
    const knownUsed = known.length;
    const contextStart = Math.max(0, start - CHUNK_CONTEXT_CHARS);
    const prefix = text.slice(contextStart, start);
    const cutInsideBlock = end < text.length && !text.startsWith(BLOCK_SEPARATOR, end - BLOCK_SEPARATOR.length);
    const suffix = cutInsideBlock ? text.slice(end, end + CHUNK_CONTEXT_CHARS) : '';
    const found = this.detect(prefix + text.slice(start, end) + suffix, known);
    const mentions: Mention[] = [];
    for (const m of found) {
      if (m.start < prefix.length || m.start >= prefix.length + (end - start)) continue;
      mentions.push({ ...m, start: m.start + contextStart, end: m.end + contextStart });
      if (!known.includes(m.entityId)) known.push(m.entityId);
    }
    return { mentions, knownUsed };
  }

  /**
   * Re-reads one root (block container or shadow root) after mutations: drops the
   * mentions inside it, detects on its text with the entities the rest of the page
   * establishes, and adds what it finds. Call commit() after a batch.
   */
  updateRoot(root: Node): void {
    const t0 = performance.now();
    if (root.isConnected) {
      this.index.removeWhere((item) => item.nodes.some((node) => root.contains(node)));
      // Changed text goes through the prefilter first: a block with no candidate costs only that.
      if (!this.prefilter.candidates(root.textContent ?? '', 1).length) {
        this.timing.updateMs += performance.now() - t0;
        return;
      }
      const inputs: TextSegmentInput<Text>[] = [];
      for (const segment of walkText(root, this.walkState)) inputs.push(segment);
      const joined = joinTextSegments(inputs);
      if (joined.text.trim()) {
        const known = [...new Set(this.index.all().map((item) => item.mention.entityId))];
        this.index.add(this.place(joined.segments, this.detect(joined.text, known)));
      }
    }
    this.timing.updateMs += performance.now() - t0;
  }

  /** After updates: drops mentions whose text left the page and repaints. */
  commit(): void {
    const t0 = performance.now();
    this.index.removeWhere((item) => item.nodes.some((node) => !node.isConnected));
    this.highlighter.paint(this.painted());
    this.adoptStyles();
    const t1 = performance.now();
    this.timing.updates++;
    this.timing.updateMs += t1 - t0;
  }

  /**
   * For the tests (`page:stats` with `fullPageCheck`): the page's mentions as the detector
   * finds them in the whole page's text in one call, beside those the candidate-block scan
   * placed, each as "text node index:offset:entity:surface" in the order of a full walk.
   */
  fullPageCheck(): { fullPage: string[]; scanned: string[] } {
    const root = this.doc.body ?? this.doc.documentElement;
    if (!root) return { fullPage: [], scanned: [] };
    const joined = joinTextSegments(walkText(root, { shadowRoots: new Set() }));
    const nodeIndex = new Map(joined.segments.map((segment, i) => [segment.node as Node, i]));
    const key = (node: Node, offset: number, mention: Mention) => `${nodeIndex.get(node) ?? 'unwalked'}:${offset}:${mention.entityId}:${mention.surface}`;
    const fullPage = this.detect(joined.text).flatMap((mention) => {
      const span = spanToNodes(joined.segments, mention.start, mention.end);
      return span ? [key(span.startNode, span.startOffset, mention)] : [];
    });
    const scanned = this.index
      .all()
      .map((item) => ({ at: nodeIndex.get(item.range.startContainer) ?? -1, offset: item.range.startOffset, key: key(item.range.startContainer, item.range.startOffset, item.mention) }))
      .sort((a, b) => a.at - b.at || a.offset - b.offset)
      .map((item) => item.key);
    return { fullPage, scanned };
  }

  clear(): void {
    this.job = null;
    this.index.clear();
    this.highlighter.clear();
  }
}
