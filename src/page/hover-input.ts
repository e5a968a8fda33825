import { FAST_POINTER_PX_PER_MS } from '../hover/constants';
import type { Press } from '../hover/machine';
import type { Hit } from './hit-test';
import type { CardHost } from '../card/card-host';
import type { HoverDriver } from './hover-driver';

/**
 * The DOM adapters that feed the hover machine (`src/hover/machine.ts`): they only measure
 * and report; what a movement, a press or a key means is decided by the machine. Every
 * listener is passive where the event allows it and is removed when `signal` aborts.
 * Events a page script dispatched itself (untrusted) are ignored: a page must not be able
 * to open a card (and so learn that IOM Lens is there) without its reader.
 */

interface PointerSample {
  x: number;
  y: number;
  /** px per ms since the previous sample. */
  speed: number;
  buttons: number;
  /** The element the browser's own hit test put under the pointer (the event's target). */
  target: EventTarget | null;
}

interface PointerHandlers {
  /**
   * Whether a sample needs a look at all: a frame is requested only for those. A sample
   * the hover machine would learn nothing from (no mention can be under it, and the
   * machine already knows the pointer is off every mention) costs the listener alone.
   */
  wanted(sample: PointerSample): boolean;
  /** The newest wanted sample, at most once per animation frame (the object is reused: read it, do not keep it). */
  onFrame(sample: PointerSample): void;
}

/**
 * Follows the mouse (and a pen hovering above the screen) with one passive listener and
 * reports it at most once per animation frame: the browser draws at most one frame per
 * refresh, so a second look within one would find the page as the first left it. Touch
 * moves are pans and scrolls, never hover: touch is read by {@link trackPresses}.
 */
