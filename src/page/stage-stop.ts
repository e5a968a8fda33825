/**
 * For bench/stage-costs.ts only: a build made with IOM_LENS_STOP_AFTER=<stage> (wxt.config.ts)
 * stops the page pipeline right after that step, so the bench can weigh each step in what a
 * reader feels (main-thread time added, TaskDuration) rather than in CPU profiles, which
 * inflate JS and leave out GC and style. Every other build has no stage: the minifier drops
 * the checks (`STOP_AFTER === …` with a constant on both sides).
 */
import type { PipelineStage } from './pipeline-stages';

declare const __IOM_LENS_STOP_AFTER__: PipelineStage | '';

/** The step this build stops the pipeline after; '' in every build but the bench's. */
export const STOP_AFTER: PipelineStage | '' = __IOM_LENS_STOP_AFTER__;
