import type { PrefilterSpec } from './prefilter-source';

/** Inlined by the build (wxt.config.ts `define`): prefilterSpec(entities), computed once per build. */
declare const __IOM_LENS_PREFILTER__: PrefilterSpec;
/** Inlined by the build likewise: wholePageSpec of it, all the gate (the content script on every page) reads. */
declare const __IOM_LENS_GATE_PREFILTER__: PrefilterSpec;

export const PREFILTER_SPEC: PrefilterSpec = __IOM_LENS_PREFILTER__;
export const GATE_PREFILTER_SPEC: PrefilterSpec = __IOM_LENS_GATE_PREFILTER__;
