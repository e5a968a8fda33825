/**
 * How often a navigation may cost a full rescan: a token bucket, pure so it is tested in
 * Node. A page can navigate (pushState, replaceState, hash changes) thousands of times a
 * second for free; each full rescan costs us the page's size in work (about 220 ms on a
 * 1 MiB page here). A short burst is served quickly, so a reader clicking through an SPA
 * sees the new view marked within NAVIGATION_SETTLE_MS; after that, at most one rescan per
 * RESCAN_REFILL_MS, however many navigations the page makes: at 220 ms per rescan, at most
 * 2.2% of the main thread. (Changed text is still picked up in between by the
 * MutationObserver; the rescan only refreshes page-wide evidence.)
 */

export interface RescanLimits {
  /** Wait after a navigation before rescanning, so the new view (rendered after the URL changes) is read. */
  settleMs: number;
  /** Rescans allowed back to back before the steady rate applies. */
  burst: number;
  /** One more rescan is allowed every this many ms. */
  refillMs: number;
}

export const NAVIGATION_SETTLE_MS = 300;
export const RESCAN_BURST = 3;
export const RESCAN_REFILL_MS = 10_000;

export const NAVIGATION_RESCAN_LIMITS: Readonly<RescanLimits> = Object.freeze({
  settleMs: NAVIGATION_SETTLE_MS,
  burst: RESCAN_BURST,
  refillMs: RESCAN_REFILL_MS,
});

export class RescanLimiter {
  private tokens: number;
  private refilledAt: number;

  constructor(
    now: number,
    private readonly limits: Readonly<RescanLimits> = NAVIGATION_RESCAN_LIMITS,
  ) {
    this.tokens = limits.burst;
    this.refilledAt = now;
  }

  private refill(now: number): void {
    const earned = (now - this.refilledAt) / this.limits.refillMs;
    if (earned <= 0) return;
    this.tokens = Math.min(this.limits.burst, this.tokens + earned);
    this.refilledAt = now;
  }

  /** A navigation happened at `now`: the earliest time a rescan for it may run. */
  dueAt(now: number): number {
    this.refill(now);
    const tokenAt = this.tokens >= 1 ? now : now + (1 - this.tokens) * this.limits.refillMs;
    return Math.max(now + this.limits.settleMs, tokenAt);
  }

  /** A rescan ran at `now` (no earlier than dueAt said): it spends one token. */
  spend(now: number): void {
    this.refill(now);
    this.tokens = Math.max(0, this.tokens - 1);
  }
}
