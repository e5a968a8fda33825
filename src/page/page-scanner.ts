import type { DetectOptions, Mention } from '../detect/types';
import type { Density, HighlightStyle } from '../settings/types';
import { changedSpan } from './gate';
import { CHANGE_REACH_CHARS } from '../detect/reach';
import { candidateBlocks, holdsCandidate, nextToEachOther, routedCandidateBlocks } from './candidate-blocks';
import { walkText, walkTextInSlices, type WalkState } from './block-text';
import { detectInChunks, initialDetectCost, type PageDetector } from './detect-step';
import { isInsideSkipped, isSkippedElement } from './elements';
import { Highlighter } from './highlighter';
import { MentionIndex, type PlacedMention } from './mention-index';
import { placeMentions, staticRange } from './place';
import type { PageTextHandoff } from './pipeline-handoff';
import type { DetectInBackground } from './background-detector';
import type { DetectReply } from '../messaging/protocol';
import type { Prefilter } from './prefilter';
import { ScanStats, type ScanStep } from './scan-stats';
import { STOP_AFTER } from './stage-stop';
import { SegmentedText, spanToNodes } from './text-model';

export type { PageDetector } from './detect-step';
export type { ScanTiming } from './scan-stats';

/** A short text with every kind of form, to warm the detector up (see scanJob). */
const WARMUP_TEXT =
  'The International Organization for Migration (IOM), formerly ICEM and ICM, runs counter trafficking and labour migration programmes; William Lacy Swing. #MigrationMeans';
/** The element walk that finds open shadow roots outside the candidate blocks yields after this many elements. */
const ELEMENT_WALK_YIELD_EVERY = 256;
/**
 * Open shadow roots outside the candidate blocks are looked for with a walk of every
 * element, only on pages with at most this many elements: the walk makes a node wrapper
 * for each element, kept as long as the element lives (4.5 MB for 278k nodes, issue 8), so
 * on a bigger page only the shadow roots inside the candidate blocks are read. Article
 * pages have a few thousand elements; Node's 5.8 MB API page has 140 000.
 */
const SHADOW_HOST_SEARCH_MAX_ELEMENTS = 20_000;
/**
 * A block with more text than this (a 10 MB text node, a text/plain document) keeps the
 * text it was read with, so an edit re-reads only a window around the change. The strings
 * are the ones the browser handed over, shared until the node changes.
 */
const HUGE_BLOCK_CHARS = 65_536;
/** An edit in a huge block: mentions within this many characters of the change are decided again (the farthest an edit moves a decision)… */
const UPDATE_REDECIDE_CHARS = CHANGE_REACH_CHARS;
/** …by reading this much text each side of the change: the re-decided zone plus what each of its mentions' decisions leans on. */
const UPDATE_WINDOW_CHARS = 2 * CHANGE_REACH_CHARS;

/**
 * The page pipeline's scan (steps 2–5, see entrypoints/page-pipeline/index.ts): finds the
 * mentions in a document (and its open shadow roots), keeps them in a MentionIndex and
 * paints them through the Highlighter. Every piece of work is a generator that yields
 * between short units; stepFullScan() runs them until its time budget is spent, so no
 * task is long whatever the page (observer.ts schedules the tasks).
 *
 * Full scans read the candidate blocks (candidate-blocks.ts) so the detector has the
 * page's context; updates after mutations re-read only the changed block (in a huge block,
 * a window around the change) and tell the detector which entities the rest of the page
 * establishes, so "IOM" in new text is still recognised.
 */
export class PageScanner {
  readonly index = new MentionIndex();
  readonly highlighter: Highlighter;
  readonly walkState: WalkState = { shadowRoots: new Set() };
  private readonly stats = new ScanStats();
  private nextId = 1;
  private detectOptions: DetectOptions = {};
  private density: Density = 'every';
  private detector: PageDetector | null = null;
  private readonly detectCost = initialDetectCost();
  private fullScan: Generator<void, void, undefined> | null = null;
  private current: Generator<void, void, undefined> | null = null;
  private phase: ScanStep = 'walk';
  private readonly pendingRoots = new Set<Node>();
  /** The text each text node of a huge block had when it was read (see HUGE_BLOCK_CHARS). */
  private readText = new WeakMap<Text, string>();
  /** The full scan waits for the background's detector until this settles (waitFor). */
  private waiting: Promise<void> | null = null;

  /**
   * `createDetector` runs on the first scan, in a task of its own: compiling the detector is not free, and a page where IOM Lens is off never pays it.
   * `pageText`: the gate's candidates in the page's text, for the first scan (candidate-blocks.ts).
   * `detectInBackground`: detects a full scan's text elsewhere (background-detector.ts); without it, or when it gives nothing, the scan detects itself.
   */
  constructor(
    private readonly doc: Document,
    private readonly createDetector: () => PageDetector,
    private readonly prefilter: Prefilter,
    private pageText: PageTextHandoff | null = null,
    private readonly detectInBackground: DetectInBackground | null = null,
  ) {
    this.highlighter = new Highlighter(doc);
  }

