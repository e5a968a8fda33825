/**
 * The page's text as the detector sees it: the text nodes' contents joined (read by
 * offset, never copied whole), with an offset map back to the nodes. Pure: no DOM access, so it runs in
 * Node tests; the node type is a parameter.
 *
 * Inline boundaries add nothing (`International <b>Organization</b>` stays one
 * phrase); block boundaries add one separator so words of two paragraphs never glue
 * together and a name can't run across them.
 */

/**
 * Inserted between text of two different blocks. Not whitespace alone: the detector
 * (rightly) matches names across line breaks inside one text node, so a visible
 * non-space mark keeps "International" at the end of one paragraph and
 * "Organization for Migration" at the start of the next apart.
 */
export const BLOCK_SEPARATOR = '\n\u00b6\n';

export interface TextSegmentInput<N> {
  node: N;
  text: string;
  /** True when a block boundary lies between this segment and the previous one. */
  blockBreakBefore: boolean;
}

export interface TextSegment<N> {
  node: N;
  /** Offset of the node's first character in the joined text. */
  start: number;
  /** start + text length. */
  end: number;
  /** True when a block separator precedes this segment: a safe place to cut the text into chunks. */
  blockStart: boolean;
}

/** Text read by offset: a string, or a JoinedText (which never builds its whole text to be read). */
export interface TextSource {
  readonly length: number;
  slice(start: number, end: number): string;
}

export interface JoinedText<N> extends TextSource {
  /**
   * The whole joined text, built on first use. The pipeline reads it by `slice` instead: on
   * a 20 MiB page the candidate blocks hold about 10 million characters, and joining them
   * was one 90 ms step plus a 150 ms GC in the same task (bench/trace-long-tasks.ts on the
   * bench's 20 MiB page).
   */
  readonly text: string;
  /** Sorted by start; only non-empty segments. */
  segments: TextSegment<N>[];
}

/**
 * The joined text kept as its segments' texts: `slice` copies only what it is asked for, and
 * puts the separator back in front of each segment that starts a block. No array of pieces
 * and offsets beside the segments: on the 20 MiB page those were two more arrays of 480 000
 * entries, in the old generation from the start (large arrays are), which brought the scan's
 * major GC (a trace of the whole page's DOM, 150–200 ms in steps) sooner.
 */
class SegmentedText<N> implements JoinedText<N> {
  private whole: string | null = null;

  constructor(
    /** The text of each segment, by index. */
    private readonly texts: readonly string[],
    readonly length: number,
    readonly segments: TextSegment<N>[],
  ) {}

  get text(): string {
    this.whole ??= this.slice(0, this.length);
    return this.whole;
  }

  slice(start: number, end: number): string {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    if (this.whole !== null) return this.whole.slice(from, to);
    if (to === from) return '';
    const { segments, texts } = this;
    // The first segment that ends after `from`: `from` is in it or in the separator before it.
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid].end <= from) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < segments.length; i++) {
      const segment = segments[i];
      if (segment.blockStart) {
        const separatorStart = segment.start - BLOCK_SEPARATOR.length;
        if (separatorStart >= to) break;
        if (segment.start > from) out.push(BLOCK_SEPARATOR.slice(Math.max(0, from - separatorStart), to - separatorStart));
      }
      if (segment.start >= to) break;
      out.push(texts[i].slice(Math.max(0, from - segment.start), to - segment.start));
    }
    return out.length === 1 ? out[0] : out.join('');
  }
}

/** joinTextSegmentsInSlices yields after this many inputs (the 20 MiB page's candidate blocks hold about 200 000 text nodes). */
const JOIN_INPUTS_PER_SLICE = 4_096;

export function joinTextSegments<N>(inputs: Iterable<TextSegmentInput<N>>): JoinedText<N> {
  const joining = joinTextSegmentsInSlices(inputs);
  for (;;) {
    const next = joining.next();
    if (next.done) return next.value;
  }
}

/** The same, yielding every JOIN_INPUTS_PER_SLICE inputs so the caller can stop at its time budget. */
export function* joinTextSegmentsInSlices<N>(inputs: Iterable<TextSegmentInput<N>>): Generator<void, JoinedText<N>, undefined> {
  const texts: string[] = [];
  const segments: TextSegment<N>[] = [];
  let length = 0;
  for (const input of inputs) {
    if (input.text.length === 0) continue;
    const blockStart = input.blockBreakBefore && length > 0;
    if (blockStart) length += BLOCK_SEPARATOR.length;
    texts.push(input.text);
    segments.push({ node: input.node, start: length, end: length + input.text.length, blockStart });
    length += input.text.length;
    if (segments.length % JOIN_INPUTS_PER_SLICE === 0) yield;
  }
  return new SegmentedText(texts, length, segments);
}

/** Index of the segment containing `offset` (start ≤ offset < end), or -1 when it falls on a separator or outside. */
export function segmentIndexAt<N>(segments: readonly TextSegment<N>[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const seg = segments[mid];
    if (offset < seg.start) hi = mid - 1;
    else if (offset >= seg.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export interface NodeSpan<N> {
  startNode: N;
  startOffset: number;
  endNode: N;
  endOffset: number;
  /** Every node the span touches, in order. */
  nodes: N[];
}

/**
 * Maps a [start, end) span of the joined text back to node boundaries. Returns null
 * when the span starts or ends on a block separator (the detector never returns such
 * a mention, but a broken detector must not break the page).
 */
export function spanToNodes<N>(segments: readonly TextSegment<N>[], start: number, end: number): NodeSpan<N> | null {
  if (end <= start) return null;
  const first = segmentIndexAt(segments, start);
  const last = segmentIndexAt(segments, end - 1);
  if (first < 0 || last < 0 || last < first) return null;
  const nodes: N[] = [];
  for (let i = first; i <= last; i++) nodes.push(segments[i].node);
  return {
    startNode: segments[first].node,
    startOffset: start - segments[first].start,
    endNode: segments[last].node,
    endOffset: end - segments[last].start,
    nodes,
  };
}

/**
 * End of the chunk that starts at `start` and holds at least `size` characters: the
 * start of the first block at or after start + size, or the end of the text. When no
 * block starts before start + 2 × size (one huge text node, a text/plain document), the
 * chunk is cut inside the block, at the first white space after start + size in `text`,
 * so no chunk grows past about twice the size (the detector reads a margin past the cut:
 * PageScanner.detectChunk).
 */
export function chunkEnd<N>(segments: readonly TextSegment<N>[], start: number, textLength: number, size: number, text?: TextSource): number {
  const target = start + size;
  if (target >= textLength) return textLength;
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].start < target) lo = mid + 1;
    else hi = mid;
  }
  const limit = start + 2 * size;
  for (let i = lo; i < segments.length; i++) {
    if (text !== undefined && segments[i].start > limit) break;
    if (segments[i].blockStart) return segments[i].start;
  }
  if (text === undefined || limit >= textLength) return textLength;
  const space = text.slice(target, limit).search(/\s/);
  return space < 0 ? limit : target + space;
}
