import { execFileSync } from 'node:child_process';
import { EXTENSION_OUT_DIR, PROJECT_ROOT, findChromium, MISSING_CHROMIUM_MESSAGE } from './paths';

/** Fails fast with a readable message when there is no Chromium, then builds the extension once for all specs. */
export default function globalSetup(): void {
  if (!findChromium()) {
    console.error(`\n${MISSING_CHROMIUM_MESSAGE}\n`);
    process.exit(1);
  }
  if (process.env.E2E_SKIP_BUILD === '1') return;
  execFileSync('npx', ['wxt', 'build'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, IOM_LENS_OUT_DIR: EXTENSION_OUT_DIR },
  });
}
