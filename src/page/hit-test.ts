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

/**
 * The mention under a viewport point: one caret lookup, the few mentions indexed on
 * that text node, and a check against their client rects. Never a loop over all
 * ranges.
 */
export function hitTest(doc: Document, index: MentionIndex, x: number, y: number, shadowRoots: readonly ShadowRoot[]): Hit | null {
  const caret = caretAt(doc, x, y, shadowRoots);
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return null;
  for (const item of index.at(caret.node, caret.offset)) {
    const live = liveRange(doc, item.range);
    if (!live) continue;
    const rect = rectContaining(live.getClientRects(), x, y);
    if (rect) return { item, rect };
  }
  return null;
}
