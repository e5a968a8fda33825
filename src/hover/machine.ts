import { CLOSE_GRACE_MS, LONG_PRESS_MS, MIN_REST_AFTER_FAST_MS, TAP_SLOP_PX } from './constants';

/**
 * The hover card's state machine: whether a card is waiting to open, open or closed, for
 * which mention, and why. Pure (no DOM, no timers): the DOM adapters in `src/card/` turn
 * pointer, touch, pen, keyboard and focus events into {@link HoverEvent}s, and carry out
 * the {@link HoverEffect}s it returns (start a timer, show or hide the card, render the
 * article part).
 *
 * Every timer and every content request carries a token. A timer that fires, or a reply
 * that arrives, with a token the state no longer holds is ignored: stale timers and late
 * replies need no clean-up to be harmless.
 *
 * How each pointer type behaves:
 * - mouse: hover intent (rest on a mention for the open delay), close after a grace period
 *   once the pointer has left both the mention and the card; a press anywhere outside the
 *   card closes it.
 * - touch: a tap (short, still contact) on a mention opens its card; a tap anywhere else
 *   closes it; a long press or a pan does nothing, so the browser's text selection and
 *   scrolling are never disturbed. Touch has no hover, so the card stays until dismissed.
 * - pen: like touch when it touches the screen (taps open and close, long presses do
 *   nothing), like the mouse when it hovers above the screen (pens that report hover send
 *   pointer moves with no button pressed).
 */

/** How a card was opened: it decides what closes it. */
export type CardMode =
  /** Opened by resting the mouse (or a hovering pen): closes when the pointer leaves mention and card. */
  | 'hover'
  /** Opened from the keyboard or the popup: focused, closes on Escape, the close button or a press elsewhere. */
  | 'dialog'
  /** Opened by a tap (touch or pen): there is no hover to leave, so it closes on a tap elsewhere. */
  | 'touch';

/** A hover-intent wait: the card for `mentionId` opens when the timer with `token` fires. */
interface Wait {
  mentionId: number;
  token: number;
}

type HoverState =
  /** No card, nothing pending. */
  | { kind: 'idle' }
  /** The pointer rests on a mention; its card opens when the open-delay timer fires. */
  | { kind: 'waiting'; wait: Wait }
  /**
   * A card is on screen. `token` names this opening (its content reply must carry it).
   * `pointerInCard`: the pointer is over the card. `closeToken`: a close-grace timer is
   * running (hover cards only). `next`: the pointer rests on another mention, whose card
   * replaces this one when its wait ends.
   */
  | {
      kind: 'open';
      mentionId: number;
      mode: CardMode;
      token: number;
      pointerInCard: boolean;
      closeToken: number | null;
      next: Wait | null;
    };

/** A press (touch or pen contact) from down to up, as the touch adapter measured it. */
export interface Press {
  pointer: 'touch' | 'pen';
  /** The mention under the point where the contact ended, if any. */
  mentionId: number | null;
  /** The contact ended on the card itself (its own controls handle it). */
  inCard: boolean;
  durationMs: number;
  movedPx: number;
  /** The page has a non-collapsed selection: the reader is selecting text. */
  selecting: boolean;
}

export type HoverEvent<Content = unknown> =
  /** The pointer (mouse, hovering pen; no button pressed) is on a mention; `fast` when it arrived fast. */
  | { type: 'pointer-on-mention'; mentionId: number; fast: boolean }
  /** The pointer is on no mention (or a button is pressed). */
  | { type: 'pointer-off-mention' }
  | { type: 'pointer-enter-card' }
  | { type: 'pointer-leave-card' }
  | { type: 'open-delay-elapsed'; token: number }
  | { type: 'close-grace-elapsed'; token: number }
  /** A mouse button went down outside the card. */
  | { type: 'mouse-down-outside' }
  /** A touch or pen contact ended (or was cancelled: then `movedPx` is Infinity). */
  | { type: 'press-end'; press: Press }
  /** Open as a focused dialog: the next/previous-mention commands, the popup's list. */
  | { type: 'keyboard-open'; mentionId: number }
  | { type: 'escape' }
  | { type: 'close-button' }
  /** Focus moved from the card to something else on the page. */
  | { type: 'focus-left-card' }
  /** The article part for the opening with `token` has arrived. */
  | { type: 'content-arrived'; token: number; content: Content }
  /** The mention left the page (its text changed or was removed). */
  | { type: 'mention-removed'; mentionId: number }
  /** IOM Lens was switched off on the page. */
  | { type: 'deactivate' };