  /** Settles when the full scan can go on (it waits for the background's detector); null when it is not waiting. */
  get waitingFor(): Promise<void> | null {
    return this.waiting;
  }

  get timing(): ScanStats['timing'] {
    return this.stats.timing;
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

  private detect = (text: string, knownEntityIds?: readonly string[]): Mention[] => {
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
  };

  private newId = (): number => this.nextId++;

  /** Starts reading the whole page again, in the next calls of stepFullScan(); the old marks stay until the new ones are ready. */
  startFullScan(): void {
    this.fullScan = this.scanJob();
    this.current = null;
    this.waiting = null;
    this.pendingRoots.clear();
  }

  cancelFullScan(): void {
    this.fullScan = null;
    this.current = null;
    this.waiting = null;
    this.pendingRoots.clear();
  }

  /** Queues one root (a block container, an added block, a shadow root) to re-read after mutations; stepFullScan() does it, commit() paints. */
  updateRoot(root: Node): void {
    this.pendingRoots.add(root);
  }

  /**
   * Does queued work (the full scan first, then the queued roots) until `budgetLeft()`
   * runs out. Returns true when nothing is left: call commit() to paint.
   */
  stepFullScan(budgetLeft: () => number): boolean {
    const taskStart = performance.now();
    const inFullScan = this.fullScan !== null;
    let unitStart = taskStart;
    try {
      for (;;) {
        if (!this.current) {
          const root = this.pendingRoots.values().next();
          if (this.fullScan) this.current = this.fullScan;
          else if (!root.done) {
            this.pendingRoots.delete(root.value);
            this.current = this.updateJob(root.value);
          } else return true;
        }
        const job = this.current;
        const done = job.next().done;
        const now = performance.now();
        this.stats.step(this.phase, now - unitStart);
        unitStart = now;
        if (done && this.current === job) {
          if (job === this.fullScan) this.fullScan = null;
          this.current = null;
        }
        // Waiting for the background: the queue goes on when it answers (observer.ts).
        if (this.waiting) return false;
        if (budgetLeft() <= 0) return !this.current && !this.fullScan && this.pendingRoots.size === 0;
      }
    } catch (error) {
      // A bug in one step must not leave the page half-read forever: drop that job, keep the marks.
      console.warn('[IOM Lens] reading the page failed:', error);
      if (this.current === this.fullScan) this.fullScan = null;
      this.current = null;
      return this.pendingRoots.size === 0 && !this.fullScan;
    } finally {
      this.stats.task(performance.now() - taskStart, inFullScan);
    }
  }

  /** The full scan: candidate blocks, their text, detection (in the background where it can), placement. */
  private *scanJob(): Generator<void, void, undefined> {
    this.stats.scanStarted();
    this.phase = 'walk';
    const root = this.doc.body ?? this.doc.documentElement;
    const joined = new SegmentedText<Text>();
    if (root) {
      // Counted no further than the limit: `length` counts every element, one 50 ms call on a 20 MiB page, and so
      // does an index (`[n]`: 29-39 ms there, 6-10 ms on the 5.8 MB page, the 20 MiB page's one task over 50 ms);
      // `item(n)` walks to the n-th element only (0.8 ms).
      const searchShadowHosts = this.doc.getElementsByTagName('*').item(SHADOW_HOST_SEARCH_MAX_ELEMENTS) === null;
      yield* this.readCandidateText(root, joined, searchShadowHosts);
    }
    if (STOP_AFTER === 'blocks' || STOP_AFTER === 'text') return;
    yield;
    this.phase = 'detect';
    const mentions = yield* this.detectScanText(joined);
    this.phase = 'place';
    const placed = yield* placeMentions(joined, mentions, this.newId);
    this.index.clear();
    this.index.add(placed);
    this.stats.scanFinished(joined.length);
  }

  /** The mentions in a full scan's text: from the background's detector when it answers (background-detector.ts), else read here. */
  private *detectScanText(joined: SegmentedText<Text>): Generator<void, Mention[], undefined> {
    if (this.detectInBackground) {
      const reply = yield* this.waitFor(this.detectInBackground(joined, this.detectOptions));
      if (reply) {
        this.stats.detectedInBackground(reply);
        return reply.mentions;
      }
    }
    if (!this.detector) {
      // The detector's first call pays for compiling its expressions: pay it on a short text,
      // in a task of its own, instead of on the first chunk of the page.
      const t0 = performance.now();
      this.detect(WARMUP_TEXT);
      const t1 = performance.now();
      yield;
      this.detect(WARMUP_TEXT);
      this.detect(WARMUP_TEXT);
      this.stats.detectorReady(t1 - t0, performance.now() - t1);
      yield;
    }
    return yield* detectInChunks(this.detect, joined, [], this.detectCost, this.stats);
  }

  /** Yields until `reply` settles (stepFullScan stops and `waiting` says when to go on), then gives its value. */
  private *waitFor(reply: Promise<DetectReply | null>): Generator<void, DetectReply | null, undefined> {
    let settled = false;
    let value: DetectReply | null = null;
    const waiting: Promise<void> = reply
      .catch(() => null)
      .then((answer) => {
        value = answer;
        settled = true;
        if (this.waiting === waiting) this.waiting = null;
      });
    this.waiting = waiting;
    while (!settled) yield;
    return value;
  }

  /**
   * Appends the visible text of the blocks that hold a candidate (candidate-blocks.ts)
   * under `root` (the body or an open shadow root), then, found by one element walk, that
   * of the open shadow roots outside them. The rest of the page is never read.
   */
  private *readCandidateText(root: Element | ShadowRoot, into: SegmentedText<Text>, searchShadowHosts: boolean): Generator<void, void, undefined> {
    let blocks: Node[] | null = null;
    const pageText = this.pageText;
    if (pageText && root === this.doc.body) {
      // Only the first scan's: later ones read the page as it is then.
      this.pageText = null;
      blocks = yield* routedCandidateBlocks(this.doc.body, pageText);
      pageText.release();
      this.stats.routedFromGate(blocks !== null);
    }
    blocks ??= yield* candidateBlocks(root, this.prefilter);
    if (STOP_AFTER === 'blocks') return;
    let n = 0;
    // The root's text is a group of its own, apart from what was read before it (another root's).
    into.startGroup();
    let previous: Node | null = null;
    for (const block of blocks) {
      // Blocks far apart on the page: what lies between them was not read.
      if (previous !== null && !nextToEachOther(previous, block)) into.startGroup();
      previous = block;
      if (block.nodeType === Node.TEXT_NODE) {
        const text = block as Text;
        into.append(text, text.data, true);
        continue;
      }
      if (block.nodeType !== Node.ELEMENT_NODE || isSkippedElement(block as Element)) continue;
      const first = into.segmentCount;
      const charsBefore = into.textChars;
      yield* walkTextInSlices(block, this.walkState, into, true);
      if (into.textChars - charsBefore > HUGE_BLOCK_CHARS) this.rememberText(into, first);
    }
    if (!searchShadowHosts) return;
    const walker = this.doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (++n % ELEMENT_WALK_YIELD_EVERY === 0) yield;
      const shadow = (node as Element).shadowRoot;
      if (!shadow || blocks.some((block) => block !== node && block.contains(node)) || isInsideSkipped(node)) continue;
      if (!this.prefilter.candidates(shadow.textContent ?? '', 1).length) continue;
      this.walkState.shadowRoots.add(shadow);
      yield* this.readCandidateText(shadow, into, true);
    }
  }

