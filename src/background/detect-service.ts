import type { Detector } from '../detect/index';
import { createPrecompiledDetector } from '../detect/precompiled';
import type { DetectReply, DetectRequest } from '../messaging/protocol';
import { detectInChunks, initialDetectCost, type DetectWith } from '../page/detect-step';
import { ScanStats } from '../page/scan-stats';
import { blocksOf } from '../page/text-model';

/**
 * The page pipeline's first scan, detected here (page:detect; src/page/background-detector.ts
 * sends it): the candidate blocks' joined text, read chunk by chunk exactly as the pipeline
 * reads it (src/page/detect-step.ts), so the mentions are the same. Why here: a detector created
 * in a page runs cold there, its code interpreted while the engine optimises it (in Node, the
 * same 179,000 characters read four times in a row: 39, 30, 26, then 8 ms), and every page with
 * a candidate paid that on its own main thread, in every document. This one is created once
 * per worker start and stays warm from page to page, and its time is not the page's.
 */

/** The worker answers other messages (a card's content) between slices of detection this long. */
const SLICE_MS = 50;

let detector: Detector | null = null;
const cost = initialDetectCost();

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function answerDetectRequest(request: DetectRequest): Promise<DetectReply | { error: string }> {
  try {
    detector ??= createPrecompiledDetector();
    const reader = detector;
    const joined = blocksOf(request.text, request.blockStarts, request.groupStarts);
    const options = { programmePolicy: request.programmePolicy, kinds: request.kinds };
    const detect: DetectWith = (text, known) => reader.detect(text, known?.length ? { ...options, knownEntityIds: known } : options);
    const stats = new ScanStats();
    stats.scanStarted();
    const steps = detectInChunks(detect, joined, [], cost, stats);
    let sliceStart = performance.now();
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      if (performance.now() - sliceStart < SLICE_MS) continue;
      await nextTurn();
      sliceStart = performance.now();
    }
    stats.scanFinished(joined.length);
    const { chunks, largestChunk, slowestChunkMs, detectMs } = stats.timing;
    return { mentions: step.value, chunks, largestChunk, slowestChunkMs, detectMs };
  } catch (error) {
    // The page's pipeline then detects itself.
    console.warn('[IOM Lens] detection for a page failed:', error);
    return { error: String(error) };
  }
}
