/**
 * The detector as the page pipeline creates it: matchers compiled at build time
 * (precompile.ts; wxt.config.ts inlines them with the `define` below), so a page only
 * creates the regexes. Only bundles built by wxt.config.ts may import this module.
 */
import { entities } from '../entities/registry';
import { createDetector, type Detector } from './index';
import { reviveMatchers, type SerializedMatchers } from './precompile';

/** Inlined by the build (wxt.config.ts `define`): serializeMatchers(entities), computed once per build. */
declare const __IOM_LENS_DETECTOR__: SerializedMatchers;

export function createPrecompiledDetector(): Detector {
  return createDetector(entities, reviveMatchers(__IOM_LENS_DETECTOR__, entities));
}
