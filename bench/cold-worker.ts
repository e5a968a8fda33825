/**
 * What detecting in the background costs the extension's worker (README "How it works", step
 * 5), which no page figure counts: per fresh browser (the worker starts with it, its detector
 * cold), the 5.8 MB page with mentions in TABS_PER_BROWSER tabs one after the other, each read
 * until its first scan is done, then the pipeline's counters (`page:stats`): the worker's own
 * detection time, the page's scan time and whether the page created a detector of its own.
 * Diagnostics, not a benchmark figure.
 *
 *   npx tsx bench/cold-worker.ts --extension DIR [--browsers N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from '@playwright/test';
import { findChromium, MISSING_CHROMIUM_MESSAGE } from '../e2e/paths';
import { serveFolder } from '../scripts/static-server';
import { launchChromium } from './lib/browser';
import { DOC_ROOT, ensureDebianDocs } from './lib/debian-docs';
import { buildPages } from './lib/pages';

/** The first tab meets a cold worker, the next ones a warm one. */
const TABS_PER_BROWSER = 2;
/** The counters are asked for this often until the first scan is done… */
const POLL_MS = 100;
/** …for at most this long (the page loads in about a second here). */
const FIRST_SCAN_TIMEOUT_MS = 20_000;

interface ScanCounters {
  scanMs: number;
  wallMs: number;
  backgroundDetectMs: number;
  createMs: number;
}

function parseOptions(argv: string[]): { extensionDir: string; browsers: number } {
  const options = { extensionDir: '', browsers: 3 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--extension') options.extensionDir = path.resolve(argv[++i] ?? '');
    else if (argv[i] === '--browsers') options.browsers = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}: --extension DIR, --browsers N`);
  }
  if (!options.extensionDir) throw new Error('--extension DIR is needed (a build: a folder with manifest.json)');
  return options;
}

/** The active tab's pipeline counters once its first scan is done. */
async function firstScanCounters(worker: Worker): Promise<ScanCounters> {
  const deadline = Date.now() + FIRST_SCAN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const reply = (await worker.evaluate(async () => {
      const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return chrome.tabs.sendMessage(active!.id!, { type: 'page:stats' }, { frameId: 0 }).catch(() => null);
    })) as { pipeline: { timing: ScanCounters; events: { firstScan: unknown } } | null } | null;
    if (reply?.pipeline?.events.firstScan) return reply.pipeline.timing;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`no first scan within ${FIRST_SCAN_TIMEOUT_MS} ms`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const executablePath = findChromium();
  if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);
  ensureDebianDocs(['nodejs-doc', 'python3.11-doc']);
  const pages = buildPages();
  const server = await serveFolder(DOC_ROOT);
  try {
    for (let browser = 1; browser <= options.browsers; browser++) {
      const profile = mkdtempSync(path.join(tmpdir(), 'iom-lens-cold-worker-'));
      const context = await launchChromium(executablePath, profile, options.extensionDir);
      try {
        const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
        const rows: string[] = [];
        for (let tab = 1; tab <= TABS_PER_BROWSER; tab++) {
          const page = await context.newPage();
          await page.goto(`${server.origin}/${pages.bigWithMentions}`);
          const counters = await firstScanCounters(worker);
          rows.push(
            `tab ${tab}: worker's detection ${counters.backgroundDetectMs.toFixed(1)} ms; the page's scan ${counters.scanMs.toFixed(1)} ms ` +
              `(wall ${counters.wallMs.toFixed(0)} ms), its own detector created in ${counters.createMs.toFixed(1)} ms`,
          );
          await page.close();
        }
        console.log(`browser ${browser}: ${rows.join(' | ')}`);
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await server.close();
  }
}

await main();
