import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { URL_POLL_INTERVAL_MS, watchNavigation } from '../src/page/navigation-watcher';
import { NAVIGATION_SETTLE_MS, RESCAN_BURST, RESCAN_REFILL_MS } from '../src/page/rescan-limiter';

const fakeLocation = { href: 'https://example.org/' };

beforeEach(() => {
  vi.useFakeTimers();
  fakeLocation.href = 'https://example.org/';
  vi.stubGlobal('location', fakeLocation);
  vi.stubGlobal('window', new EventTarget());
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('watchNavigation', () => {
  it('ignores events a page dispatches itself (untrusted), even when the URL changed', () => {
    const navigation = new EventTarget();
    vi.stubGlobal('navigation', Object.assign(navigation, { currentEntry: {} }));
    const onNavigate = vi.fn();
    const controller = new AbortController();
    watchNavigation(controller.signal, onNavigate);
    fakeLocation.href = 'https://example.org/next';
    for (let i = 0; i < 100; i++) navigation.dispatchEvent(new Event('currententrychange'));
    vi.advanceTimersByTime(60_000);
    expect(onNavigate).not.toHaveBeenCalled();
    controller.abort();
  });

  it('without the Navigation API, finds a pushState by comparing the URL and calls once per change', () => {
    vi.stubGlobal('navigation', undefined);
    const onNavigate = vi.fn();
    const controller = new AbortController();
    watchNavigation(controller.signal, onNavigate);
    vi.advanceTimersByTime(5 * URL_POLL_INTERVAL_MS);
    expect(onNavigate).not.toHaveBeenCalled();
    fakeLocation.href = 'https://example.org/#/page-2';
    vi.advanceTimersByTime(URL_POLL_INTERVAL_MS + NAVIGATION_SETTLE_MS);
    expect(onNavigate).toHaveBeenCalledTimes(1);
    // Forged popstate/hashchange events without a URL change do nothing.
    window.dispatchEvent(new Event('popstate'));
    vi.advanceTimersByTime(5 * URL_POLL_INTERVAL_MS);
    expect(onNavigate).toHaveBeenCalledTimes(1);
    controller.abort();
  });

  it('rate-limits a page that changes its URL all the time, and stops when the signal aborts', () => {
    vi.stubGlobal('navigation', undefined);
    const onNavigate = vi.fn();
    const controller = new AbortController();
    watchNavigation(controller.signal, onNavigate);
    const minutes = 2;
    for (let t = 0; t < minutes * 60_000; t += URL_POLL_INTERVAL_MS) {
      fakeLocation.href = `https://example.org/#${t}`;
      vi.advanceTimersByTime(URL_POLL_INTERVAL_MS);
    }
    const calls = onNavigate.mock.calls.length;
    expect(calls).toBeGreaterThan(RESCAN_BURST);
    expect(calls).toBeLessThanOrEqual(RESCAN_BURST + (minutes * 60_000) / RESCAN_REFILL_MS);
    controller.abort();
    fakeLocation.href = 'https://example.org/after';
    vi.advanceTimersByTime(60_000);
    expect(onNavigate).toHaveBeenCalledTimes(calls);
  });
});
