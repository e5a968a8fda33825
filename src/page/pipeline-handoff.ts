import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentRequest } from '../messaging/protocol';
import type { EffectiveSettings } from '../settings/types';
import type { Prefilter } from './prefilter';

/**
 * How the content script (entrypoints/content, on every page) and the page pipeline
 * (entrypoints/page-pipeline, injected by the background only into frames with
 * candidates) meet: both run in the extension's isolated world of the same frame, which
 * shares one global object that the page's own scripts cannot reach. The pipeline offers
 * itself there when injected; the content script takes it once the background says the
 * injection is done, and starts it with what the gate already has (GateHandoff).
 */
export interface PagePipeline {
  /** Scans, highlights, follows changes and opens cards in this frame. */
  start(ctx: ContentScriptContext, handoff: GateHandoff): PageSession;
}

export interface PageSession {
  /** Answers the popup and the background (see PageController.handleMessage). */
  handleMessage(request: ContentRequest): Promise<unknown> | undefined;
}

/** What the gate (gate.ts) hands the pipeline, so nothing it did is done again. */
interface GateHandoff {
  /** The prefilter for text read in parts of a page (every form a candidate), from the gate's compiled spec. */
  prefilter: Prefilter;
  /** The candidates in the page's text as the gate read it; null when the gate read none whole or the page changed since. */
  pageText: PageTextHandoff | null;
  /**
   * The site's settings as the gate has them now (its watcher keeps them current): the
   * pipeline starts from these and watches from them, instead of reading and validating the
   * stored settings twice more.
   */
  settings: EffectiveSettings;
}

/**
 * The gate's read of `document.body.textContent` and the anchor of every form in it (stage 1
 * of the prefilter alone, anchorsOnly): candidate-blocks.ts routes these offsets down the tree instead of
 * reading and prefiltering the page again. The offsets hold only while the document is as
 * the gate read it: the gate watches it until release().
 */
export interface PageTextHandoff {
  /** Length of the text the gate read. */
  length: number;
  /** Offsets of the anchors in that text, in order. */
  candidates: readonly number[];
  /** False once anything in the document changed after the gate's read. */
  unchanged(): boolean;
  /** The pipeline is done with the offsets: the gate stops watching. */
  release(): void;
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
