/**
 * Where the gate's time goes on the bench's real pages, none of which has a candidate (issue 8's
 * floor: what every page pays). Per page, fresh tabs with IOM Lens, each with a Chrome trace
 * (the content script's compile and evaluation, in thread time) and a CPU profile (50 µs
 * samples) from navigation to settled; each sample goes to the innermost `content.js` function
 * on its stack (named by its source file through the unminified build's source maps), with the
 * native function it was in, if any. Diagnostics, not a benchmark figure: medians over the tabs.
 *
 *   npx tsx bench/profile-gate.ts [--extension DIR] [--runs N]
 *
 * Without --extension it builds an unminified build with source maps into .output-profile/
 * (IOM_LENS_PROFILE_BUILD=1, see wxt.config.ts), as profile-pipeline.ts does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { findChromium, MISSING_CHROMIUM_MESSAGE } from '../e2e/paths';
import { serveFolder } from '../scripts/static-server';
import { closeTab, launchChromium, measureSettledTab, openTab } from './lib/browser';
import { DOC_ROOT, ensureDebianDocs, REAL_PAGES } from './lib/debian-docs';
import { buildProfileExtension, SourceMaps, type CpuProfile } from './lib/profile-build';
import { median } from './lib/stats';
import { startTracing, stopTracing } from './lib/tracing';
import type { TraceEvent } from './lib/trace-event';

/** CPU profile sampling interval, µs: the gate's steps are tenths of a millisecond. */
const SAMPLING_INTERVAL_US = 50;
const TRACE_CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute'];
const CONTENT_SCRIPT = '/content-scripts/content.js';
/** Rows printed per page; the sums show every row. */
const ROWS_PER_PAGE = 12;

function parseOptions(argv: string[]): { extensionDir: string | null; runs: number } {
  const options = { extensionDir: null as string | null, runs: 5 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--extension') options.extensionDir = path.resolve(argv[++i] ?? '');
    else if (argv[i] === '--runs') options.runs = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}: --extension DIR, --runs N`);
  }
  if (!(options.runs >= 1)) throw new Error('--runs must be at least 1');
  return options;
}

/** Thread time (ms) of the content script's compile and evaluation, from the trace. */
function scriptFigures(events: TraceEvent[]): Map<string, number> {
  const figures = new Map<string, number>();
  for (const event of events) {
    if (event.ph !== 'X') continue;
    const data = event.args?.data as { url?: string } | undefined;
    if (!(data?.url ?? '').endsWith(CONTENT_SCRIPT)) continue;
    const label = event.name === 'EvaluateScript' ? 'trace: evaluation, compile included (EvaluateScript)' : event.name === 'v8.compile' ? 'trace: compile (v8.compile)' : null;
    if (label) figures.set(label, (figures.get(label) ?? 0) + (event.tdur ?? event.dur ?? 0) / 1000);
  }
  return figures;
}

/** ms per content.js function (the innermost on each sample's stack, with the native it was in). */
function profileFigures(profile: CpuProfile, maps: SourceMaps): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const labelOf = new Map<number, string | null>();
  const label = (id: number): string | null => {
    if (labelOf.has(id)) return labelOf.get(id)!;
    const leaf = byId.get(id)!.callFrame;
    let result: string | null = null;
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const frame = byId.get(node)!.callFrame;
      if (!frame.url.endsWith(CONTENT_SCRIPT)) continue;
      const file = maps.source(frame.url, frame.lineNumber, frame.columnNumber).replace(/^.*?\/(src|entrypoints|node_modules)\//, '$1/');
      result = `${file} ${frame.functionName || '(top level)'}${node === id ? '' : ` → ${leaf.functionName || '(native)'}`}`;
      break;
    }
    labelOf.set(id, result);
    return result;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const key = label(id);
    if (key === null) return;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    totals.set(key, (totals.get(key) ?? 0) + ms);
    totals.set('profile: all of content.js', (totals.get('profile: all of content.js') ?? 0) + ms);
  });
  return totals;
}

async function profileTab(context: BrowserContext, url: string, maps: SourceMaps): Promise<Map<string, number>> {
  let events: TraceEvent[] = [];
  let profile: CpuProfile | null = null;
  const tab = await openTab(context, url, async (cdp) => {
    await startTracing(cdp, TRACE_CATEGORIES);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await cdp.send('Profiler.start');
  });
  try {
    await measureSettledTab(tab, async () => {
      profile = ((await tab.cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile;
      events = await stopTracing(tab.cdp);
    });
  } finally {
    await closeTab(tab);
  }
  if (!profile) throw new Error(`no CPU profile for ${url}`);
  return new Map([...scriptFigures(events), ...profileFigures(profile, maps)]);
}

const byValue = (figures: Map<string, number>): [string, number][] => [...figures].sort((a, b) => b[1] - a[1]);
const row = (ms: number, what: string): string => `${ms.toFixed(2).padStart(7)} ms  ${what}`;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  ensureDebianDocs([...new Set(REAL_PAGES.map((page) => page.pkg))]);
  const extensionDir = options.extensionDir ?? buildProfileExtension();
  const executablePath = findChromium();
  if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);
  const server = await serveFolder(DOC_ROOT);
  const profileDir = mkdtempSync(path.join(tmpdir(), 'iom-lens-profile-gate-'));
  const context = await launchChromium(executablePath, profileDir, extensionDir);
  const maps = new SourceMaps(extensionDir);
  const sums = new Map<string, number>();
  try {
    if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 30_000 });
    for (const page of REAL_PAGES) {
      const runs: Map<string, number>[] = [];
      for (let run = 0; run < options.runs; run++) runs.push(await profileTab(context, `${server.origin}/${page.file}`, maps));
      // A function no sample fell in during a run counts 0 in that run's median.
      const medians = new Map([...new Set(runs.flatMap((figures) => [...figures.keys()]))].map((key) => [key, median(runs.map((figures) => figures.get(key) ?? 0))]));
      console.log(`\n${page.file} (${page.generator}), median of ${options.runs} tabs:`);
      for (const [key, ms] of byValue(medians).slice(0, ROWS_PER_PAGE)) console.log(row(ms, key));
      for (const [key, ms] of medians) sums.set(key, (sums.get(key) ?? 0) + ms);
    }
    console.log(`\nSums of the ${REAL_PAGES.length} pages' medians:`);
    for (const [key, ms] of byValue(sums)) if (ms >= 0.05) console.log(row(ms, key));
  } finally {
    await context.close();
    await server.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

await main();
