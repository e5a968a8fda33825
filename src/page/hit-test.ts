import type { MentionIndex, PlacedMention } from './mention-index';

/** Pixels of slack when checking that the pointer is inside a mention's line box (subpixel layout, caret rounding). */
const RECT_SLACK_PX = 1;

export interface Hit {
  item: PlacedMention;
  /** The line box of the mention under the pointer (a mention wrapped over two lines has two). */
  rect: DOMRect;
}

/** A live Range over a StaticRange's boundaries, or null when the text changed under it. */
export function liveRange(doc: Document, range: StaticRange): Range | null {
  try {
    const live = doc.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    return live;
  } catch {
    return null;
  }
}

export function rectContaining(rects: Iterable<DOMRect>, x: number, y: number): DOMRect | null {
  for (const rect of rects) {
    if (
      x >= rect.left - RECT_SLACK_PX &&
      x <= rect.right + RECT_SLACK_PX &&
      y >= rect.top - RECT_SLACK_PX &&
      y <= rect.bottom + RECT_SLACK_PX &&
      rect.width > 0
    ) {
      return rect;
    }
  }
  return null;
}

type CaretDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number, options?: { shadowRoots?: readonly ShadowRoot[] }) => CaretPosition | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/** Text node and offset under the viewport point, piercing the given open shadow roots. */
export function caretAt(doc: Document, x: number, y: number, shadowRoots: readonly ShadowRoot[]): { node: Node; offset: number } | null {
  const caretDoc = doc as CaretDocument;
  if (typeof caretDoc.caretPositionFromPoint === 'function') {
    const position = caretDoc.caretPositionFromPoint(x, y, shadowRoots.length ? { shadowRoots } : undefined);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  if (typeof caretDoc.caretRangeFromPoint === 'function') {
    const range = caretDoc.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

/** The first of `items` with a line box under the viewport point. */
function firstContaining(doc: Document, items: Iterable<PlacedMention>, x: number, y: number): Hit | null {
  for (const item of items) {
    const live = liveRange(doc, item.range);
    if (!live) continue;
    const rect = rectContaining(live.getClientRects(), x, y);
    if (rect) return { item, rect };
  }
  return null;
}

/**
 * The mention under a viewport point: one caret lookup, the few mentions indexed on
 * that text node, and a check against their client rects. Never a loop over all
 * ranges. A caret lookup is a hit test of its own, and the browser brings the page's
 * whole lifecycle up to pre-paint for it (on a 158 k-node page that costs more than the
 * rest of a pointer move): pointer moves use {@link hitTestTarget} instead.
 */
export function hitTest(doc: Document, index: MentionIndex, x: number, y: number, shadowRoots: readonly ShadowRoot[]): Hit | null {
  const caret = caretAt(doc, x, y, shadowRoots);
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return null;
  return firstContaining(doc, index.at(caret.node, caret.offset), x, y);
}

/**
 * A pointer event's target is scanned for mention text among at most this many child
 * nodes. An element with more (a long `<pre>` of highlighted code, a page that splits
 * its text into thousands of nodes) is left to the caret lookup, so no move costs more
 * than a few microseconds of scanning.
 */
const MAX_TARGET_CHILDREN = 256;

const NO_MENTIONS: readonly PlacedMention[] = Object.freeze([]);

/**
 * The mentions whose text is a child of a pointer event's target. The browser has
 * already hit-tested the point to pick that target, and text under the pointer is
 * always a child of it, so a mention elsewhere cannot be under the pointer. Null when
 * the target cannot tell: a shadow host (a window listener sees events from inside the
 * shadow tree retargeted to its host), or an element with too many children. Text
 * inside an element with `pointer-events: none` is never under a target, so, like a link
 * there, it cannot be hovered.
 */
export function mentionsUnder(index: MentionIndex, target: EventTarget | null): readonly PlacedMention[] | null {
  const element = target as Element | null;
  if (!element || element.nodeType !== Node.ELEMENT_NODE) return NO_MENTIONS;
  if (element.shadowRoot) return null;
  let found: PlacedMention[] | null = null;
  let children = 0;
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (++children > MAX_TARGET_CHILDREN) return null;
    if (child.nodeType !== Node.TEXT_NODE) continue;
    const items = index.touching(child);
    if (items.length > 0) (found ??= []).push(...items);
  }
  return found ?? NO_MENTIONS;
}

/**
 * The mention under a pointer event at a viewport point: the mentions in the event's
 * target checked against their client rects (layout only: no hit test, no caret
 * lookup), or {@link hitTest} when the target cannot tell. `shadowRoots` is called only
 * then.
 */
export function hitTestTarget(
  doc: Document,
  index: MentionIndex,
  target: EventTarget | null,
  x: number,
  y: number,
  shadowRoots: () => readonly ShadowRoot[],
): Hit | null {
  const candidates = mentionsUnder(index, target);
  if (candidates === null) return hitTest(doc, index, x, y, shadowRoots());
  return candidates.length === 0 ? null : firstContaining(doc, candidates, x, y);
}
