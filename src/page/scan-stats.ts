/**
 * The one recorder of the pipeline's counters, for the benchmark and the tests (read with
 * the `page:stats` message, in the extension's world; never User Timing, which the page
 * sees). The steps report to it at their ends, not in their inner loops.
 */

export interface ScanTiming {
  /** Last full scan: time actually spent (walk + detect + place + paint) over all its tasks, ms. */
  scanMs: number;
  /** From its start to its end, including the page's own work between the tasks. */
  wallMs: number;
  /** The longest single task of the last full scan. */
  longestStepMs: number;
  /** Tasks the last full scan took. */
  steps: number;
  chunks: number;
  /** Creating the detector and its first call on a short text (compiling its expressions), in a task of its own. */
  createMs: number;
  /** Its next calls on a short text. */
  warmupMs: number;
  largestChunk: number;
  slowestChunkMs: number;
  /** Finding the candidate blocks and reading their visible text. */
  walkMs: number;
  detectMs: number;
  placeMs: number;
  textLength: number;
  /** Incremental updates after mutations: how many batches, their total time, and the longest task of one. */
  updates: number;
  updateMs: number;
  longestUpdateStepMs: number;
  /** Updates inside a huge block that re-read only a window around the change, and the characters they read. */
  windowedUpdates: number;
  windowChars: number;
  /** The first scan found its blocks from the gate's candidates (candidate-blocks.ts routedCandidateBlocks); null: it had none to use. */
  routedFromGate: boolean | null;
  /** The last full scan's detector time in the background (src/background/detect-service.ts), not on this page's thread; 0 when it detected here. */
  backgroundDetectMs: number;
}

export type ScanStep = 'walk' | 'detect' | 'place';

export class ScanStats {
  readonly timing: ScanTiming = {
    scanMs: 0, wallMs: 0, longestStepMs: 0, steps: 0, chunks: 0, createMs: 0, warmupMs: 0, largestChunk: 0, slowestChunkMs: 0,
    walkMs: 0, detectMs: 0, placeMs: 0, textLength: 0, updates: 0, updateMs: 0, longestUpdateStepMs: 0, windowedUpdates: 0, windowChars: 0,
    routedFromGate: null, backgroundDetectMs: 0,
  };
  private scanStart = 0;
  private scanTasks = { busyMs: 0, longestMs: 0, count: 0 };
  private scanSteps = { walkMs: 0, detectMs: 0, placeMs: 0, chunks: 0, largestChunk: 0, slowestChunkMs: 0, backgroundDetectMs: 0 };

  scanStarted(): void {
    this.scanStart = performance.now();
    this.scanTasks = { busyMs: 0, longestMs: 0, count: 0 };
    this.scanSteps = { walkMs: 0, detectMs: 0, placeMs: 0, chunks: 0, largestChunk: 0, slowestChunkMs: 0, backgroundDetectMs: 0 };
  }

  /** One task of work; `fullScan` when it belonged to a full scan, else to an update. */
  task(ms: number, fullScan: boolean): void {
    if (fullScan) {
      this.scanTasks.busyMs += ms;
      this.scanTasks.count++;
      this.scanTasks.longestMs = Math.max(this.scanTasks.longestMs, ms);
    } else {
      this.timing.updateMs += ms;
      this.timing.longestUpdateStepMs = Math.max(this.timing.longestUpdateStepMs, ms);
    }
  }

  step(step: ScanStep, ms: number): void {
    this.scanSteps[`${step}Ms`] += ms;
  }

  chunk(chars: number, ms: number): void {
    this.scanSteps.detectMs += ms;
    if (chars === 0) return;
    this.scanSteps.chunks++;
    this.scanSteps.largestChunk = Math.max(this.scanSteps.largestChunk, chars);
    this.scanSteps.slowestChunkMs = Math.max(this.scanSteps.slowestChunkMs, ms);
  }

  /** The scan's text was detected in the background, which read it in `chunks` (the largest and slowest given) in `detectMs` of its own time. */
  detectedInBackground(reply: { chunks: number; largestChunk: number; slowestChunkMs: number; detectMs: number }): void {
    this.scanSteps.chunks += reply.chunks;
    this.scanSteps.largestChunk = Math.max(this.scanSteps.largestChunk, reply.largestChunk);
    this.scanSteps.slowestChunkMs = Math.max(this.scanSteps.slowestChunkMs, reply.slowestChunkMs);
    this.scanSteps.backgroundDetectMs += reply.detectMs;
  }

  detectorReady(createMs: number, warmupMs: number): void {
    this.timing.createMs = createMs;
    this.timing.warmupMs = warmupMs;
  }

  scanFinished(textLength: number): void {
    Object.assign(this.timing, this.scanSteps, {
      scanMs: this.scanTasks.busyMs,
      wallMs: performance.now() - this.scanStart,
      longestStepMs: this.scanTasks.longestMs,
      steps: this.scanTasks.count,
      textLength,
    });
  }

  routedFromGate(routed: boolean): void {
    this.timing.routedFromGate = routed;
  }

  updated(windowChars: number | null): void {
    this.timing.updates++;
    if (windowChars === null) return;
    this.timing.windowedUpdates++;
    this.timing.windowChars += windowChars;
  }
}
