import { describe, expect, it } from 'vitest';
import { CLOSE_GRACE_MS, LONG_PRESS_MS, MIN_REST_AFTER_FAST_MS, TAP_SLOP_PX } from '../src/hover/constants';
import { initialHover, pressKind, transition, type Hover, type HoverEffect, type HoverEvent, type Press } from '../src/hover/machine';

const OPEN_DELAY = 400;
type Effect = HoverEffect<string>;

/** Drives the machine through events, keeping every effect, as the page's driver does. */
class Run {
  hover: Hover = initialHover;
  effects: Effect[] = [];
  constructor(private readonly openDelayMs = OPEN_DELAY) {}

  send(...events: HoverEvent<string>[]): Effect[] {
    const produced: Effect[] = [];
    for (const event of events) {
      const next = transition(this.hover, event, { openDelayMs: this.openDelayMs });
      this.hover = next.hover;
      produced.push(...next.effects);
    }
    this.effects.push(...produced);
    return produced;
  }

  /** Timers started so far, oldest first, by what they fire. */
  timers(fires: 'open-delay-elapsed' | 'close-grace-elapsed'): Extract<Effect, { type: 'start-timer' }>[] {
    return this.effects.filter((e): e is Extract<Effect, { type: 'start-timer' }> => e.type === 'start-timer' && e.fires === fires);
  }

  /** Fires a timer as the driver's ctx.setTimeout would. */
  fire(timer: Extract<Effect, { type: 'start-timer' }>): Effect[] {
    return this.send({ type: timer.fires, token: timer.token });
  }

  lastTimer(fires: 'open-delay-elapsed' | 'close-grace-elapsed') {
    const timer = this.timers(fires).at(-1);
    if (!timer) throw new Error(`no ${fires} timer`);
    return timer;
  }

  get state() {
    return this.hover.state;
  }

  shows(): Extract<Effect, { type: 'show' }>[] {
    return this.effects.filter((e): e is Extract<Effect, { type: 'show' }> => e.type === 'show');
  }

  /** Opens a hover card on a mention the usual way: rest, then the open delay elapses. */
  openHover(mentionId: number): Extract<Effect, { type: 'show' }> {
    this.send({ type: 'pointer-on-mention', mentionId, fast: false });
    const shown = this.fire(this.lastTimer('open-delay-elapsed')).find((e) => e.type === 'show');
    if (!shown || shown.type !== 'show') throw new Error('no card opened');
    return shown;
  }
}

const on = (mentionId: number, fast = false): HoverEvent<string> => ({ type: 'pointer-on-mention', mentionId, fast });
const off: HoverEvent<string> = { type: 'pointer-off-mention' };
const tap = (mentionId: number | null, over: Partial<Press> = {}): HoverEvent<string> => ({
  type: 'press-end',
  press: { pointer: 'touch', mentionId, inCard: false, durationMs: 80, movedPx: 2, selecting: false, ...over },
});

