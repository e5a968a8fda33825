import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext as WxtContentScriptContext } from 'wxt/utils/content-script-context';
import { IsolatedContentScriptContext } from '../src/content-context/isolated-context';

// Stand-ins for the page-visible objects: whatever reaches them, a page script could see.
const pageWindow = { postMessage: vi.fn(), addEventListener: vi.fn(), dispatchEvent: vi.fn() };
const pageDocument = { dispatchEvent: vi.fn(), addEventListener: vi.fn(), removeEventListener: vi.fn() };
const live: { abort(): void }[] = [];

beforeEach(() => {
  vi.stubGlobal('window', pageWindow);
  vi.stubGlobal('document', pageDocument);
  vi.stubGlobal('CustomEvent', class extends Event {
    constructor(type: string, readonly init?: unknown) {
      super(type);
    }
  });
});

afterEach(() => {
  for (const ctx of live.splice(0)) ctx.abort();
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

function make<T extends { abort(): void }>(ctx: T): T {
  live.push(ctx);
  return ctx;
}

describe('IsolatedContentScriptContext', () => {
  it("WXT's own context posts to and listens on the page (what this replaces)", () => {
    make(new WxtContentScriptContext('content'));
    expect(pageWindow.postMessage).toHaveBeenCalledWith(expect.objectContaining({ type: expect.stringMatching(/wxt:content-script-started$/) }), '*');
    expect(pageDocument.addEventListener).toHaveBeenCalled();
  });

  it('posts, dispatches and listens to nothing on the page', () => {
    make(new IsolatedContentScriptContext('content'));
    expect(pageWindow.postMessage).not.toHaveBeenCalled();
    expect(pageWindow.dispatchEvent).not.toHaveBeenCalled();
    expect(pageDocument.dispatchEvent).not.toHaveBeenCalled();
    expect(pageDocument.addEventListener).not.toHaveBeenCalled();
    expect(pageWindow.addEventListener).not.toHaveBeenCalled();
  });

  it('a newer copy of the same content script still stops the older one; other scripts are left alone', () => {
    const old = make(new IsolatedContentScriptContext('content'));
    const other = make(new IsolatedContentScriptContext('other'));
    const onInvalidated = vi.fn();
    old.onInvalidated(onInvalidated);
    const newer = make(new IsolatedContentScriptContext('content'));
    expect(old.isInvalid).toBe(true);
    expect(onInvalidated).toHaveBeenCalledTimes(1);
    expect(other.isValid).toBe(true);
    expect(newer.isValid).toBe(true);
  });

  it('keeps the timers and listeners tied to the context', () => {
    vi.useFakeTimers();
    try {
      const ctx = make(new IsolatedContentScriptContext('content'));
      const early = vi.fn();
      const late = vi.fn();
      ctx.setTimeout(early, 10);
      vi.advanceTimersByTime(20);
      ctx.setTimeout(late, 10);
      ctx.abort();
      vi.advanceTimersByTime(20);
      expect(early).toHaveBeenCalledTimes(1);
      expect(late).not.toHaveBeenCalled();
      const target = new EventTarget();
      const handler = vi.fn();
      const ctx2 = make(new IsolatedContentScriptContext('content'));
      ctx2.addEventListener(target, 'ping', handler);
      target.dispatchEvent(new Event('ping'));
      ctx2.abort();
      target.dispatchEvent(new Event('ping'));
      expect(handler).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses WXT's page-visible wxt:* events", () => {
    const ctx = make(new IsolatedContentScriptContext('content'));
    expect(() => ctx.addEventListener(new EventTarget(), 'wxt:locationchange' as 'ping', () => {})).toThrow(/forgeable/);
  });
});