  /** Keeps the text of `joined`'s segments from `first` on (see HUGE_BLOCK_CHARS). */
  private rememberText(joined: SegmentedText<Text>, first = 0): void {
    for (let i = first; i < joined.segmentCount; i++) this.readText.set(joined.nodeAt(i), joined.textAt(i));
  }

  /**
   * Re-reads one root after mutations: drops the mentions inside it, detects on its text
   * with the entities the rest of the page establishes, and adds what it finds. In a huge
   * block where one text node changed, only a window around the change (updateWindow).
   * Changed text goes through the prefilter first: a block with no candidate costs only that.
   */
  private *updateJob(root: Node): Generator<void, void, undefined> {
    if (!root.isConnected) return;
    this.phase = 'walk';
    const joined = new SegmentedText<Text>();
    yield* walkTextInSlices(root, this.walkState, joined);
    yield;
    const huge = joined.textChars > HUGE_BLOCK_CHARS;
    if (huge && (yield* this.updateWindow(joined))) {
      this.rememberText(joined);
      return;
    }
    this.index.removeWhere((item) => item.nodes.some((node) => root.contains(node)));
    if (huge) this.rememberText(joined);
    this.stats.updated(null);
    if (!(yield* holdsCandidate(joined.text, this.prefilter))) return;
    const known = [...new Set(this.index.all().map((item) => item.mention.entityId))];
    this.phase = 'detect';
    const mentions = yield* detectInChunks(this.detect, joined, known, this.detectCost, this.stats);
    this.phase = 'place';
    this.index.add(yield* placeMentions(joined, mentions, this.newId));
  }