describe('hover intent (mouse)', () => {
  it('opens a hover card once the pointer has rested for the open delay, not before', () => {
    const run = new Run();
    expect(run.send(on(1))).toEqual([{ type: 'start-timer', fires: 'open-delay-elapsed', token: expect.any(Number), ms: OPEN_DELAY }]);
    expect(run.state.kind).toBe('waiting');
    expect(run.shows()).toEqual([]);
    const effects = run.fire(run.lastTimer('open-delay-elapsed'));
    expect(effects).toEqual([{ type: 'show', mentionId: 1, mode: 'hover', token: expect.any(Number) }]);
    expect(run.state).toMatchObject({ kind: 'open', mentionId: 1, mode: 'hover' });
  });

  it('uses the setting as the open delay, and a fast arrival must still rest a moment when it is 0', () => {
    const run = new Run(0);
    expect(run.send(on(1))[0]).toMatchObject({ type: 'start-timer', ms: 0 });
    const fast = new Run(0);
    expect(fast.send(on(1, true))[0]).toMatchObject({ type: 'start-timer', ms: MIN_REST_AFTER_FAST_MS });
    const slowSetting = new Run(900);
    expect(slowSetting.send(on(1, true))[0]).toMatchObject({ ms: 900 });
  });

  it('a slow pointer moving within the mention keeps its wait; a fast one starts it again', () => {
    const run = new Run();
    run.send(on(1));
    expect(run.send(on(1))).toEqual([]);
    const first = run.lastTimer('open-delay-elapsed');
    run.send(on(1, true));
    const second = run.lastTimer('open-delay-elapsed');
    expect(second.token).not.toBe(first.token);
    expect(run.fire(first)).toEqual([]);
    expect(run.fire(second)).toEqual([{ type: 'show', mentionId: 1, mode: 'hover', token: expect.any(Number) }]);
  });

  it('ignores a stale open timer: leaving the mention, or moving to another, ends its wait', () => {
    const run = new Run();
    run.send(on(1));
    const forOne = run.lastTimer('open-delay-elapsed');
    run.send(off);
    expect(run.state.kind).toBe('idle');
    expect(run.fire(forOne)).toEqual([]);
    expect(run.state.kind).toBe('idle');

    run.send(on(1));
    const again = run.lastTimer('open-delay-elapsed');
    run.send(on(2));
    expect(run.fire(again)).toEqual([]);
    expect(run.fire(run.lastTimer('open-delay-elapsed'))).toEqual([{ type: 'show', mentionId: 2, mode: 'hover', token: expect.any(Number) }]);
  });

  it('a fast sweep across several mentions opens nothing, whatever order the timers fire in', () => {
    const run = new Run();
    run.send(on(1, true), off, on(2, true), off, on(3, true), off);
    const timers = run.timers('open-delay-elapsed');
    expect(timers).toHaveLength(3);
    for (const timer of [...timers].reverse()) run.fire(timer);
    expect(run.shows()).toEqual([]);
    expect(run.state.kind).toBe('idle');
  });

  it('a sweep that ends resting on a mention opens only that one', () => {
    const run = new Run();
    run.send(on(1, true), on(2, true), on(3, true), on(3));
    for (const timer of run.timers('open-delay-elapsed')) run.fire(timer);
    expect(run.shows().map((s) => s.mentionId)).toEqual([3]);
  });

  it('moving from the mention into the card keeps it open', () => {
    const run = new Run();
    run.openHover(1);
    run.send(off);
    const grace = run.lastTimer('close-grace-elapsed');
    expect(grace.ms).toBe(CLOSE_GRACE_MS);
    run.send({ type: 'pointer-enter-card' });
    // The pointer is over the card: off-mention frames do not start closing it.
    expect(run.send(off)).toEqual([]);
    expect(run.fire(grace)).toEqual([]);
    expect(run.state).toMatchObject({ kind: 'open', mentionId: 1, pointerInCard: true });
  });

  it('leaving the card closes it after the grace period; a stale grace timer does not', () => {
    const run = new Run();
    run.openHover(1);
    run.send({ type: 'pointer-enter-card' }, { type: 'pointer-leave-card' });
    const firstGrace = run.lastTimer('close-grace-elapsed');
    run.send({ type: 'pointer-enter-card' }, { type: 'pointer-leave-card' });
    const secondGrace = run.lastTimer('close-grace-elapsed');
    expect(secondGrace.token).not.toBe(firstGrace.token);
    expect(run.fire(firstGrace)).toEqual([]);
    expect(run.state.kind).toBe('open');
    expect(run.fire(secondGrace)).toEqual([{ type: 'hide', restoreFocus: false }]);
    expect(run.state.kind).toBe('idle');
  });

  it('coming back to the mention within the grace period keeps the card', () => {
    const run = new Run();
    run.openHover(1);
    run.send(off);
    const grace = run.lastTimer('close-grace-elapsed');
    run.send(on(1));
    expect(run.fire(grace)).toEqual([]);
    expect(run.state).toMatchObject({ kind: 'open', mentionId: 1, closeToken: null });
  });

  it('resting on another mention: the open card closes after its grace, then the other opens after its delay', () => {
    const run = new Run();
    run.openHover(1);
    run.send(on(2));
    expect(run.state).toMatchObject({ kind: 'open', mentionId: 1, next: { mentionId: 2 } });
    expect(run.fire(run.lastTimer('close-grace-elapsed'))).toEqual([{ type: 'hide', restoreFocus: false }]);
    expect(run.state).toMatchObject({ kind: 'waiting', wait: { mentionId: 2 } });
    expect(run.fire(run.lastTimer('open-delay-elapsed'))).toEqual([{ type: 'show', mentionId: 2, mode: 'hover', token: expect.any(Number) }]);
  });

  it('with a short open delay the other card replaces the open one before the grace ends', () => {
    const run = new Run(100);
    run.openHover(1);
    run.send(on(2));
    const grace = run.lastTimer('close-grace-elapsed');
    run.fire(run.lastTimer('open-delay-elapsed'));
    expect(run.state).toMatchObject({ kind: 'open', mentionId: 2 });
    expect(run.fire(grace)).toEqual([]);
    expect(run.state).toMatchObject({ kind: 'open', mentionId: 2 });
  });

  it('a mouse press outside the card closes it, and ends a wait', () => {
    const run = new Run();
    run.openHover(1);
    expect(run.send({ type: 'mouse-down-outside' })).toEqual([{ type: 'hide', restoreFocus: false }]);
    run.send(on(2));
    run.send({ type: 'mouse-down-outside' });
    expect(run.state.kind).toBe('idle');
  });
});

