import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installIdleFallback } from '../src/pdf/idle-fallback';

/** A window whose requestIdleCallback only runs when the test says the browser is idle. */
function fakeWindow() {
  const idle = new Map<number, IdleRequestCallback>();
  let next = 1;
  const win = {
    requestIdleCallback: (callback: IdleRequestCallback) => {
      idle.set(next, callback);
      return next++;
    },
    cancelIdleCallback: (handle: number) => void idle.delete(handle),
  } as unknown as Window & typeof globalThis;
  const becomeIdle = () => {
    const callbacks = [...idle.values()];
    idle.clear();
    callbacks.forEach((callback) => callback({ didTimeout: false, timeRemaining: () => 40 }));
  };
  return { win, becomeIdle, idleCount: () => idle.size };
}

describe('the reader’s requestIdleCallback', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('runs a callback without an idle period soon, with a short slice, once', () => {
    const { win, becomeIdle, idleCount } = fakeWindow();
    installIdleFallback(win);
    const deadlines: number[] = [];
    win.requestIdleCallback((deadline) => deadlines.push(deadline.timeRemaining()));
    expect(deadlines).toEqual([]);
    vi.advanceTimersByTime(10);
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]).toBeGreaterThan(0);
    expect(deadlines[0]).toBeLessThanOrEqual(10);
    // The idle request it also made is withdrawn: the callback never runs twice.
    expect(idleCount()).toBe(0);
    becomeIdle();
    vi.advanceTimersByTime(100);
    expect(deadlines).toHaveLength(1);
  });

  it('uses a real idle period when the browser gives one first', () => {
    const { win, becomeIdle } = fakeWindow();
    installIdleFallback(win);
    const deadlines: number[] = [];
    win.requestIdleCallback((deadline) => deadlines.push(deadline.timeRemaining()));
    becomeIdle();
    vi.advanceTimersByTime(100);
    expect(deadlines).toEqual([40]);
  });

  it('cancels', () => {
    const { win, becomeIdle } = fakeWindow();
    installIdleFallback(win);
    const callback = vi.fn();
    win.cancelIdleCallback(win.requestIdleCallback(callback));
    becomeIdle();
    vi.advanceTimersByTime(100);
    expect(callback).not.toHaveBeenCalled();
  });
});
