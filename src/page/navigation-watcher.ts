/**
 * Tells the page controller that the page moved to another URL without loading a new
 * document (SPA pushState/replaceState, back/forward, hash changes), from signals a page
 * cannot forge: trusted events only (a page's own `dispatchEvent` makes untrusted ones),
 * and the URL itself, read from this isolated world's `location`, which no page script
 * can replace. Every call is rate-limited by ./rescan-limiter.ts, because a page can make
 * real navigations as fast as it likes.
 *
 * Where the Navigation API exists (Chromium 102+, Firefox 147+), its `currententrychange`
 * event covers every kind of same-document navigation. Elsewhere `popstate` and
 * `hashchange` cover traversals and hash changes, and pushState/replaceState (which fire
 * no event) are found by comparing the URL every URL_POLL_INTERVAL_MS.
 */
import { RescanLimiter } from './rescan-limiter';

/** Without the Navigation API, pushState is noticed within this long; reading location.href once a second costs nothing measurable. */
export const URL_POLL_INTERVAL_MS = 1000;

interface NavigationLike extends EventTarget {
  readonly currentEntry: unknown;
}

export function watchNavigation(signal: AbortSignal, onNavigate: () => void): void {
  if (signal.aborted) return;
  const limiter = new RescanLimiter(performance.now());
  let lastHref = location.href;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const run = () => {
    timer = null;
    if (signal.aborted) return;
    limiter.spend(performance.now());
    onNavigate();
  };
  const check = (event?: Event) => {
    if (event && !event.isTrusted) return;
    const href = location.href;
    if (href === lastHref) return;
    lastHref = href;
    // One rescan at a time: navigations while one is due are read by it.
    if (timer !== null) return;
    const now = performance.now();
    timer = setTimeout(run, limiter.dueAt(now) - now);
  };
  signal.addEventListener('abort', () => {
    if (timer !== null) clearTimeout(timer);
  });

  const navigation = (globalThis as { navigation?: NavigationLike }).navigation;
  if (navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', check, { signal });
    return;
  }
  window.addEventListener('popstate', check, { signal });
  window.addEventListener('hashchange', check, { signal });
  const poll = setInterval(() => check(), URL_POLL_INTERVAL_MS);
  signal.addEventListener('abort', () => clearInterval(poll));
}
