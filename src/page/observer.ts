import { blockContainerOf, isBlockElement, isInsideSkipped, isOwnUi, OWN_UI_ATTRIBUTE } from './scanner';

/** Each idle task does at most this much work, so the page's own input handling never waits on us. */
export const IDLE_TASK_BUDGET_MS = 8;
/** An idle callback runs at the latest after this long, even on a page that is never idle. */
export const IDLE_TIMEOUT_MS = 300;
/** Without requestIdleCallback (Safari), work is deferred by this much instead. */
export const IDLE_FALLBACK_DELAY_MS = 50;
/** Above this many queued roots, one full rescan is cheaper than many partial ones. */
export const MAX_QUEUED_ROOTS = 200;
/**
 * Full rescans caused by page changes (a flood of roots, text changed right in <body>)
 * start at most this often, so a page that never stops changing does not keep us
 * scanning. Rescans asked for by settings or navigation start at once.
 */
export const MIN_CHANGE_RESCAN_INTERVAL_MS = 2000;

type IdleHandle = { cancel(): void };

function requestIdle(callback: (deadline: { timeRemaining(): number; didTimeout: boolean }) => void): IdleHandle {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
    return { cancel: () => cancelIdleCallback(handle) };
  }
  const start = performance.now();
  const handle = setTimeout(
    () => callback({ timeRemaining: () => Math.max(0, IDLE_TASK_BUDGET_MS - (performance.now() - start)), didTimeout: false }),
    IDLE_FALLBACK_DELAY_MS,
  );
  return { cancel: () => clearTimeout(handle) };
}

export interface ChangeQueueHandlers {
  /** Re-read this root (a block container, an added block, a shadow root); painting waits for commit(). */
  updateRoot(root: Node): void;
  /** Drop mentions whose text left the page, repaint and report, after a batch of updateRoot calls. */
  commit(): void;
  /** Too much changed (or a navigation, or new settings): start reading the whole page again. */
  startFullScan(): void;
  /** Continue the full scan within the budget; true when it is finished and painted. */
  stepFullScan(budgetLeft: () => number): boolean;
}

/**
 * One MutationObserver for the document and every open shadow root. Its callback only
 * records which roots changed; the work happens in idle-time tasks of at most
 * IDLE_TASK_BUDGET_MS. It never disconnects because the page is busy: a flood of
 * changes collapses into one full rescan.
 */
export class ChangeQueue {
  private readonly observer: MutationObserver;
  private readonly roots = new Set<Node>();
  private pendingPrune = false;
  private pendingRescan = false;
  private scanning = false;
  private idle: IdleHandle | null = null;
  private observed = new WeakSet<Node>();
  private lastScanEnd = -Infinity;
  private rescanUrgent = false;
  private rescanTimer: ReturnType<typeof setTimeout> | null = null;
  /** Mutation batches seen and idle tasks run: for the benchmark and tests. */
  readonly stats = { batches: 0, tasks: 0, maxTaskMs: 0, maxUpdateTaskMs: 0 };
  private taskHadScan = false;

