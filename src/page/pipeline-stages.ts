/**
 * The steps a build can stop after (stage-stop.ts), in the order a page's text goes
 * through them, each with what it adds over the one before; read by wxt.config.ts and
 * bench/stage-costs.ts. Pure: no DOM.
 */
export const PIPELINE_STAGE_STEPS = {
  gate: 'content script: settings, `body.textContent`, the prefilter up to the first candidate (nothing is loaded)',
  pipeline: 'page-pipeline.js injected (background round trip, compile, evaluation), the controller built, not started',
  candidates: "the gate's all-forms pass: every form's anchor in the page's text (stage 1 alone; pipeline-handoff.ts)",
  blocks: "routing the offsets to their blocks, and the blocks' context (candidate-blocks.ts)",
  text: "reading those blocks' visible text (block-text.ts); nothing detected",
} as const;

export type PipelineStage = keyof typeof PIPELINE_STAGE_STEPS;

export const PIPELINE_STAGES = Object.keys(PIPELINE_STAGE_STEPS) as PipelineStage[];
