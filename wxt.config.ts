import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { buildSerializedIndex } from './src/search/build-index';
import { isolatedContentScriptContext } from './src/content-context/vite-plugin';
import { regExpLiteralsPlugin } from './src/build/regexp-literals-plugin';
import { entities } from './src/entities/registry';
import { prefilterSpec, type PrefilterSpec } from './src/page/prefilter-source';
import { serializeMatchers, type SerializedMatchers } from './src/detect/precompile';
import { PIPELINE_STAGES, type PipelineStage } from './src/page/pipeline-stages';

// E2E runs and parallel local builds can point WXT at their own output folder
// so two builds never overwrite each other's files.
const outDir = process.env.IOM_LENS_OUT_DIR ?? '.output';

// The content script's prefilter is built from the registry once per build (a few seconds)
// and inlined as a constant (src/page/prefilter-spec.ts), so every page gets it compiled.
let prefilter: PrefilterSpec | null = null;
// Likewise the detector's matchers for the page pipeline (src/detect/precompiled.ts): a page only creates the regexes.
let detector: SerializedMatchers | null = null;

/** IOM_LENS_STOP_AFTER=<stage>: a build whose page pipeline stops after that step (bench/stage-costs.ts; src/page/stage-stop.ts). */
function stopAfter(): PipelineStage | '' {
  const stage = process.env.IOM_LENS_STOP_AFTER ?? '';
  if (stage !== '' && !(PIPELINE_STAGES as readonly string[]).includes(stage)) throw new Error(`IOM_LENS_STOP_AFTER=${stage}: not one of ${PIPELINE_STAGES.join(', ')}`);
  return stage as PipelineStage | '';
}

function browserApiWithoutPolyfill(): Plugin {
  return {
    name: 'iom-lens:content-script-browser-api',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== 'wxt/browser' && source !== '@wxt-dev/webextension-polyfill/browser') return null;
      return this.resolve('@wxt-dev/browser', importer, { skipSelf: true });
    },
  };
}

export default defineConfig({
  outDir,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    // WXT's content-script context talks to the page; see src/content-context/isolated-context.ts.
    // Unicode regex literals are costly for V8 to parse: see src/build/regexp-literals-plugin.ts.
    plugins: [preact(), isolatedContentScriptContext(), regExpLiteralsPlugin()],
    // IOM_LENS_PROFILE_BUILD=1 npx wxt build (bench/profile-pipeline.ts sets it): readable function names and source maps for CPU profiles.
    ...(process.env.IOM_LENS_PROFILE_BUILD ? { build: { minify: false, sourcemap: true } } : {}),
    define: {
      // As a JSON string parsed at run time: V8 reads a 15 kB JSON text faster than the same object literal, which every page would compile.
      __IOM_LENS_PREFILTER__: `JSON.parse(${JSON.stringify(JSON.stringify((prefilter ??= prefilterSpec(entities))))})`,
      __IOM_LENS_DETECTOR__: JSON.stringify((detector ??= serializeMatchers(entities))),
      __IOM_LENS_STOP_AFTER__: JSON.stringify(stopAfter()),
    },
  }),
  zip: {
    // The sources zip is what AMO reviewers rebuild the Firefox package from (docs/amo-review-notes.md).
    // WXT already leaves out dot-folders, node_modules, the output folder and *.test/*.spec files;
    // these are generated outputs or listing images that the build does not read.
    excludeSources: [
      'test-results/**',
      'playwright-report/**',
      'demo-screenshots/**',
      'bench/results/**',
      'docs/store-assets/**',
      'scripts/demo/screenshots/**',
    ],
  },
  manifest: ({ browser, manifestVersion }) => ({
    // Store limits and the disclaimers these strings must carry: scripts/release/store-rules.ts.
    name: '__MSG_extName__',
    short_name: '__MSG_extShortName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings; contextMenus: "Look up … in IOM Lens"; activeTab lets the
    // popup talk to the tab it was opened on. The content script runs on every page;
    // the page pipeline is injected by the background (scripting / tabs.executeScript)
    // only into frames whose text holds a candidate, which needs host access to every
    // page: the same reach, and the same install warning, as the content script's own
    // <all_urls> match (README, "Lazy loading").
    permissions: ['storage', 'contextMenus', 'activeTab', ...(manifestVersion === 2 ? ['<all_urls>'] : ['scripting'])],
    ...(manifestVersion === 2 ? {} : { host_permissions: ['<all_urls>'] }),
    commands: {
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandToggleSite__',
      },
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_commandNextMention__',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: '__MSG_commandPreviousMention__',
      },
    },
    ...(browser === 'firefox'
      ? {
          // Firefox 142 is the first (desktop and Android) that reads data_collection_permissions.
          browser_specific_settings: {
            gecko: {
              id: 'iom-lens@iom-lens.invalid',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          // light-dark() in the extension pages' CSS needs 123; the Popover API (114) and
          // the CSS Custom Highlight API (105) come earlier.
          minimum_chrome_version: '123',
          // Chrome 151+ opens PDFs in the reader page (entrypoints/pdf-reader/) when this is set;
          // older versions ignore the key. Firefox has no such API (the popup offers the reader).
          mime_types_handler: { 'application/pdf': { handler_url: 'pdf-reader.html' } },
        }),
  }),
  hooks: {
    // The content script (every page loads it) uses the browsers' own promise-based API, not
    // webextension-polyfill (about a fifth of the script): WXT's ContentScriptContext imports
    // `wxt/browser`, which the polyfill module aliases for every entrypoint, so the content
    // script's build alone resolves it to @wxt-dev/browser (Chrome's `chrome`, Firefox's `browser`).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entrypoint) => entrypoint.type === 'content-script')) return;
      config.plugins = [...(config.plugins ?? []), browserApiWithoutPolyfill()];
    },
    // The search index is generated from data/ on every build, so it can never be
    // stale; the runtime loads it with the same options module (src/search/options.ts).
    'build:publicAssets': (_wxt, assets) => {
      assets.push({ relativeDest: 'search-index.json', contents: buildSerializedIndex() });
    },
  },
});
