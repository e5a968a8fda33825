import type { DetectOptions, Mention } from '../detect/types';
import type { Density } from '../settings/types';
import { Highlighter } from './highlighter';
import { MentionIndex, type PlacedMention } from './mention-index';
import { walkText, type WalkState } from './scanner';
import { joinTextSegments, spanToNodes, type TextSegmentInput } from './text-model';

/** The detector as the page uses it (src/detect/index.ts createDetector()). */
export interface PageDetector {
  detect(text: string, options?: DetectOptions): Mention[];
}

/** At most this many distinct accepted surfaces are kept as evidence for re-detecting changed parts of the page. */
const MAX_EVIDENCE_SURFACES = 40;

export const SCAN_MEASURE = 'iom-lens-scan';
export const UPDATE_MEASURE = 'iom-lens-update';

export interface ScanTiming {
  /** Last full scan: walk + detect + place + paint, ms. */
  scanMs: number;
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
 * page as one text so the detector has the page's context; updates after mutations
 * re-read only the changed block and give the detector a short evidence prefix made
 * of what the full scan accepted (so "IOM" in new text is still recognised when the
 * page named the organization in full earlier).
 */
export class PageScanner {
  readonly index = new MentionIndex();
  readonly highlighter: Highlighter;
  readonly walkState: WalkState = { shadowRoots: new Set() };
  private nextId = 1;
  private detectOptions: DetectOptions = {};
  private density: Density = 'every';
  private evidence = '';
  readonly timing: ScanTiming = { scanMs: 0, walkMs: 0, detectMs: 0, placeMs: 0, textLength: 0, updates: 0, updateMs: 0 };

  constructor(
    private readonly doc: Document,
    private readonly detector: PageDetector,
  ) {
    this.highlighter = new Highlighter(doc);
  }

  configure(options: { detect: DetectOptions; density: Density; style: import('../settings/types').HighlightStyle }): void {
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

  private detect(text: string): Mention[] {
    try {
      const found = this.detector.detect(text, this.detectOptions);
      return Array.isArray(found) ? found : [];
    } catch (error) {
      // A detector bug must not break the page: nothing is marked and the reason is logged.
      console.warn('[IOM Lens] detection failed on this page:', error);
      return [];
    }
  }

  private place(segments: Parameters<typeof spanToNodes<Text>>[0], mentions: Mention[], shift = 0): PlacedMention[] {
    const placed: PlacedMention[] = [];
    for (const mention of mentions) {
      const span = spanToNodes(segments, mention.start - shift, mention.end - shift);
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

  private updateEvidence(): void {
    const surfaces: string[] = [];
    const seen = new Set<string>();
    for (const item of this.index.all()) {
      const surface = item.mention.surface.replace(/\s+/g, ' ').trim();
      if (!surface || seen.has(surface)) continue;
      seen.add(surface);
      surfaces.push(surface);
      if (surfaces.length >= MAX_EVIDENCE_SURFACES) break;
    }
    this.evidence = surfaces.length ? `${surfaces.join('\n')}\n\n` : '';
  }

  private adoptStyles(): void {
    for (const root of this.walkState.shadowRoots) {
      if (root.host.isConnected) this.highlighter.adoptInto(root);
      else this.walkState.shadowRoots.delete(root);
    }
  }

  /** Reads the whole page again and replaces every mention. */
  fullScan(): void {
    const t0 = performance.now();
    const root = this.doc.body ?? this.doc.documentElement;
    const inputs: TextSegmentInput<Text>[] = [];
    if (root) for (const segment of walkText(root, this.walkState)) inputs.push(segment);
    const joined = joinTextSegments(inputs);
    const t1 = performance.now();
    const mentions = this.detect(joined.text);
    const t2 = performance.now();
    this.index.clear();
    this.index.add(this.place(joined.segments, mentions));
    this.updateEvidence();
    this.highlighter.paint(this.painted());
    this.adoptStyles();
    const t3 = performance.now();
    Object.assign(this.timing, { scanMs: t3 - t0, walkMs: t1 - t0, detectMs: t2 - t1, placeMs: t3 - t2, textLength: joined.text.length });
    try {
      performance.measure(SCAN_MEASURE, { start: t0, end: t3 });
    } catch {
      // User Timing unavailable: timing stays readable through page:mentions.
    }
  }

  /**
   * Re-reads one root (block container or shadow root) after mutations: drops the
   * mentions inside it, detects on its text with the evidence prefix and adds what
   * it finds. Call commit() after a batch.
   */
  updateRoot(root: Node): void {
    const t0 = performance.now();
    if (root.isConnected) {
      this.index.removeWhere((item) => item.nodes.some((node) => root.contains(node)));
      const inputs: TextSegmentInput<Text>[] = [];
      for (const segment of walkText(root, this.walkState)) inputs.push(segment);
      const joined = joinTextSegments(inputs);
      if (joined.text.trim()) {
        const prefix = this.evidence;
        const mentions = this.detect(prefix + joined.text).filter((m) => m.start >= prefix.length);
        this.index.add(this.place(joined.segments, mentions, prefix.length));
      }
    }
    this.timing.updateMs += performance.now() - t0;
  }

  /** After updates: drops mentions whose text left the page and repaints. */
  commit(): void {
    const t0 = performance.now();
    this.index.removeWhere((item) => item.nodes.some((node) => !node.isConnected));
    if (!this.evidence) this.updateEvidence();
    this.highlighter.paint(this.painted());
    this.adoptStyles();
    const t1 = performance.now();
    this.timing.updates++;
    this.timing.updateMs += t1 - t0;
    try {
      performance.measure(UPDATE_MEASURE, { start: t0, end: t1 });
    } catch {
      // see fullScan
    }
  }

  clear(): void {
    this.index.clear();
    this.highlighter.clear();
  }
}
