import { CONTEXT_REACH_CHARS, MATCH_MAX_CHARS } from '../detect/reach';
import type { DetectOptions, Mention } from '../detect/types';
import { chunkEnd, type JoinedText, type TextSource } from './text-model';
import type { ScanStats } from './scan-stats';

/**
 * Step 4 of the page pipeline: the detector over the candidate blocks' joined text
 * (text-model.ts), chunk by chunk. A generator that yields after each chunk, so no task
 * reads more than one chunk, whatever the size of a block (a chunk is cut inside a block
 * when no block boundary comes soon enough: text-model.ts chunkEnd). Each chunk is read with
 * the detector's reach of text each side (CHUNK_CONTEXT_CHARS), so a mention near a chunk's
 * edge is decided as it is in the whole text; a mention belongs to the chunk it starts in.
 * Chunks end at the start of a group of blocks where they can (chunkEnd), and no detector call
 * reads across one (detectChunk).
 *
 * Chunks are sized so one takes about DETECT_CHUNK_TARGET_MS (measured as it goes: the
 * first chunks, while the JIT warms up, are small). Each chunk is told the entities
 * established so far (DetectOptions.knownEntityIds), so "IOM" in a late chunk is still
 * read in the light of the full name in an early one; chunks read before a later chunk
 * established something new are read again.
 */

/** The detector as the page uses it (src/detect/index.ts createDetector()). */
export interface PageDetector {
  detect(text: string, options?: DetectOptions): Mention[];
}

const DETECT_CHUNK_TARGET_MS = 5;
const MIN_CHUNK_CHARS = 1_500;
export const MAX_CHUNK_CHARS = 24_000;
/** Starting guess of the detector's cost (cold): about 2 000 characters per 5 ms. */
const INITIAL_MS_PER_CHAR = 0.0025;
/**
 * Text each side of a chunk read with it (the end of the previous chunk, the start of the
 * next): the detector's reach (src/detect/reach.ts), so the context words, years and
 * sentences that decide a mention near the cut are read as on the whole text.
 */
const CHUNK_CONTEXT_CHARS = CONTEXT_REACH_CHARS;
/**
 * A context's outer cut moves up to this far, to white space, so it never falls inside a
 * word (the "IOM" left of a cut "PIOMBO" would read as a form): longer than any form
 * (reach.ts MATCH_MAX_CHARS).
 */
const CONTEXT_CUT_SLACK_CHARS = MATCH_MAX_CHARS;

/** Detects in a text with the entities known so far; never throws (see PageScanner.detect). */
export type DetectWith = (text: string, knownEntityIds?: readonly string[]) => Mention[];

interface ChunkResult {
  mentions: Mention[];
  /** How many known entities the chunk was read with. */
  knownUsed: number;
}

/** The detector's measured cost, kept from one scan to the next. */
export interface DetectCost {
  msPerChar: number;
}

export function initialDetectCost(): DetectCost {
  return { msPerChar: INITIAL_MS_PER_CHAR };
}

/**
 * The mentions in `joined.text` (offsets in it), read chunk by chunk. `known` holds the
 * entities established before (the rest of the page, for an update) and gets those found.
 */
