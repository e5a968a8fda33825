import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentRequest } from '../messaging/protocol';

/**
 * How the content script (entrypoints/content, on every page) and the page pipeline
 * (entrypoints/page-pipeline, injected by the background only into frames with
 * candidates) meet: both run in the extension's isolated world of the same frame, which
 * shares one global object that the page's own scripts cannot reach. The pipeline offers
 * itself there when injected; the content script takes it once the background says the
 * injection is done.
 */
export interface PagePipeline {
  /** Scans, highlights, follows changes and opens cards in this frame. */
  start(ctx: ContentScriptContext): PageSession;
}

export interface PageSession {
  /** Answers the popup and the background (see PageController.handleMessage). */
  handleMessage(request: ContentRequest): Promise<unknown> | undefined;
}

const HANDOFF = Symbol.for('iom-lens.page-pipeline');

type HandoffGlobal = typeof globalThis & { [HANDOFF]?: PagePipeline };

export function offerPipeline(pipeline: PagePipeline): void {
  (globalThis as HandoffGlobal)[HANDOFF] = pipeline;
}

export function takePipeline(): PagePipeline | undefined {
  const pipeline = (globalThis as HandoffGlobal)[HANDOFF];
  delete (globalThis as HandoffGlobal)[HANDOFF];
  return pipeline;
}
