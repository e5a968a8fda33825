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
  /** True when it starts a new group (SegmentedText.startGroup). */
  groupBefore?: boolean;
}

/** Text read by offset: a string, or a JoinedText (which never builds its whole text to be read). */
export interface TextSource {
  readonly length: number;
  slice(start: number, end: number): string;
}

/**
 * The segments of a joined text (only non-empty ones, sorted by start), by index: what
 * spanToNodes and chunkEnd search.
 */
export interface SegmentIndex<N> {
  readonly segmentCount: number;
  nodeAt(i: number): N;
  /** Offset of the node's first character in the joined text. */
  startAt(i: number): number;
  /** startAt + text length. */
  endAt(i: number): number;
  /** True when a block separator precedes the segment: a safe place to cut the text into chunks. */
  blockStartAt(i: number): boolean;
  /**
   * [start, end) of the group holding `offset` (SegmentedText.startGroup): from the start of its
   * first segment to the start of the next group (its separator included), or the text's ends.
   */
  groupAround(offset: number): [number, number];
}

export interface JoinedText<N> extends TextSource, SegmentIndex<N> {
  /**
   * The whole joined text, built on first use. The pipeline reads it by `slice` instead: on
   * a 20 MiB page the candidate blocks hold about 10 million characters, and joining them
   * was one 90 ms step plus a 150 ms GC in the same task (bench/trace-long-tasks.ts on the
   * bench's 20 MiB page).
   */
  readonly text: string;
  /** The text segment `i` was read with. */
  textAt(i: number): string;
}

/** Room for this many segments at first; the offsets array doubles as it fills. */
const INITIAL_SEGMENTS = 64;

/**
 * The joined text kept as its segments' texts, appended to as the blocks are read
 * (block-text.ts): `slice` copies only what it is asked for, and puts the separator back in
 * front of each segment that starts a block. No object per segment: the nodes and their
 * texts in two arrays and the start offsets in one Int32Array (a segment ends where its text
 * does; it starts a block when it does not start where the one before ends). On the 20 MiB
 * page an object per text node (and a second one while reading) was 480 000 short-lived
 * objects and their arrays, and brought the scan's major GC (a trace of the whole page's
 * DOM, 150–200 ms in steps) sooner.
 */
export class SegmentedText<N> implements JoinedText<N> {
  private readonly nodes: N[] = [];
  private readonly texts: string[] = [];
  private starts = new Int32Array(INITIAL_SEGMENTS);
  private total = 0;
  private whole: string | null = null;
  /** Offsets where a group other than the first starts (the start of its first segment), in order. */
  private readonly groupStarts: number[] = [];
  /** startGroup was called and no text was appended since. */
  private groupPending = false;
  /** Characters of the segments' texts, separators not counted. */
  textChars = 0;

  /**
   * The text appended next is not next to the text before it on the page: what lies between
   * them was not read (candidate blocks far apart: page-scanner.ts readCandidateText). Each
   * group holds its own context (candidate-blocks.ts CONTEXT_CHARS), so the detector reads
   * each group alone (detect-step.ts): a year or a cue in one group never decides a mention in
   * another that the whole page has thousands of characters away. Also a block break.
   */
  startGroup(): void {
    this.groupPending = true;
  }

  /** Adds a node's text; empty text adds nothing (and no separator). `blockBreakBefore`: a block boundary lies between it and the previous segment. */
  append(node: N, text: string, blockBreakBefore: boolean): void {
    if (text.length === 0) return;
    const i = this.texts.length;
    const groupBefore = this.groupPending && this.total > 0;
    this.groupPending = false;
    if ((blockBreakBefore || groupBefore) && this.total > 0) this.total += BLOCK_SEPARATOR.length;
    if (groupBefore) this.groupStarts.push(this.total);
    if (i === this.starts.length) {
      const grown = new Int32Array(2 * i);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[i] = this.total;
    this.nodes.push(node);
    this.texts.push(text);
    this.total += text.length;
    this.textChars += text.length;
    this.whole = null;
  }

  get length(): number {
    return this.total;
  }

  get segmentCount(): number {
    return this.texts.length;
  }

  nodeAt(i: number): N {
    return this.nodes[i];
  }

  textAt(i: number): string {
    return this.texts[i];
  }

  startAt(i: number): number {
    return this.starts[i];
  }

  endAt(i: number): number {
    return this.starts[i] + this.texts[i].length;
  }

  blockStartAt(i: number): boolean {
    return i > 0 && this.starts[i] !== this.starts[i - 1] + this.texts[i - 1].length;
  }

  groupAround(offset: number): [number, number] {
    const starts = this.groupStarts;
    // The first group start after `offset`.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return [lo === 0 ? 0 : starts[lo - 1], lo === starts.length ? this.total : starts[lo]];
  }

  /** The offsets where a block starts (each after a separator), in order: with `text`, all a reader of the joined text needs (blocksOf). */
  blockStarts(): number[] {
    const found: number[] = [];
    for (let i = 1; i < this.texts.length; i++) if (this.blockStartAt(i)) found.push(this.starts[i]);
    return found;
  }

  /** The offsets where a group other than the first starts, in order. */
  groupStartOffsets(): number[] {
    return [...this.groupStarts];
  }

  get text(): string {
    this.whole ??= this.slice(0, this.total);
    return this.whole;
  }

  slice(start: number, end: number): string {
    const from = Math.max(0, Math.min(start, this.total));
    const to = Math.max(from, Math.min(end, this.total));
    if (this.whole !== null) return this.whole.slice(from, to);
    if (to === from) return '';
    const { starts, texts } = this;
    const count = texts.length;
    // The first segment that ends after `from`: `from` is in it or in the separator before it.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] + texts[mid].length <= from) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < count; i++) {
      const segmentStart = starts[i];
      if (this.blockStartAt(i)) {
        const separatorStart = segmentStart - BLOCK_SEPARATOR.length;
        if (separatorStart >= to) break;
        if (segmentStart > from) out.push(BLOCK_SEPARATOR.slice(Math.max(0, from - separatorStart), to - separatorStart));
      }
      if (segmentStart >= to) break;
      out.push(texts[i].slice(Math.max(0, from - segmentStart), to - segmentStart));
    }
    return out.length === 1 ? out[0] : out.join('');
  }
}