describe('content replies', () => {
  it('shows the reply for the card on screen and ignores a late reply for an earlier card', () => {
    const run = new Run();
    const first = run.openHover(1);
    const second = run.send({ type: 'keyboard-open', mentionId: 2 }).find((e) => e.type === 'show')!;
    expect(run.send({ type: 'content-arrived', token: first.token, content: 'for 1' })).toEqual([]);
    expect(run.send({ type: 'content-arrived', token: second.type === 'show' ? second.token : -1, content: 'for 2' })).toEqual([
      { type: 'show-content', mentionId: 2, content: 'for 2' },
    ]);
  });

  it('ignores a reply that arrives after the card closed, even for the same mention reopened', () => {
    const run = new Run();
    const first = run.openHover(1);
    run.send({ type: 'escape' });
    expect(run.send({ type: 'content-arrived', token: first.token, content: 'late' })).toEqual([]);
    const reopened = run.openHover(1);
    expect(run.send({ type: 'content-arrived', token: first.token, content: 'late' })).toEqual([]);
    expect(run.send({ type: 'content-arrived', token: reopened.token, content: 'now' })).toHaveLength(1);
  });
});

describe('keyboard and focus', () => {
  it('opens a dialog at once from the keyboard, from any state', () => {
    for (const before of [[], [on(1)], [on(1), { type: 'open-delay-elapsed', token: 1 }]] as HoverEvent<string>[][]) {
      const run = new Run();
      run.send(...before);
      expect(run.send({ type: 'keyboard-open', mentionId: 7 })).toEqual([{ type: 'show', mentionId: 7, mode: 'dialog', token: expect.any(Number) }]);
      expect(run.state).toMatchObject({ kind: 'open', mentionId: 7, mode: 'dialog' });
    }
  });

  it('Escape closes a dialog, gives focus back and keeps the key from the page', () => {
    const run = new Run();
    run.send({ type: 'keyboard-open', mentionId: 7 });
    expect(run.send({ type: 'escape' })).toEqual([{ type: 'consume-key' }, { type: 'hide', restoreFocus: true }]);
    expect(run.state.kind).toBe('idle');
  });

  it('Escape closes a hover card without taking the key from the page; with no card it does nothing', () => {
    const run = new Run();
    run.openHover(1);
    expect(run.send({ type: 'escape' })).toEqual([{ type: 'hide', restoreFocus: true }]);
    expect(run.send({ type: 'escape' })).toEqual([]);
  });

  it('a dialog is not closed by the pointer leaving; the close button closes it and gives focus back', () => {
    const run = new Run();
    run.send({ type: 'keyboard-open', mentionId: 7 });
    expect(run.send(off, { type: 'pointer-leave-card' })).toEqual([]);
    expect(run.send({ type: 'close-button' })).toEqual([{ type: 'hide', restoreFocus: true }]);
  });

  it('a dialog closed by a press elsewhere gives focus back; focus moving elsewhere closes it without', () => {
    const pressed = new Run();
    pressed.send({ type: 'keyboard-open', mentionId: 7 });
    expect(pressed.send({ type: 'mouse-down-outside' })).toEqual([{ type: 'hide', restoreFocus: true }]);
    const tabbed = new Run();
    tabbed.send({ type: 'keyboard-open', mentionId: 7 });
    expect(tabbed.send({ type: 'focus-left-card' })).toEqual([{ type: 'hide', restoreFocus: false }]);
  });
});

