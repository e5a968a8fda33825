import type { PrefilterSpec } from './prefilter-source';

/** Inlined by the build (wxt.config.ts `define`): prefilterSpec(entities), computed once per build. */
declare const __IOM_LENS_PREFILTER__: PrefilterSpec;

export const PREFILTER_SPEC: PrefilterSpec = __IOM_LENS_PREFILTER__;