export function* detectInChunks(
  detect: DetectWith,
  joined: JoinedText<unknown>,
  known: string[],
  cost: DetectCost,
  stats: ScanStats,
): Generator<void, Mention[], undefined> {
  // Read by slices (joined.slice): the joined text is never built whole (text-model.ts JoinedText).
  const chunks: [number, number][] = [];
  const results: ChunkResult[] = [];
  for (let cursor = 0; cursor < joined.length; ) {
    const size = Math.min(MAX_CHUNK_CHARS, Math.max(MIN_CHUNK_CHARS, Math.round(DETECT_CHUNK_TARGET_MS / cost.msPerChar)));
    const chunk: [number, number] = [cursor, chunkEnd(joined, cursor, joined.length, size, joined)];
    const t0 = performance.now();
    results.push(detectChunk(detect, joined, chunk, known));
    chunks.push(chunk);
    cursor = chunk[1];
    const elapsed = performance.now() - t0;
    stats.chunk(chunk[1] - chunk[0], elapsed);
    // Moving average of the cost per character, so one slow chunk (a GC) does not shrink the rest much.
    cost.msPerChar = 0.5 * cost.msPerChar + 0.5 * Math.max(elapsed / Math.max(1, chunk[1] - chunk[0]), 1e-6);
    yield;
  }
  // Chunks read before a later one established an entity (the full name at the bottom of the page) are read again:
  // any form that needs evidence (an acronym, a surname, a programme phrase, a campaign) may change with it. By now
  // `known` is nearly complete, so this costs at most about one more pass over the page.
  for (;;) {
    const stale = results.findIndex((r) => r.knownUsed < known.length);
    if (stale < 0) break;
    const t0 = performance.now();
    results[stale] = detectChunk(detect, joined, chunks[stale], known);
    stats.chunk(0, performance.now() - t0);
    yield;
  }
  return results.flatMap((result) => result.mentions);
}

/**
 * A copy of `slice` that does not share memory with the string it was cut from. V8 makes
 * a slice of 13 or more characters a view of its parent, so each mention's surface kept
 * its chunk's text alive, and the chunks kept the whole joined page text (issue 8's heap
 * profile: 2.3 MB of folded and joined text live after the scan, for 552 mentions).
 */
function detachedCopy(slice: string): string {
  return JSON.parse(JSON.stringify(slice)) as string;
}

/** Where the context before a chunk that starts at `start` begins: CHUNK_CONTEXT_CHARS before, moved back to white space. */
function contextStartBefore(text: TextSource, start: number): number {
  const cut = start - CHUNK_CONTEXT_CHARS;
  if (cut <= 0) return 0;
  const lead = text.slice(Math.max(0, cut - CONTEXT_CUT_SLACK_CHARS), cut);
  const space = lead.search(/\s\S*$/);
  return space < 0 ? cut : cut - lead.length + space;
}

/** Where the context after a chunk that ends at `end` ends: CHUNK_CONTEXT_CHARS after, moved on to white space. */
function contextEndAfter(text: TextSource, end: number): number {
  const cut = end + CHUNK_CONTEXT_CHARS;
  if (cut >= text.length) return text.length;
  const space = text.slice(cut, cut + CONTEXT_CUT_SLACK_CHARS).search(/\s/);
  return space < 0 ? cut : cut + space;
}

/**
 * Detects in one chunk, with the entities known so far and CHUNK_CONTEXT_CHARS of the text
 * each side as context, never across the edge of a group (text-model.ts startGroup: what
 * lies between two groups on the page was not read, and each group holds its own context).
 * The part of the chunk in each group is read on its own. Only the mentions that start in
 * that part are kept, each found whole (a name across the cut is read on into the context
 * after). Adds what it establishes to `known`. Offsets in the result are offsets in `text`.
 */
function detectChunk(detect: DetectWith, text: JoinedText<unknown>, [start, end]: [number, number], known: string[]): ChunkResult {
  const knownUsed = known.length;
  const mentions: Mention[] = [];
  for (let partStart = start; partStart < end; ) {
    const [groupStart, groupEnd] = text.groupAround(partStart);
    const partEnd = Math.min(end, groupEnd);
    const contextStart = Math.max(groupStart, contextStartBefore(text, partStart));
    const prefixLength = partStart - contextStart;
    const found = detect(text.slice(contextStart, Math.min(groupEnd, contextEndAfter(text, partEnd))), known);
    for (const m of found) {
      if (m.start < prefixLength || m.start >= prefixLength + (partEnd - partStart)) continue;
      mentions.push({ ...m, surface: detachedCopy(m.surface), start: m.start + contextStart, end: m.end + contextStart });
      if (!known.includes(m.entityId)) known.push(m.entityId);
    }
    partStart = partEnd;
  }
  return { mentions, knownUsed };
}
