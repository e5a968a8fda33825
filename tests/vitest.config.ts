import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Kept under tests/ so the project's top level stays the fixed layout; `npm run test:unit` passes --config.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [WxtVitest()],
  // The full pipeline: no stage to stop after (src/page/stage-stop.ts; wxt.config.ts defines it for builds).
  define: { __IOM_LENS_STOP_AFTER__: JSON.stringify('') },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // tests/browser/ runs in Chromium: tests/vitest.browser.config.ts
    exclude: ['tests/browser/**', '**/node_modules/**'],
    environment: 'node',
    setupFiles: ['tests/setup/i18n.ts'],
  },
});
