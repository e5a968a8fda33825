import type { Mention } from '../detect/types';
import type { PlacedMention } from './mention-index';
import { spanToNodes, type SegmentIndex } from './text-model';

/**
 * Step 5 of the page pipeline: each accepted mention, an offset span in the joined text,
 * becomes a StaticRange over the text nodes it covers (text-model.ts spanToNodes: a binary
 * search in the read blocks' segments, never the whole page's nodes). StaticRange, not
 * Range: the browser does not have to keep it updated on every page mutation.
 */

/** Placing yields after this many mentions. */
const PLACE_YIELD_EVERY = 256;

export function* placeMentions(
  segments: SegmentIndex<Text>,
  mentions: readonly Mention[],
  nextId: () => number,
): Generator<void, PlacedMention[], undefined> {
  const placed: PlacedMention[] = [];
  let n = 0;
  for (const mention of mentions) {
    if (++n % PLACE_YIELD_EVERY === 0) yield;
    const span = spanToNodes(segments, mention.start, mention.end);
    if (!span) continue;
    const range = staticRange(span.startNode, span.startOffset, span.endNode, span.endOffset);
    if (range) placed.push({ id: nextId(), mention, range, nodes: span.nodes });
  }
  return placed;
}

/** A StaticRange, or null when the offsets are no longer valid (the node changed meanwhile: the observer queues it again). */
export function staticRange(startContainer: Text, startOffset: number, endContainer: Text, endOffset: number): StaticRange | null {
  try {
    return new StaticRange({ startContainer, startOffset, endContainer, endOffset });
  } catch {
    return null;
  }
}
