import { existsSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/** The e2e build goes to its own folder so a developer's `npm run dev` output is never touched. */
export const EXTENSION_OUT_DIR = path.resolve(PROJECT_ROOT, process.env.IOM_LENS_OUT_DIR ?? '.output-e2e');
export const EXTENSION_DIR = path.join(EXTENSION_OUT_DIR, 'chrome-mv3');

const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter((p): p is string => Boolean(p));

export function findChromium(): string | undefined {
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

export const MISSING_CHROMIUM_MESSAGE = [
  'IOM Lens e2e tests need a Chromium to load the extension into, and none was found.',
  `Looked at: ${CHROMIUM_CANDIDATES.join(', ')}.`,
  'Install Debian\'s Chromium with:  sudo apt-get update && sudo apt-get install -y chromium',
  'or point CHROMIUM_PATH at a Chromium/Chrome binary. (Playwright\'s own browser download is not used.)',
].join('\n');

/** Flags every launch needs on these machines: no sandbox as root, no background network chatter. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function extensionFlags(extensionDir: string): string[] {
  return [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`];
}
