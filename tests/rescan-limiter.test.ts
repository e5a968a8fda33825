import { describe, expect, it } from 'vitest';
import { NAVIGATION_RESCAN_LIMITS, RescanLimiter, type RescanLimits } from '../src/page/rescan-limiter';

const limits: RescanLimits = { settleMs: 300, burst: 3, refillMs: 10_000 };

/** Navigations at the given times, a rescan at each due time reached; returns the rescan times. */
function simulate(navigationTimes: number[], until: number, l: RescanLimits = limits): number[] {
  const limiter = new RescanLimiter(0, l);
  const rescans: number[] = [];
  let due: number | null = null;
  let next = 0;
  for (let now = 0; now <= until; now++) {
    if (due !== null && now >= due) {
      limiter.spend(now);
      rescans.push(now);
      due = null;
    }
    while (next < navigationTimes.length && navigationTimes[next] <= now) {
      if (due === null) due = limiter.dueAt(now);
      next++;
    }
  }
  return rescans;
}

describe('RescanLimiter', () => {
  it('lets a navigation rescan after the settle delay', () => {
    expect(simulate([1000], 5000)).toEqual([1300]);
  });

  it('serves a short burst of navigations at once, each after the settle delay', () => {
    expect(simulate([1000, 2000, 3000], 10_000)).toEqual([1300, 2300, 3300]);
  });

  it('then allows one rescan per refill period, however many navigations the page makes', () => {
    const everyMs = Array.from({ length: 60_000 }, (_, i) => i);
    const rescans = simulate(everyMs, 60_000);
    // 3 from the burst, then one per 10 s (tokens earned while the burst ran are kept).
    expect(rescans.length).toBeGreaterThanOrEqual(7);
    expect(rescans.length).toBeLessThanOrEqual(3 + 60_000 / limits.refillMs);
    const steady = rescans.slice(3);
    for (let i = 1; i < steady.length; i++) expect(steady[i] - steady[i - 1]).toBeGreaterThanOrEqual(limits.refillMs - 1);
  });

  it('refills the burst after a quiet period', () => {
    const first = [0, 400, 800, 1200];
    const later = [100_000, 100_400, 100_800];
    const rescans = simulate([...first, ...later], 120_000);
    expect(rescans.filter((t) => t >= 100_000)).toEqual([100_300, 100_700, 101_100]);
  });

  it('bounds the share of time spent on rescans with the shipped limits', () => {
    // A 1 MiB page costs about 220 ms per full rescan on the development machine.
    const rescanMs = 220;
    const hour = 3_600_000;
    const limiter = new RescanLimiter(0);
    let now = 0;
    let count = 0;
    while (now < hour) {
      now = limiter.dueAt(now);
      limiter.spend(now);
      count++;
    }
    expect((count * rescanMs) / hour).toBeLessThan(0.025);
    expect(NAVIGATION_RESCAN_LIMITS.burst).toBeGreaterThanOrEqual(1);
  });
});
