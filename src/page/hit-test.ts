import type { MentionIndex, PlacedMention } from './mention-index';

/** A pointer moving faster than this is travelling across the page, not resting on a word: it opens nothing. */
export const FAST_POINTER_PX_PER_MS = 1.5;
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

export interface PointerSample {
  x: number;
  y: number;
  /** px per ms since the previous sample. */
  speed: number;
  buttons: number;
}

/**
 * Follows the pointer with one passive listener and looks up what is under it at
 * most once per animation frame.
 */
export function trackPointer(
  doc: Document,
  signal: AbortSignal,
  onFrame: (sample: PointerSample) => void,
  stats?: { moves: number; listenerMs: number },
): void {
  const view = doc.defaultView ?? window;
  let latest: PointerSample | null = null;
  let last: { x: number; y: number; t: number } | null = null;
  let frame = 0;
  const flush = () => {
    frame = 0;
    if (!latest || signal.aborted) return;
    const sample = latest;
    latest = null;
    onFrame(sample);
  };
  view.addEventListener(
    'pointermove',
    (event: PointerEvent) => {
      if (event.pointerType === 'touch') return;
      const t0 = stats ? performance.now() : 0;
      const t = event.timeStamp;
      let speed = 0;
      if (last) {
        const dt = Math.max(t - last.t, 1);
        speed = Math.hypot(event.clientX - last.x, event.clientY - last.y) / dt;
      }
      last = { x: event.clientX, y: event.clientY, t };
      // Within one frame the fastest sample wins, so a quick flick is never averaged away.
      const fastest = latest && latest.speed > speed ? latest.speed : speed;
      latest = { x: event.clientX, y: event.clientY, speed: fastest, buttons: event.buttons };
      if (!frame) frame = view.requestAnimationFrame(flush);
      if (stats) {
        stats.moves++;
        stats.listenerMs += performance.now() - t0;
      }
    },
    { passive: true, capture: true, signal },
  );
  signal.addEventListener('abort', () => {
    if (frame) view.cancelAnimationFrame(frame);
  });
}