export type HoverEffect<Content = unknown> =
  | { type: 'start-timer'; fires: 'open-delay-elapsed' | 'close-grace-elapsed'; token: number; ms: number }
  /** Show (or replace) the card for a mention; its content reply must come back with `token`. */
  | { type: 'show'; mentionId: number; mode: CardMode; token: number }
  | { type: 'hide'; restoreFocus: boolean }
  | { type: 'show-content'; mentionId: number; content: Content }
  /** The key event was the card's: the page (or a modal dialog around the card) must not also act on it. */
  | { type: 'consume-key' };

/** The machine's whole memory: the state and the last token handed out. */
export interface Hover {
  state: HoverState;
  lastToken: number;
}

export interface HoverConfig {
  /** The reader's open delay (settings). */
  openDelayMs: number;
}

export interface Transition<Content = unknown> {
  hover: Hover;
  effects: HoverEffect<Content>[];
}

export const initialHover: Hover = Object.freeze({ state: Object.freeze({ kind: 'idle' }), lastToken: 0 }) as Hover;

/** What a touch or pen contact was: a tap acts, anything else is the browser's gesture and is left alone. */
export function pressKind(press: Press): 'tap' | 'long-press' | 'drag' | 'selecting' {
  if (press.movedPx > TAP_SLOP_PX) return 'drag';
  if (press.durationMs >= LONG_PRESS_MS) return 'long-press';
  if (press.selecting) return 'selecting';
  return 'tap';
}