  constructor(private readonly handlers: ChangeQueueHandlers) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
  }

  observe(root: Document | ShadowRoot): void {
    if (this.observed.has(root)) return;
    this.observed.add(root);
    this.observer.observe(root, { childList: true, characterData: true, subtree: true });
  }

  private isOwn(node: Node): boolean {
    return node instanceof Element && isOwnUi(node);
  }

  private onMutations(records: MutationRecord[]): void {
    this.stats.batches++;
    for (const record of records) {
      const target = record.target;
      if (record.type === 'characterData') {
        this.queue(blockContainerOf(target));
        continue;
      }
      // childList: additions are re-read; removals drop their mentions at commit.
      // closest() includes the target itself.
      if (target instanceof Element && target.closest(`[${OWN_UI_ATTRIBUTE}]`)) continue;
      for (const node of record.addedNodes) {
        if (this.isOwn(node)) continue;
        this.queue(node instanceof Element && isBlockElement(node) ? node : blockContainerOf(target));
      }
      for (const node of record.removedNodes) {
        if (this.isOwn(node)) continue;
        this.pendingPrune = true;
        // Removing an inline element can join the text around it into a new name.
        if (!(node instanceof Element && isBlockElement(node))) this.queue(blockContainerOf(target));
      }
    }
    this.schedule();
  }

  private queue(root: Node): void {
    if (this.pendingRescan) return;
    // Re-reading the whole body as one root would be one long task: a sliced full rescan instead.
    const doc = root.ownerDocument;
    if (root.nodeType === Node.DOCUMENT_NODE || (doc && (root === doc.body || root === doc.documentElement))) {
      this.roots.clear();
      this.pendingRescan = true;
      return;
    }
    if (this.roots.size >= MAX_QUEUED_ROOTS) {
      this.roots.clear();
      this.pendingRescan = true;
      return;
    }
    this.roots.add(root);
  }

  /** Forces a full rescan at the next idle time (settings change, SPA navigation). */
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
    if (this.idle || (!this.pendingRescan && !this.scanning && !this.pendingPrune && this.roots.size === 0)) return;
    const wait = this.rescanWait();
    if (wait > 0 && !this.pendingPrune && this.roots.size === 0) {
      this.rescanTimer ??= setTimeout(() => {
        this.rescanTimer = null;
        this.schedule();
      }, wait);
      return;
    }
    this.idle = requestIdle((deadline) => {
      this.idle = null;
      this.run(deadline);
    });
  }

  private run(deadline: { timeRemaining(): number; didTimeout: boolean }): void {
    const start = performance.now();
    this.taskHadScan = this.scanning || this.pendingRescan;
    const budgetLeft = () => Math.min(deadline.timeRemaining(), IDLE_TASK_BUDGET_MS - (performance.now() - start));
    try {
      if (this.pendingRescan && !this.scanning && this.rescanWait() === 0) {
        // Changes queued before the rescan are covered by it; later ones wait for it to finish
        // (a scan in progress is never restarted, so a busy page cannot starve it).
        this.pendingRescan = false;
        this.rescanUrgent = false;
        this.pendingPrune = false;
        this.roots.clear();
        this.scanning = true;
        this.handlers.startFullScan();
      }
      if (this.scanning) {
        if (!this.handlers.stepFullScan(budgetLeft)) return;
        this.scanning = false;
        this.lastScanEnd = performance.now();
        this.handlers.commit();
        if (budgetLeft() <= 0) return;
      }
      // Roots inside other queued roots are covered by them; skipped regions stay skipped.
      const queued = [...this.roots].filter((root) => root.isConnected);
      this.roots.clear();
      const outer = queued.filter((root) => !queued.some((other) => other !== root && other.contains(root)) && !isInsideSkipped(root));
      while (outer.length) {
        // One root per step, checking the budget between them; the rest waits for the next idle task.
        this.handlers.updateRoot(outer.shift()!);
        if (outer.length && budgetLeft() <= 0) {
          for (const root of outer) this.roots.add(root);
          break;
        }
      }
      this.pendingPrune = false;
      this.handlers.commit();
    } catch (error) {
      console.warn('[IOM Lens] updating after a page change failed:', error);
    } finally {
      const elapsed = performance.now() - start;
      this.stats.tasks++;
      this.stats.maxTaskMs = Math.max(this.stats.maxTaskMs, elapsed);
      if (!this.taskHadScan) this.stats.maxUpdateTaskMs = Math.max(this.stats.maxUpdateTaskMs, elapsed);
      this.schedule();
    }
  }

  /** Drops queued work (the site was switched off). The observer stays connected. */
  reset(): void {
    this.roots.clear();
    this.pendingPrune = false;
    this.pendingRescan = false;
    this.scanning = false;
    this.rescanUrgent = false;
    this.idle?.cancel();
    this.idle = null;
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = null;
  }

  disconnect(): void {
    this.reset();
    this.observer.disconnect();
    // Observing again after a reconnect must not be skipped as "already observed".
    this.observed = new WeakSet();
  }
}
