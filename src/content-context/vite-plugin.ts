/**
 * Build-time half of the workaround in ./isolated-context.ts: WXT's generated content-script
 * wrapper (wxt/dist/virtual/content-script-isolated-world-entrypoint.mjs) does
 * `new ContentScriptContext(...)` imported from `wxt/utils/content-script-context`; this
 * plugin resolves that import to our subclass everywhere except inside the subclass itself,
 * which extends the original.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const WXT_CONTEXT_MODULE = 'wxt/utils/content-script-context';
const ISOLATED_CONTEXT_FILE = fileURLToPath(new URL('./isolated-context.ts', import.meta.url));

export function isolatedContentScriptContext(): Plugin {
  return {
    name: 'iom-lens:isolated-content-script-context',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== WXT_CONTEXT_MODULE) return null;
      if (importer && importer.split('?')[0] === ISOLATED_CONTEXT_FILE) return null;
      return ISOLATED_CONTEXT_FILE;
    },
  };
}