export function joinTextSegments<N>(inputs: Iterable<TextSegmentInput<N>>): SegmentedText<N> {
  const joined = new SegmentedText<N>();
  for (const input of inputs) {
    if (input.groupBefore) joined.startGroup();
    joined.append(input.node, input.text, input.blockBreakBefore);
  }
  return joined;
}

/**
 * The joined text `text` read back from its block and group starts (SegmentedText.blockStarts,
 * groupStartOffsets), one segment per block, numbered: the same offsets, block starts and groups
 * as the text it came from, so chunkEnd and detect-step.ts cut and read it the same way. Throws
 * when the starts do not fit the text (not in order, or no separator before one).
 */
export function blocksOf(text: string, blockStarts: readonly number[], groupStarts: readonly number[]): SegmentedText<number> {
  const joined = new SegmentedText<number>();
  if (text === '' && blockStarts.length === 0 && groupStarts.length === 0) return joined;
  let group = 0;
  let from = 0;
  for (let i = 0; i <= blockStarts.length; i++) {
    const end = i < blockStarts.length ? blockStarts[i] - BLOCK_SEPARATOR.length : text.length;
    if (end <= from || text.slice(end, end + BLOCK_SEPARATOR.length) !== (i < blockStarts.length ? BLOCK_SEPARATOR : '')) {
      throw new Error(`block start ${i < blockStarts.length ? blockStarts[i] : text.length} does not fit the text`);
    }
    if (group < groupStarts.length && groupStarts[group] === from && from > 0) {
      joined.startGroup();
      group++;
    }
    joined.append(i, text.slice(from, end), true);
    if (i < blockStarts.length) from = blockStarts[i];
  }
  if (group !== groupStarts.length) throw new Error(`group start ${groupStarts[group]} is no block start`);
  return joined;
}

/** Index of the segment containing `offset` (start ≤ offset < end), or -1 when it falls on a separator or outside. */
export function segmentIndexAt<N>(segments: SegmentIndex<N>, offset: number): number {
  let lo = 0;
  let hi = segments.segmentCount - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < segments.startAt(mid)) hi = mid - 1;
    else if (offset >= segments.endAt(mid)) lo = mid + 1;
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
export function spanToNodes<N>(segments: SegmentIndex<N>, start: number, end: number): NodeSpan<N> | null {
  if (end <= start) return null;
  const first = segmentIndexAt(segments, start);
  const last = segmentIndexAt(segments, end - 1);
  if (first < 0 || last < 0 || last < first) return null;
  const nodes: N[] = [];
  for (let i = first; i <= last; i++) nodes.push(segments.nodeAt(i));
  return {
    startNode: segments.nodeAt(first),
    startOffset: start - segments.startAt(first),
    endNode: segments.nodeAt(last),
    endOffset: end - segments.startAt(last),
    nodes,
  };
}

/**
 * End of the chunk that starts at `start` and holds at least `size` characters: the start
 * of the first group (SegmentedText.startGroup) at or after start + size when it comes
 * before start + 2 × size, else the start of the first block at or after start + size, or
 * the end of the text. When no
 * block starts before start + 2 × size (one huge text node, a text/plain document), the
 * chunk is cut inside the block, at the first white space after start + size in `text`,
 * so no chunk grows past about twice the size (the detector reads context past the cut:
 * detect-step.ts detectChunk).
 */
export function chunkEnd<N>(segments: SegmentIndex<N>, start: number, textLength: number, size: number, text?: TextSource): number {
  const target = start + size;
  if (target >= textLength) return textLength;
  const limit = start + 2 * size;
  // The start of a group is the best cut: neither chunk then reads context across it (detect-step.ts).
  const nextGroup = segments.groupAround(target - 1)[1];
  if (nextGroup < textLength && nextGroup <= limit) return nextGroup;
  const count = segments.segmentCount;
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments.startAt(mid) < target) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < count; i++) {
    if (text !== undefined && segments.startAt(i) > limit) break;
    if (segments.blockStartAt(i)) return segments.startAt(i);
  }
  if (text === undefined || limit >= textLength) return textLength;
  const space = text.slice(target, limit).search(/\s/);
  return space < 0 ? limit : target + space;
}