describe('touch and pen', () => {
  it('a tap on a mention opens its card at once; a tap elsewhere closes it', () => {
    const run = new Run();
    expect(run.send(tap(3))).toEqual([{ type: 'show', mentionId: 3, mode: 'touch', token: expect.any(Number) }]);
    // Touch has no hover: nothing the pointer does closes it.
    expect(run.send(off, { type: 'pointer-leave-card' })).toEqual([]);
    expect(run.send(tap(3))).toEqual([]);
    expect(run.send(tap(null))).toEqual([{ type: 'hide', restoreFocus: false }]);
    expect(run.state.kind).toBe('idle');
  });

  it('a tap on another mention moves the card there; a tap in the card leaves it to its controls', () => {
    const run = new Run();
    run.send(tap(3));
    expect(run.send(tap(4))).toEqual([{ type: 'show', mentionId: 4, mode: 'touch', token: expect.any(Number) }]);
    expect(run.send(tap(null, { inCard: true }))).toEqual([]);
    expect(run.state).toMatchObject({ kind: 'open', mentionId: 4 });
  });

  it('a tap elsewhere with no card does nothing', () => {
    const run = new Run();
    expect(run.send(tap(null))).toEqual([]);
  });

  it('a long press never opens or closes a card: it is the browser’s (text selection, its menu)', () => {
    const run = new Run();
    expect(run.send(tap(3, { durationMs: LONG_PRESS_MS }))).toEqual([]);
    expect(run.state.kind).toBe('idle');
    run.send(tap(3));
    expect(run.send(tap(null, { durationMs: 900 }), tap(5, { durationMs: 900 }))).toEqual([]);
    expect(run.state).toMatchObject({ kind: 'open', mentionId: 3 });
  });

  it('a pan, a cancelled contact or a tap while text is selected does nothing', () => {
    const run = new Run();
    expect(run.send(tap(3, { movedPx: TAP_SLOP_PX + 1 }), tap(3, { movedPx: Infinity }), tap(3, { selecting: true }))).toEqual([]);
    run.send(tap(3));
    expect(run.send(tap(null, { movedPx: 40 }), tap(null, { selecting: true }))).toEqual([]);
    expect(run.state.kind).toBe('open');
  });

  it('pen: a tap acts like touch, hovering like the mouse', () => {
    const run = new Run();
    expect(run.send(tap(3, { pointer: 'pen' }))).toEqual([{ type: 'show', mentionId: 3, mode: 'touch', token: expect.any(Number) }]);
    run.send(tap(null, { pointer: 'pen' }));
    expect(run.state.kind).toBe('idle');
    // A hovering pen reaches the machine as pointer moves, like the mouse.
    run.openHover(4);
    expect(run.state).toMatchObject({ kind: 'open', mode: 'hover' });
    // A pen that hovered onto a mention and then taps it gets its card at once.
    // A pen that hovered a card open and then taps its mention (jittering: moves with the tip down) keeps it.
    const pinned = new Run();
    pinned.openHover(5);
    pinned.send(off, tap(5, { pointer: 'pen' }), off);
    for (const timer of pinned.timers('close-grace-elapsed')) pinned.fire(timer);
    expect(pinned.state).toMatchObject({ kind: 'open', mentionId: 5, mode: 'touch' });
    const waiting = new Run();
    waiting.send(on(6));
    expect(waiting.send(tap(6, { pointer: 'pen' }))).toEqual([{ type: 'show', mentionId: 6, mode: 'touch', token: expect.any(Number) }]);
  });

  it('press thresholds: shorter than the long press and within the slop is a tap', () => {
    const press: Press = { pointer: 'touch', mentionId: 1, inCard: false, durationMs: LONG_PRESS_MS - 1, movedPx: TAP_SLOP_PX, selecting: false };
    expect(pressKind(press)).toBe('tap');
    expect(pressKind({ ...press, durationMs: LONG_PRESS_MS })).toBe('long-press');
    expect(pressKind({ ...press, movedPx: TAP_SLOP_PX + 0.5 })).toBe('drag');
    expect(pressKind({ ...press, selecting: true })).toBe('selecting');
  });
});

describe('the page changing', () => {
  it('a card whose mention left the page closes (a dialog gives focus back); a wait for one ends', () => {
    const hover = new Run();
    hover.openHover(1);
    expect(hover.send({ type: 'mention-removed', mentionId: 2 })).toEqual([]);
    expect(hover.send({ type: 'mention-removed', mentionId: 1 })).toEqual([{ type: 'hide', restoreFocus: false }]);
    const dialog = new Run();
    dialog.send({ type: 'keyboard-open', mentionId: 1 });
    expect(dialog.send({ type: 'mention-removed', mentionId: 1 })).toEqual([{ type: 'hide', restoreFocus: true }]);
    const waiting = new Run();
    waiting.send(on(1));
    waiting.send({ type: 'mention-removed', mentionId: 1 });
    expect(waiting.state.kind).toBe('idle');
    const next = new Run();
    next.openHover(1);
    next.send(on(2), { type: 'mention-removed', mentionId: 2 });
    expect(next.state).toMatchObject({ kind: 'open', mentionId: 1, next: null });
  });

  it('switching IOM Lens off closes any card and ends any wait', () => {
    const run = new Run();
    run.openHover(1);
    expect(run.send({ type: 'deactivate' })).toEqual([{ type: 'hide', restoreFocus: false }]);
    run.send(on(2), { type: 'deactivate' });
    expect(run.state.kind).toBe('idle');
    expect(run.fire(run.lastTimer('open-delay-elapsed'))).toEqual([]);
  });

  it('never changes the state it is given', () => {
    const frozen = (hover: Hover): Hover => Object.freeze({ ...hover, state: Object.freeze({ ...hover.state }) });
    let hover = frozen(initialHover);
    const events: HoverEvent<string>[] = [on(1), { type: 'open-delay-elapsed', token: 1 }, off, on(2), { type: 'pointer-enter-card' }, tap(null), { type: 'escape' }];
    for (const event of events) hover = frozen(transition(hover, event, { openDelayMs: OPEN_DELAY }).hover);
    expect(hover.state.kind).toBe('idle');
  });
});
