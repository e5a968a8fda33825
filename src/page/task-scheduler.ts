/**
 * How the pipeline gets main-thread time: in tasks of at most SLICE_BUDGET_MS, one after
 * the other, so a big page is read within about a second of load while the page's own
 * input and rendering get the thread between any two of them. Where the Prioritized Task
 * Scheduling API exists (Chromium 94+, Firefox 142+:
 * https://developer.mozilla.org/en-US/docs/Web/API/Scheduler/postTask) a task is posted at
 * `user-visible` priority (that of timers; input runs before it); elsewhere it waits for an
 * idle period and uses all of it, up to IDLE_SLICE_MAX_MS.
 */

/**
 * One task's budget. The work checks the clock between units of a few ms (a detector
 * chunk, 64 text nodes, one prefilter slice), so a task ends within a unit of this: 30 ms
 * of margin for a slow unit or a GC before the 50 ms long-task line.
 */
const SLICE_BUDGET_MS = 20;
/** An idle period lasts at most 50 ms; a task in one stops this much before, so a unit running over still ends under 50 ms. */
const IDLE_SLICE_MAX_MS = 35;
/** An idle callback runs at the latest after this long, even on a page that is never idle. */
const IDLE_TIMEOUT_MS = 300;
/** Without requestIdleCallback (Safari), work is deferred by this much instead. */
const IDLE_FALLBACK_DELAY_MS = 50;

/** Time left in the current task, ms (≤ 0: stop and wait for the next). */
export type BudgetLeft = () => number;

export interface ScheduledTask {
  cancel(): void;
}

interface PostTaskScheduler {
  postTask(callback: () => void, options: { priority: 'user-blocking' | 'user-visible' | 'background'; signal: AbortSignal }): Promise<unknown>;
}

function budgetFrom(start: number, budgetMs: number): BudgetLeft {
  return () => budgetMs - (performance.now() - start);
}

/** Runs `work` in one task of the page's main thread, with that task's budget. */
export function scheduleTask(work: (budgetLeft: BudgetLeft) => void): ScheduledTask {
  const scheduler = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler;
  if (scheduler && typeof scheduler.postTask === 'function') {
    const controller = new AbortController();
    scheduler
      .postTask(() => work(budgetFrom(performance.now(), SLICE_BUDGET_MS)), { priority: 'user-visible', signal: controller.signal })
      // Rejected when cancelled: nothing to do.
      .catch(() => undefined);
    return { cancel: () => controller.abort() };
  }
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(
      (deadline) => {
        const start = performance.now();
        const budgetMs = deadline.didTimeout ? SLICE_BUDGET_MS : Math.min(IDLE_SLICE_MAX_MS, deadline.timeRemaining());
        work(budgetFrom(start, Math.max(budgetMs, 1)));
      },
      { timeout: IDLE_TIMEOUT_MS },
    );
    return { cancel: () => cancelIdleCallback(handle) };
  }
  const handle = setTimeout(() => work(budgetFrom(performance.now(), SLICE_BUDGET_MS)), IDLE_FALLBACK_DELAY_MS);
  return { cancel: () => clearTimeout(handle) };
}