/** The next state and what to do, for one event. Never mutates its input. */
export function transition<Content>(hover: Hover, event: HoverEvent<Content>, config: HoverConfig): Transition<Content> {
  let lastToken = hover.lastToken;
  const effects: HoverEffect<Content>[] = [];
  const token = () => ++lastToken;
  const to = (state: HoverState): Transition<Content> => ({ hover: { state, lastToken }, effects });
  const same = (): Transition<Content> => ({ hover, effects: [] });

  const startWait = (mentionId: number, fast: boolean): Wait => {
    const wait = { mentionId, token: token() };
    // Even with no open delay, a pointer that arrived fast must rest a moment first.
    const ms = fast ? Math.max(config.openDelayMs, MIN_REST_AFTER_FAST_MS) : config.openDelayMs;
    effects.push({ type: 'start-timer', fires: 'open-delay-elapsed', token: wait.token, ms });
    return wait;
  };
  const open = (mentionId: number, mode: CardMode): Transition<Content> => {
    const opened = token();
    effects.push({ type: 'show', mentionId, mode, token: opened });
    return to({ kind: 'open', mentionId, mode, token: opened, pointerInCard: false, closeToken: null, next: null });
  };
  const close = (restoreFocus: boolean): Transition<Content> => {
    effects.push({ type: 'hide', restoreFocus });
    return to({ kind: 'idle' });
  };

  const state = hover.state;
  switch (state.kind) {
    case 'idle':
      switch (event.type) {
        case 'pointer-on-mention':
          return to({ kind: 'waiting', wait: startWait(event.mentionId, event.fast) });
        case 'keyboard-open':
          return open(event.mentionId, 'dialog');
        case 'press-end':
          return event.press.mentionId !== null && pressKind(event.press) === 'tap' ? open(event.press.mentionId, 'touch') : same();
        default:
          return same();
      }

    case 'waiting':
      switch (event.type) {
        case 'pointer-on-mention':
          // A slow pointer keeps its wait; a fast one, or another mention, starts again.
          if (event.mentionId === state.wait.mentionId && !event.fast) return same();
          return to({ kind: 'waiting', wait: startWait(event.mentionId, event.fast) });
        case 'open-delay-elapsed':
          return event.token === state.wait.token ? open(state.wait.mentionId, 'hover') : same();
        case 'keyboard-open':
          return open(event.mentionId, 'dialog');
        case 'press-end':
          return event.press.mentionId !== null && pressKind(event.press) === 'tap' ? open(event.press.mentionId, 'touch') : same();
        case 'mention-removed':
          return event.mentionId === state.wait.mentionId ? to({ kind: 'idle' }) : same();
        case 'pointer-off-mention':
        case 'mouse-down-outside':
        case 'deactivate':
          return to({ kind: 'idle' });
        default:
          return same();
      }

    case 'open': {
      // A dialog gives focus back when a press elsewhere or a lost mention closes it; other cards never took focus.
      const dialog = state.mode === 'dialog';
      const update = (patch: Partial<typeof state>): Transition<Content> => to({ ...state, ...patch });
      const graceStarted = (): Partial<typeof state> => {
        if (state.mode !== 'hover' || state.closeToken !== null) return {};
        const closeToken = token();
        effects.push({ type: 'start-timer', fires: 'close-grace-elapsed', token: closeToken, ms: CLOSE_GRACE_MS });
        return { closeToken };
      };
      switch (event.type) {
        case 'pointer-on-mention':
          if (event.mentionId === state.mentionId) {
            return state.closeToken === null && state.next === null ? same() : update({ closeToken: null, next: null });
          }
          if (state.next && state.next.mentionId === event.mentionId && !event.fast) return same();
          // Another mention: this hover card starts closing; the other's card opens once the pointer rests there.
          return update({ ...graceStarted(), next: startWait(event.mentionId, event.fast) });
        case 'pointer-off-mention':
          if (state.pointerInCard) return state.next === null ? same() : update({ next: null });
          return update({ ...graceStarted(), next: null });
        case 'pointer-enter-card':
          return update({ pointerInCard: true, closeToken: null, next: null });
        case 'pointer-leave-card':
          return update({ pointerInCard: false, ...graceStarted() });
        case 'close-grace-elapsed':
          if (event.token !== state.closeToken || state.pointerInCard) return same();
          effects.push({ type: 'hide', restoreFocus: false });
          return to(state.next ? { kind: 'waiting', wait: state.next } : { kind: 'idle' });
        case 'open-delay-elapsed':
          return state.next && event.token === state.next.token ? open(state.next.mentionId, 'hover') : same();
        case 'keyboard-open':
          return open(event.mentionId, 'dialog');
        case 'escape':
          if (dialog) effects.push({ type: 'consume-key' });
          return close(true);
        case 'close-button':
          return close(true);
        case 'mouse-down-outside':
          return close(dialog);
        case 'focus-left-card':
          // Focus went somewhere on purpose: taking it back would fight the reader.
          return close(false);
        case 'press-end': {
          const press = event.press;
          if (press.inCard || pressKind(press) !== 'tap') return same();
          if (press.mentionId === null) return close(dialog);
          if (press.mentionId !== state.mentionId) return open(press.mentionId, 'touch');
          // A tap on the mention of a hover card (a hovering pen that then taps) keeps it open as a tapped card.
          return state.mode === 'hover' ? update({ mode: 'touch', closeToken: null, next: null }) : same();
        }
        case 'content-arrived':
          if (event.token !== state.token) return same();
          effects.push({ type: 'show-content', mentionId: state.mentionId, content: event.content });
          return { hover, effects };
        case 'mention-removed':
          if (event.mentionId === state.mentionId) return close(dialog);
          return state.next?.mentionId === event.mentionId ? update({ next: null }) : same();
        case 'deactivate':
          return close(false);
        default:
          return same();
      }
    }
  }
}
