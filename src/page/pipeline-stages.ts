/**
 * The steps a build can stop after (stage-stop.ts), in the order a page's text goes
 * through them; read by wxt.config.ts and bench/stage-costs.ts. Pure: no DOM.
 */
export const PIPELINE_STAGES = [
  /** The gate read the page's text and found a candidate: nothing is loaded. */
  'gate',
  /** The pipeline is injected and evaluated, not started; the gate's all-forms pass is skipped. */
  'pipeline',
  /** The gate's all-forms pass found every candidate offset too (pipeline-handoff.ts). */
  'candidates',
  /** The scan routed those offsets to their blocks and added the blocks' context (candidate-blocks.ts). */
  'blocks',
  /** The scan read those blocks' visible text (block-text.ts), and detected nothing. */
  'text',
] as const;

export type PipelineStage = (typeof PIPELINE_STAGES)[number];
