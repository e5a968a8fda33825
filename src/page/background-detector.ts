import { browser } from 'wxt/browser';
import { DEFAULT_PROGRAMME_POLICY, type DetectOptions } from '../detect/types';
import { ENTITY_KINDS } from '../entities/types';
import { readWith } from '../messaging/content-requests';
import { BACKGROUND_DETECT_MAX_CHARS, DetectReplySchema, type BackgroundRequest, type DetectReply } from '../messaging/protocol';
import type { SegmentedText } from './text-model';

/**
 * Step 4 of the page pipeline, where it can: the first scan's joined text goes to the
 * background's detector (src/background/detect-service.ts: created once per worker start and
 * warm from page to page, where a detector created here runs cold in every document), and the
 * mentions come back. Null (the scanner then detects itself, detect-step.ts) when the text is
 * empty or longer than BACKGROUND_DETECT_MAX_CHARS, the background fails or does not answer in
 * BACKGROUND_DETECT_TIMEOUT_MS, or its answer is malformed. Runtime messaging only: the page
 * sees none of it.
 */

/**
 * How long the scan waits for the background's answer before it detects itself: a worker
 * woken for it (its detector created, cold) answers Node's 5.8 MB page in a few hundred ms here.
 */
const BACKGROUND_DETECT_TIMEOUT_MS = 5_000;

/** Detects `joined` with `options` in the background; never rejects. */
export type DetectInBackground = (joined: SegmentedText<unknown>, options: DetectOptions) => Promise<DetectReply | null>;

export function backgroundDetector(signal: AbortSignal): DetectInBackground {
  return (joined, options) => {
    if (joined.length === 0 || joined.length > BACKGROUND_DETECT_MAX_CHARS || signal.aborted) return Promise.resolve(null);
    const request = {
      type: 'page:detect',
      // A slice, not `joined.text`, which the joined text would keep for as long as it lives.
      text: joined.slice(0, joined.length),
      blockStarts: joined.blockStarts(),
      groupStarts: joined.groupStartOffsets(),
      programmePolicy: options.programmePolicy ?? DEFAULT_PROGRAMME_POLICY,
      kinds: [...(options.kinds ?? ENTITY_KINDS)],
    } satisfies BackgroundRequest;
    return new Promise<DetectReply | null>((resolve) => {
      const timer = setTimeout(() => finish(null), BACKGROUND_DETECT_TIMEOUT_MS);
      const finish = (reply: DetectReply | null): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', abort);
        resolve(reply);
      };
      const abort = (): void => finish(null);
      signal.addEventListener('abort', abort);
      browser.runtime.sendMessage(request).then(
        (reply: unknown) => {
          if (reply !== null && typeof reply === 'object' && 'error' in reply) finish(null);
          else finish(readWith(DetectReplySchema, reply, 'page pipeline') ?? null);
        },
        () => finish(null),
      );
    });
  };
}