function trackPointer(
  doc: Document,
  signal: AbortSignal,
  handlers: PointerHandlers,
  stats?: { moves: number; listenerMs: number },
): void {
  const view = doc.defaultView ?? window;
  // One sample, rewritten by every event (no allocation per move); `pending` while it holds one not yet reported.
  const latest: PointerSample = { x: 0, y: 0, speed: 0, buttons: 0, target: null };
  let pending = false;
  let lastX = 0;
  let lastY = 0;
  let lastT = Number.NaN;
  let frame = 0;
  const flush = () => {
    frame = 0;
    if (!pending || signal.aborted) return;
    pending = false;
    handlers.onFrame(latest);
    latest.target = null;
  };
  view.addEventListener(
    'pointermove',
    (event: PointerEvent) => {
      if (event.pointerType === 'touch' || !event.isTrusted) return;
      const t0 = stats ? performance.now() : 0;
      const t = event.timeStamp;
      const speed = Number.isNaN(lastT) ? 0 : Math.hypot(event.clientX - lastX, event.clientY - lastY) / Math.max(t - lastT, 1);
      lastX = event.clientX;
      lastY = event.clientY;
      lastT = t;
      // Within one frame the fastest sample wins, so a quick flick is never averaged away.
      if (!pending || speed > latest.speed) latest.speed = speed;
      latest.x = event.clientX;
      latest.y = event.clientY;
      latest.buttons = event.buttons;
      latest.target = event.target;
      pending = true;
      // A frame already requested reports this sample, wanted or not (it is the newest).
      if (!frame) {
        if (handlers.wanted(latest)) frame = view.requestAnimationFrame(flush);
        else {
          // Nothing to report: a fast flick over empty page must not make a later, slow arrival look fast.
          pending = false;
          latest.target = null;
        }
      }
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

interface PressHandlers {
  /** The event's path reaches the card. */
  isInCard(event: Event): boolean;
  /** The mention under a viewport point, if any. */
  mentionAt(x: number, y: number): number | null;
  /** A mouse button went down outside the card. */
  onMouseDownOutside(): void;
  /** A touch or pen contact ended (a cancelled one is reported with an infinite movement). */
  onPressEnd(press: Press): void;
}

/**
 * Measures touch and pen contacts from down to up (duration, distance, where they ended,
 * whether text is being selected) and reports mouse presses outside the card. Never
 * cancels an event: scrolling, selection and the browser's long-press menu stay the
 * browser's.
 */
function trackPresses(doc: Document, signal: AbortSignal, handlers: PressHandlers): void {
  const view = doc.defaultView ?? window;
  let down: { id: number; x: number; y: number; t: number } | null = null;
  const options = { passive: true, capture: true, signal };
  view.addEventListener(
    'pointerdown',
    (event: PointerEvent) => {
      if (!event.isTrusted) return;
      if (event.pointerType === 'mouse') {
        if (!handlers.isInCard(event)) handlers.onMouseDownOutside();
        return;
      }
      // A second finger makes it a pinch, not a tap.
      down = event.isPrimary ? { id: event.pointerId, x: event.clientX, y: event.clientY, t: event.timeStamp } : null;
    },
    options,
  );
  const end = (event: PointerEvent, cancelled: boolean) => {
    if (!down || !event.isTrusted || event.pointerId !== down.id || (event.pointerType !== 'touch' && event.pointerType !== 'pen')) return;
    const start = down;
    down = null;
    const inCard = handlers.isInCard(event);
    const selection = doc.getSelection();
    handlers.onPressEnd({
      pointer: event.pointerType === 'pen' ? 'pen' : 'touch',
      mentionId: cancelled || inCard ? null : handlers.mentionAt(event.clientX, event.clientY),
      inCard,
      durationMs: event.timeStamp - start.t,
      movedPx: cancelled ? Infinity : Math.hypot(event.clientX - start.x, event.clientY - start.y),
      selecting: Boolean(selection && !selection.isCollapsed),
    });
  };
  view.addEventListener('pointerup', (event: PointerEvent) => end(event, false), options);
  // The browser took the contact over (a scroll, a pinch, its long-press menu).
  view.addEventListener('pointercancel', (event: PointerEvent) => end(event, true), options);
}

/** Reports Escape; the handler says whether the key was the card's (then no one else sees it). */
function trackEscape(doc: Document, signal: AbortSignal, onEscape: () => boolean): void {
  doc.addEventListener(
    'keydown',
    (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !event.isTrusted || !onEscape()) return;
      // The Escape is the card's: the page (or a modal dialog the card sits in) must not also close.
      event.preventDefault();
      event.stopPropagation();
    },
    { capture: true, signal },
  );
}

export interface HoverInputTargets {
  hover: HoverDriver;
  card: CardHost;
  /** The mention under a viewport point (a touch or pen press). */
  hitAt(x: number, y: number): Hit | null;
  /** The mention under a pointer move at a viewport point, given the move's target element. */
  hitUnder(target: EventTarget | null, x: number, y: number): Hit | null;
  /** False when no mention's text is in the target element, so none can be under the pointer. */
  mayHoldMention(target: EventTarget | null): boolean;
  /** Hover cost, for the benchmark: pointer events seen and time spent on them and in lookups. */
  stats: { moves: number; listenerMs: number; lookups: number; lookupMs: number };
}

/**
 * Connects the page's pointer, touch, pen and keyboard input to the hover machine (the card
 * reports its own pointer and focus events), until `signal` aborts.
 */
export function connectHoverInput(
  doc: Document,
  signal: AbortSignal,
  { hover, card, hitAt, hitUnder, mayHoldMention, stats }: HoverInputTargets,
): void {
  // Whether the machine was last told the pointer is on a mention: until it is, moves over
  // elements that hold no mention need no frame (the machine already has "off").
  let reportedOn = false;
  trackPointer(
    doc,
    signal,
    {
      wanted: (sample) => reportedOn || (sample.buttons === 0 && mayHoldMention(sample.target)),
      onFrame: (sample) => {
        const t0 = performance.now();
        // A pressed button is a selection or a drag: nothing opens under it.
        const hit = sample.buttons !== 0 ? null : hitUnder(sample.target, sample.x, sample.y);
        stats.lookups++;
        stats.lookupMs += performance.now() - t0;
        reportedOn = hit !== null;
        if (!hit) {
          hover.dispatch({ type: 'pointer-off-mention' });
          return;
        }
        hover.pointerAt(hit.item.id, sample.x, sample.y);
        hover.dispatch({ type: 'pointer-on-mention', mentionId: hit.item.id, fast: sample.speed > FAST_POINTER_PX_PER_MS });
      },
    },
    stats,
  );
  trackPresses(doc, signal, {
    isInCard: (event) => card.contains(event),
    mentionAt: (x, y) => {
      const hit = hitAt(x, y);
      if (hit) hover.pointerAt(hit.item.id, x, y);
      return hit?.item.id ?? null;
    },
    onMouseDownOutside: () => hover.dispatch({ type: 'mouse-down-outside' }),
    onPressEnd: (press) => hover.dispatch({ type: 'press-end', press }),
  });
  trackEscape(doc, signal, () => hover.dispatch({ type: 'escape' }).some((effect) => effect.type === 'consume-key'));
}
