/**
 * Build-time half of the workaround in ./isolated-context.ts: WXT's generated content-script
 * wrapper (wxt/dist/virtual/content-script-isolated-world-entrypoint.mjs) does
 * `new ContentScriptContext(...)` imported from `wxt/utils/content-script-context`; this
 * plugin resolves that import, everywhere, to our own class, so WXT's module is never bundled.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const WXT_CONTEXT_MODULE = 'wxt/utils/content-script-context';
const ISOLATED_CONTEXT_FILE = fileURLToPath(new URL('./isolated-context.ts', import.meta.url));

export function isolatedContentScriptContext(): Plugin {
  return {
    name: 'iom-lens:isolated-content-script-context',
    enforce: 'pre',
    resolveId(source) {
      return source === WXT_CONTEXT_MODULE ? ISOLATED_CONTEXT_FILE : null;
    },
  };
}
