import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { buildSerializedIndex } from './src/search/build-index';

// E2E runs and parallel local builds can point WXT at their own output folder
// so two builds never overwrite each other's files.
const outDir = process.env.IOM_LENS_OUT_DIR ?? '.output';

export default defineConfig({
  outDir,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings; contextMenus: "Look up … in IOM Lens"; activeTab lets the
    // popup talk to the tab it was opened on. Host access comes from the content
    // script's own matches; no other host permission is requested.
    permissions: ['storage', 'contextMenus', 'activeTab'],
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
    // The search index is generated from data/ on every build, so it can never be
    // stale; the runtime loads it with the same options module (src/search/options.ts).
    'build:publicAssets': (_wxt, assets) => {
      assets.push({ relativeDest: 'search-index.json', contents: buildSerializedIndex() });
    },
  },
});
