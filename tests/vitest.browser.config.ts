import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_FLAGS, findChromium, MISSING_CHROMIUM_MESSAGE } from '../e2e/paths.ts';

// The DOM modules' unit tests (tests/browser/), in Debian's Chromium through Playwright
// (the same browser the e2e suite finds: CHROMIUM_PATH or /usr/bin/chromium): real DOM,
// real layout, real CSS.highlights. `npm run test:browser`.
const executablePath = findChromium();
if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  // The full pipeline: no stage to stop after (src/page/stage-stop.ts; wxt.config.ts defines it for builds).
  define: { __IOM_LENS_STOP_AFTER__: JSON.stringify('') },
  test: {
    include: ['tests/browser/**/*.test.ts'],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath, args: CHROMIUM_FLAGS } }),
      instances: [{ browser: 'chromium', viewport: { width: 800, height: 600 } }],
    },
  },
});
