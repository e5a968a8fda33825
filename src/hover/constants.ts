/**
 * Every delay and distance of the hover card, each with its reason. The open delay is not
 * here: it is the reader's setting (`openDelayMs`, default and bounds in
 * `src/settings/model.ts`), passed to the machine with each transition.
 */

/**
 * After a fast movement the pointer must rest at least this long on a mention, whatever
 * the open delay: a reader who set the delay to 0 still does not want a card for every
 * mention the pointer flies across.
 */
export const MIN_REST_AFTER_FAST_MS = 150;

/**
 * A pointer moving faster than this (px per ms) is travelling across the page, not
 * resting on a word: it restarts the wait instead of opening a card.
 */
export const FAST_POINTER_PX_PER_MS = 1.5;

/**
 * After the pointer leaves the mention (or the card), the card waits this long for it to
 * arrive in (or come back to) the card: the way from the line to the card crosses a gap
 * and often a corner of the next line.
 */
export const CLOSE_GRACE_MS = 350;

/**
 * A touch or pen contact held at least this long is a long press: the browser's own
 * gesture (select a word, context menu), never a tap. Android's long-press timeout is 400
 * to 500 ms depending on the version (ViewConfiguration.getLongPressTimeout); taking the
 * lower bound means no press the browser may treat as a long press also opens a card.
 */
export const LONG_PRESS_MS = 400;

/**
 * A touch or pen contact that moved more than this many CSS pixels between down and up is
 * a pan, a scroll or a drag, not a tap (Android's touch slop is 8 dp).
 */
export const TAP_SLOP_PX = 10;

/** The card says the article could not be loaded when the background has not answered after this long. */
export const CARD_CONTENT_TIMEOUT_MS = 8000;

/** The card's shadow root is built in idle time after the first scan, or after this long on a page that is never idle. */
export const CARD_PREPARE_IDLE_TIMEOUT_MS = 2000;
