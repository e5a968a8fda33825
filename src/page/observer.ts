import { DomWatcher } from './dom-watcher';
import { isInsideSkipped } from './elements';
import { scheduleTask, type BudgetLeft, type ScheduledTask } from './task-scheduler';

/** Above this many queued roots, one full rescan is cheaper than many partial ones. */
const MAX_QUEUED_ROOTS = 200;
/**
 * Full rescans caused by page changes (a flood of roots, text changed right in <body>)
 * start at most this often, so a page that never stops changing does not keep us
 * scanning. Rescans asked for by settings or navigation start at once.
 */
const MIN_CHANGE_RESCAN_INTERVAL_MS = 2000;

export interface ChangeQueueHandlers {
  /** Queue this root (a block container, an added block, a shadow root) to be read again. */
  updateRoot(root: Node): void;
  /** Drop mentions whose text left the page, repaint and report, once the queued work is done. */
  commit(): void;
  /** Too much changed (or a navigation, or new settings): start reading the whole page again. */
  startFullScan(): void;
  /** Continue the queued work (full scan, then queued roots) within the budget; true when it is all done. */
  stepFullScan(budgetLeft: BudgetLeft): boolean;
  /** Settles when the work can go on, while it waits for something outside the page (the background's detector); else null. */
  waitingFor(): Promise<void> | null;
}

/**
 * The pipeline's scheduler: turns what the DOM watcher (dom-watcher.ts) reports into
 * work, and runs the work in short tasks (task-scheduler.ts) until it is done, then
 * commits (paints) once. It never disconnects because the page is busy: a flood of
 * changes collapses into one full rescan.
 */
export class ChangeQueue {
  private readonly watcher: DomWatcher;
  private readonly roots = new Set<Node>();
  private pendingPrune = false;
  private pendingRescan = false;
  /** Work has been handed to the handlers and is not finished. */
  private working = false;
  private scanning = false;
  private task: ScheduledTask | null = null;
  private lastScanEnd = -Infinity;
  private rescanUrgent = false;
  private rescanTimer: ReturnType<typeof setTimeout> | null = null;
  /** The work waits (handlers.waitingFor): no task is posted until it settles. */
  private waiting: Promise<void> | null = null;
  /** Mutation batches seen and tasks run: for the benchmark and tests. */
  readonly stats = { batches: 0, tasks: 0, maxTaskMs: 0, maxUpdateTaskMs: 0 };

  constructor(private readonly handlers: ChangeQueueHandlers) {
    this.watcher = new DomWatcher({
      changed: (root) => this.queue(root),
      removed: () => {
        this.pendingPrune = true;
      },
      batchEnd: () => {
        this.stats.batches++;
        this.schedule();
      },
    });
  }

  observe(root: Document | ShadowRoot): void {
    this.watcher.observe(root);
  }

  private queue(root: Node): void {
    if (this.pendingRescan) return;
    // Re-reading the whole body as one root would miss the candidate-block logic: a sliced full rescan instead.
    const doc = root.ownerDocument;
    if (root.nodeType === Node.DOCUMENT_NODE || (doc && (root === doc.body || root === doc.documentElement)) || this.roots.size >= MAX_QUEUED_ROOTS) {
      this.roots.clear();
      this.pendingRescan = true;
      return;
    }
    this.roots.add(root);
  }

  /** Forces a full rescan at the next task (settings change, SPA navigation). */
  requestRescan(): void {
    this.roots.clear();
    this.pendingRescan = true;
    this.rescanUrgent = true;
    this.schedule();
  }

  private rescanWait(): number {
    if (!this.pendingRescan || this.scanning || this.rescanUrgent) return 0;
    return Math.max(0, this.lastScanEnd + MIN_CHANGE_RESCAN_INTERVAL_MS - performance.now());
  }

  private schedule(): void {
    if (this.task || this.waiting || (!this.pendingRescan && !this.working && !this.pendingPrune && this.roots.size === 0)) return;
    const waiting = this.working ? this.handlers.waitingFor() : null;
    if (waiting) {
      // Tasks posted meanwhile would only find the work still waiting.
      this.waiting = waiting;
      void waiting.then(() => {
        if (this.waiting !== waiting) return;
        this.waiting = null;
        this.schedule();
      });
      return;
    }
    const wait = this.rescanWait();
    if (wait > 0 && !this.working && !this.pendingPrune && this.roots.size === 0) {
      this.rescanTimer ??= setTimeout(() => {
        this.rescanTimer = null;
        this.schedule();
      }, wait);
      return;
    }
    this.task = scheduleTask((budgetLeft) => {
      this.task = null;
      this.run(budgetLeft);
    });
  }

  private run(budgetLeft: BudgetLeft): void {
    const start = performance.now();
    const hadScan = this.scanning || this.pendingRescan;
    try {
      if (this.pendingRescan && !this.scanning && this.rescanWait() === 0) {
        // Changes queued before the rescan are covered by it; later ones wait for it to finish
        // (a scan in progress is never restarted, so a busy page cannot starve it).
        this.pendingRescan = false;
        this.rescanUrgent = false;
        this.pendingPrune = false;
        this.roots.clear();
        this.scanning = true;
        this.working = true;
        this.handlers.startFullScan();
      }
      if (!this.scanning && this.roots.size) {
        // Roots inside other queued roots are covered by them; skipped regions stay skipped.
        const queued = [...this.roots].filter((root) => root.isConnected);
        this.roots.clear();
        for (const root of queued) {
          if (!queued.some((other) => other !== root && other.contains(root)) && !isInsideSkipped(root)) this.handlers.updateRoot(root);
        }
        this.working = true;
      }
      if (this.pendingPrune) this.working = true;
      if (!this.working || !this.handlers.stepFullScan(budgetLeft)) return;
      if (this.scanning) this.lastScanEnd = performance.now();
      this.scanning = false;
      this.working = false;
      this.pendingPrune = false;
      this.handlers.commit();
    } catch (error) {
      console.warn('[IOM Lens] updating after a page change failed:', error);
      this.scanning = false;
      this.working = false;
    } finally {
      const elapsed = performance.now() - start;
      this.stats.tasks++;
      this.stats.maxTaskMs = Math.max(this.stats.maxTaskMs, elapsed);
      if (!hadScan) this.stats.maxUpdateTaskMs = Math.max(this.stats.maxUpdateTaskMs, elapsed);
      this.schedule();
    }
  }

  /** Drops queued work (the site was switched off). The observer stays connected. */
  reset(): void {
    this.waiting = null;
    this.roots.clear();
    this.pendingPrune = false;
    this.pendingRescan = false;
    this.scanning = false;
    this.working = false;
    this.rescanUrgent = false;
    this.task?.cancel();
    this.task = null;
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = null;
  }

  disconnect(): void {
    this.reset();
    this.watcher.disconnect();
  }
}