  /**
   * An edit inside a huge block that changed one text node read before: the mentions near
   * the change are decided again from a window of UPDATE_WINDOW_CHARS each side, those
   * after it in the same node move with the text, the rest stay. False when the change is
   * not of that kind (a node added, several changed): the caller re-reads the block.
   */
  private *updateWindow(joined: SegmentedText<Text>): Generator<void, boolean, undefined> {
    let changed = -1;
    for (let i = 0; i < joined.segmentCount; i++) {
      const before = this.readText.get(joined.nodeAt(i));
      if (before === undefined) return false;
      if (before === joined.textAt(i)) continue;
      if (changed >= 0) return false;
      changed = i;
    }
    if (changed < 0) return true;
    const node = joined.nodeAt(changed);
    const before = this.readText.get(node)!;
    const now = joined.textAt(changed);
    const [start, end] = changedSpan(before, now);
    const delta = now.length - before.length;
    const oldEnd = end - delta;
    // Old mentions in the node: near the change they go, after it they move by `delta`.
    const zone: [number, number] = [start - UPDATE_REDECIDE_CHARS, oldEnd + UPDATE_REDECIDE_CHARS];
    const moved: PlacedMention[] = [];
    this.index.removeWhere((item) => {
      if (!item.nodes.includes(node)) return false;
      const a = item.range.startContainer === node ? item.range.startOffset : 0;
      const b = item.range.endContainer === node ? item.range.endOffset : before.length;
      if (b < zone[0]) return false;
      if (a > zone[1] && item.range.startContainer === node) {
        const endOffset = item.range.endContainer === node ? item.range.endOffset + delta : item.range.endOffset;
        const range = staticRange(node, item.range.startOffset + delta, item.range.endContainer as Text, endOffset);
        if (range) moved.push({ ...item, range });
      }
      return true;
    });
    this.index.add(moved);
    yield;
    const segmentStart = joined.startAt(changed);
    const windowStart = Math.max(0, segmentStart + start - UPDATE_WINDOW_CHARS);
    const windowEnd = Math.min(joined.length, segmentStart + end + UPDATE_WINDOW_CHARS);
    const zoneStart = segmentStart + start - UPDATE_REDECIDE_CHARS;
    const zoneEnd = segmentStart + end + UPDATE_REDECIDE_CHARS;
    const text = joined.slice(windowStart, windowEnd);
    this.stats.updated(text.length);
    if (!(yield* holdsCandidate(text, this.prefilter))) return true;
    const known = [...new Set(this.index.all().map((item) => item.mention.entityId))];
    this.phase = 'detect';
    const windowText = new SegmentedText<Text>();
    windowText.append(node, text, false);
    const found = yield* detectInChunks(this.detect, windowText, known, this.detectCost, this.stats);
    const inZone = found
      .map((m) => ({ ...m, start: m.start + windowStart, end: m.end + windowStart }))
      .filter((m) => m.end > zoneStart && m.start < zoneEnd && (m.start > windowStart || windowStart === 0) && (m.end < windowEnd || windowEnd === joined.length));
    this.phase = 'place';
    this.index.add(yield* placeMentions(joined, inZone, this.newId));
    return true;
  }

  /** After updates: drops mentions whose text left the page and repaints. */
  commit(): void {
    const t0 = performance.now();
    this.index.removeWhere((item) => item.nodes.some((node) => !node.isConnected));
    this.highlighter.paint(this.painted());
    for (const root of this.walkState.shadowRoots) {
      if (root.host.isConnected) this.highlighter.adoptInto(root);
      else this.walkState.shadowRoots.delete(root);
    }
    this.stats.task(performance.now() - t0, false);
  }

  /**
   * For the tests (`page:stats` with `fullPageCheck`): the page's mentions as the detector
   * finds them in the whole page's text in one call, beside those the candidate-block scan
   * placed, each as "text node index:offset:entity:surface" in the order of a full walk.
   */
  fullPageCheck(): { fullPage: string[]; scanned: string[] } {
    const root = this.doc.body ?? this.doc.documentElement;
    if (!root) return { fullPage: [], scanned: [] };
    const joined = new SegmentedText<Text>();
    walkText(root, { shadowRoots: new Set() }, joined);
    const nodeIndex = new Map<Node, number>();
    for (let i = 0; i < joined.segmentCount; i++) nodeIndex.set(joined.nodeAt(i), i);
    const key = (node: Node, offset: number, mention: Mention) => `${nodeIndex.get(node) ?? 'unwalked'}:${offset}:${mention.entityId}:${mention.surface}`;
    const fullPage = this.detect(joined.text).flatMap((mention) => {
      const span = spanToNodes(joined, mention.start, mention.end);
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
    // Switched off before the first scan: the gate need not watch the page for it any longer.
    this.pageText?.release();
    this.pageText = null;
    this.cancelFullScan();
    this.index.clear();
    this.highlighter.clear();
    this.readText = new WeakMap();
  }
}
