/**
 * Where the page pipeline's time goes on the 5.8 MB page with 552 mentions (issue 8's
 * "profile breakdown"): one fresh tab with IOM Lens, a CDP CPU profile (Profiler) and a
 * Chrome trace (devtools.timeline, v8) from navigation to settled, attributed to the
 * pipeline's steps by the source file of the innermost extension frame (source maps of an
 * unminified build). Diagnostics, not a benchmark figure: one tab per run, medians over runs.
 *
 *   npx tsx bench/profile-pipeline.ts [--extension DIR] [--runs N] [--json FILE] [--raw DIR] [--check]
 *
 * --check also loads the page once more and asks the pipeline (`page:stats` with
 * `fullPageCheck`) whether the candidate-block scan placed exactly the mentions the detector
 * finds in the whole page's text, and prints the scan's own counters.
 * --raw writes each run's trace (open it in DevTools' Performance panel) and CPU profile.
 *
 * Without --extension it builds an unminified build with source maps into .output-profile/
 * (IOM_LENS_PROFILE_BUILD=1, see wxt.config.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession } from '@playwright/test';
import { CHROMIUM_FLAGS, extensionFlags, findChromium, MISSING_CHROMIUM_MESSAGE } from '../e2e/paths';
import { serveFolder } from '../scripts/static-server';
import { closeTab, HOST_RESOLVER_RULES, measureSettledTab, openTab } from './lib/browser';
import { DOC_ROOT, ensureDebianDocs } from './lib/debian-docs';
import { buildPages } from './lib/pages';
import { buildProfileExtension, SourceMaps, type CpuProfile, type ProfileNode } from './lib/profile-build';
import { median } from './lib/stats';
import type { TraceEvent } from './lib/trace-event';

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute'];
/** CPU profile sampling interval, µs. */
const SAMPLING_INTERVAL_US = 100;
const LONG_TASK_MS = 50;
/** Heap sampling interval for --check, bytes. */
const HEAP_SAMPLING_BYTES = 16 * 1024;
/** Tasks up to this long after the pipeline's last one are the bench's settle probes. */
const PROBE_MAX_MS = 3;

interface Options {
  extensionDir: string | null;
  runs: number;
  json: string | null;
  raw: string | null;
  check: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { extensionDir: null, runs: 3, json: null, raw: null, check: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--extension') options.extensionDir = path.resolve(argv[++i] ?? '');
    else if (argv[i] === '--runs') options.runs = Number(argv[++i]);
    else if (argv[i] === '--json') options.json = path.resolve(argv[++i] ?? '');
    else if (argv[i] === '--check') options.check = true;
    else if (argv[i] === '--raw') options.raw = path.resolve(argv[++i] ?? '');
    else throw new Error(`unknown option ${argv[i]}: --extension DIR, --runs N, --json FILE, --raw DIR, --check`);
  }
  return options;
}

// ---------- CPU profile ----------

/** The step a pipeline source file belongs to (issue 8's list); unlisted files are named by their path. */
function stepOf(source: string): string {
  const file = source.replace(/^.*?\/(src|entrypoints|node_modules)\//, '$1/');
  const rules: [RegExp, string][] = [
    [/src\/detect\/(precompile|precompiled|trie-regex)\.ts$/, 'detector revival (precompiled matchers)'],
    [/src\/detect\/normalize\.ts$/, 'folding (detect/normalize.ts)'],
    [/src\/detect\/(evidence|definitions|cues|reasons)\.ts$/, 'detection: evidence'],
    [/src\/detect\//, 'detection: matching and rules'],
    [/src\/page\/candidate-blocks\.ts$/, 'candidate blocks'],
    [/src\/page\/(block-text|text-model|elements)\.ts$/, 'block text (walk, join)'],
    [/src\/page\/detect-step\.ts$/, 'detect step (chunking)'],
    [/src\/page\/(place|mention-index)\.ts$/, 'place + mention index'],
    [/src\/page\/highlighter\.ts$/, 'highlighter'],
    [/src\/page\/(gate|prefilter|prefilter-spec|pipeline-handoff)\.ts$|entrypoints\/content\//, 'gate + prefilter (content.js)'],
    [/src\/page\/(page-scanner|observer|task-scheduler|scan-stats|dom-watcher)\.ts$/, 'scanner + scheduler'],
    [/src\/(card|hover)\/|preact|floating-ui|src\/page\/(hover|hit-test|page-controller)/, 'controller, hover, card'],
    [/src\/(settings|messaging|entities)\/|valibot|webextension-polyfill|wxt/, 'settings, messaging, registry'],
  ];
  for (const [pattern, step] of rules) if (pattern.test(file)) return step;
  return file;
}

/** ms per step over the whole tab (navigation to settled), from the samples' innermost extension frame. */
function attributeProfile(profile: CpuProfile, maps: SourceMaps, ownsPrefilter: (stack: string[]) => string | null): Map<string, number> {
  const parent = new Map<number, ProfileNode>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node);
  }
  const labelOf = new Map<number, string>();
  const label = (id: number): string => {
    const cached = labelOf.get(id);
    if (cached) return cached;
    const leaf = byId.get(id)!;
    let result: string;
    const name = leaf.callFrame.functionName;
    if (name === '(garbage collector)') result = 'GC (in JS samples)';
    else if (name === '(idle)') result = '(idle)';
    else if (name === '(program)') result = '(program: native, style, layout…)';
    else {
      const stack: string[] = [];
      for (let node: ProfileNode | undefined = leaf; node; node = parent.get(node.id)) {
        if (node.callFrame.url.startsWith('chrome-extension://')) stack.push(stepOf(maps.source(node.callFrame.url, node.callFrame.lineNumber, node.callFrame.columnNumber)));
      }
      result = stack.length ? (ownsPrefilter(stack) ?? stack[0]) : 'page (its own scripts)';
    }
    labelOf.set(id, result);
    return result;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const key = label(id);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

/** The gate's prefilter called from candidate blocks is the candidate-block step's. */
const prefilterOwner = (stack: string[]): string | null => {
  if (stack[0] !== 'gate + prefilter (content.js)') return null;
  return stack.find((step) => step !== stack[0]) ?? null;
};

interface HeapNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}

/** Live bytes (after the forced GC) by the step of the innermost extension frame that allocated them. */
function liveBytesBySteps(head: HeapNode, maps: SourceMaps): Map<string, number> {
  const totals = new Map<string, number>();
  const visit = (node: HeapNode, step: string): void => {
    const here = node.callFrame.url.startsWith('chrome-extension://')
      ? stepOf(maps.source(node.callFrame.url, node.callFrame.lineNumber, node.callFrame.columnNumber))
      : step;
    if (node.selfSize) totals.set(here, (totals.get(here) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child, here);
  };
  visit(head, 'page (its own scripts) or no JS frame');
  return totals;
}

// ---------- trace ----------


interface TraceFigures {
  injectionAt: number;
  compileMs: number;
  evalMs: number;
  styleMs: number;
  layoutMs: number;
  paintMs: number;
  gcMs: number;
  busyMs: number;
  /** The scan's own tasks (scheduler.postTask callbacks): how many, and their thread time. */
  slices: number;
  sliceMs: number;
  wallMs: number;
  longTasks: number[];
}

/** From the pipeline's script evaluation to the last task of the run: compile, style recalc, GC, busy and wall time on the main thread. */
function traceFigures(events: TraceEvent[], loadEnd: number): TraceFigures {
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const all = events.filter((e) => mainThreads.has(`${e.pid}:${e.tid}`) && e.ph === 'X');
  // measureSettledTab forces a GC (HeapProfiler.collectGarbage) once settled: the run ends there.
  const forcedGc = Math.min(Infinity, ...all.filter((e) => e.name === 'V8.GCLowMemoryNotification').map((e) => e.ts));
  const main = all.filter((e) => e.ts < forcedGc);
  const isPipeline = (e: TraceEvent) => (e.args?.data?.url ?? '').includes('page-pipeline.js');
  const evaluations = main.filter((e) => e.name === 'EvaluateScript' && isPipeline(e));
  const injectionAt = Math.min(...evaluations.map((e) => e.ts));
  const after = main.filter((e) => e.ts >= injectionAt);
  const sum = (list: TraceEvent[]) => list.reduce((total, e) => total + (e.tdur ?? e.dur ?? 0) / 1000, 0);
  const named = (...names: string[]) => sum(after.filter((e) => names.includes(e.name)));
  const tasks = after.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  // Top-level tasks only (a RunTask may nest in another).
  const topLevel: TraceEvent[] = [];
  for (const task of tasks.sort((a, b) => a.ts - b.ts)) {
    const last = topLevel.at(-1);
    if (!last || task.ts >= last.ts + (last.dur ?? 0)) topLevel.push(task);
  }
  // The bench's probes (one every 100 ms while settling) take 0.5–2 ms: not the pipeline's.
  const busy = topLevel.filter((t) => (t.tdur ?? t.dur ?? 0) / 1000 > PROBE_MAX_MS);
  const end = busy.length ? Math.max(...busy.map((t) => t.ts + (t.dur ?? 0))) : injectionAt;
  return {
    injectionAt,
    compileMs: sum(main.filter((e) => (e.name === 'v8.compile' || e.name === 'V8.CompileCode' || e.name === 'v8.compileModule') && isPipeline(e))),
    evalMs: sum(evaluations),
    styleMs: named('UpdateLayoutTree', 'RecalculateStyles', 'ScheduleStyleRecalculation'),
    layoutMs: named('Layout'),
    paintMs: named('Paint', 'PrePaint', 'PaintImage', 'Layerize', 'UpdateLayer', 'CompositeLayers'),
    gcMs: named('MajorGC', 'MinorGC', 'V8.GCScavenger', 'V8.GCFinalizeMC', 'V8.GCIncrementalMarking', 'BlinkGC.AtomicPhase'),
    busyMs: sum(topLevel),
    slices: after.filter((e) => e.name === 'RunPostTaskCallback').length,
    sliceMs: named('RunPostTaskCallback'),
    wallMs: (end - injectionAt) / 1000,
    longTasks: topLevel.filter((t) => (t.tdur ?? t.dur ?? 0) / 1000 > LONG_TASK_MS && t.ts >= loadEnd).map((t) => (t.tdur ?? t.dur ?? 0) / 1000),
  };
}

async function collectTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  return events;
}

// ---------- main ----------

interface RunResult {
  steps: Record<string, number>;
  trace: TraceFigures;
  taskMs: number;
  highlighted: number;
  settledMs: number | null;
  loadToInjectionMs: number;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // buildPages also writes the Python tutorial's page with mentions.
  ensureDebianDocs(['nodejs-doc', 'python3.11-doc']);
  const pages = buildPages();
  const extensionDir = options.extensionDir ?? buildProfileExtension();
  const executablePath = findChromium();
  if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);
  const server = await serveFolder(DOC_ROOT);
  const profileDir = mkdtempSync(path.join(tmpdir(), 'iom-lens-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [...CHROMIUM_FLAGS, HOST_RESOLVER_RULES, ...extensionFlags(extensionDir)],
  });
  const maps = new SourceMaps(extensionDir);
  const results: RunResult[] = [];
  try {
    if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 30_000 });
    for (let run = 0; run < options.runs; run++) {
      const tab = await openTab(context, `${server.origin}/${pages.bigWithMentions}`, async (cdp) => {
        await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES }, transferMode: 'ReportEvents' });
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
        await cdp.send('Profiler.start');
      });
      try {
        const captured: { profile?: CpuProfile; events: TraceEvent[] } = { events: [] };
        const sample = await measureSettledTab(tab, async () => {
          captured.profile = ((await tab.cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile;
          captured.events = await collectTrace(tab.cdp);
        });
        const { profile, events } = captured;
        if (!profile) throw new Error('no CPU profile');
        if (options.raw) {
          mkdirSync(options.raw, { recursive: true });
          writeFileSync(path.join(options.raw, `trace-${run + 1}.json`), JSON.stringify({ traceEvents: events }));
          writeFileSync(path.join(options.raw, `profile-${run + 1}.cpuprofile`), JSON.stringify(profile));
        }
        // Trace timestamps are µs of the same monotonic clock as the profile; the page's clock starts at navigation.
        const navigationStart = events.find((e) => e.name === 'navigationStart')?.ts ?? profile.startTime;
        const trace = traceFigures(events, navigationStart + tab.loadEnd * 1000);
        const totals = attributeProfile(profile, maps, prefilterOwner);
        results.push({
          steps: Object.fromEntries(totals),
          trace,
          taskMs: sample.taskMs,
          highlighted: sample.highlighted,
          settledMs: sample.highlightSettledMs,
          loadToInjectionMs: (trace.injectionAt - navigationStart) / 1000 - tab.loadEnd,
        });
        console.log(`run ${run + 1}: ${sample.highlighted} highlighted, settled ${sample.highlightSettledMs?.toFixed(0)} ms after load, tab ${sample.taskMs.toFixed(0)} ms`);
      } finally {
        await closeTab(tab);
      }
    }
    if (options.check) {
      const tab = await openTab(context, `${server.origin}/${pages.bigWithMentions}`, async (cdp) => {
        await cdp.send('HeapProfiler.enable');
        await cdp.send('HeapProfiler.startSampling', { samplingInterval: HEAP_SAMPLING_BYTES });
      });
      try {
        const settled = await measureSettledTab(tab);
        const { profile: heap } = (await tab.cdp.send('HeapProfiler.getSamplingProfile')) as unknown as { profile: { head: HeapNode } };
        console.log(`\nJS heap after GC: ${settled.heapMB.toFixed(2)} MB; live objects by the step that allocated them (sampled every ${HEAP_SAMPLING_BYTES / 1024} KiB), KiB:`);
        console.log('| item | KiB |\n| --- | ---: |');
        for (const [step, bytes] of [...liveBytesBySteps(heap.head, maps)].sort((a, b) => b[1] - a[1])) if (bytes >= 8 * 1024) console.log(`| ${step} | ${(bytes / 1024).toFixed(0)} |`);
        await tab.page.bringToFront();
        const worker = context.serviceWorkers()[0];
        const reply = (await worker.evaluate(async () => {
          const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
          return chrome.tabs.sendMessage(active!.id!, { type: 'page:stats', fullPageCheck: true }, { frameId: 0 });
        })) as { pipeline: { fullPage: string[]; scanned: string[]; timing: Record<string, number> } };
        const { fullPage, scanned, timing } = reply.pipeline;
        const same = JSON.stringify(fullPage) === JSON.stringify(scanned);
        console.log(`check: ${scanned.length} mentions placed, ${fullPage.length} by the detector on the whole page: ${same ? 'the same' : 'DIFFERENT'}`);
        console.log(`scan counters: ${JSON.stringify(timing)}`);
      } finally {
        await closeTab(tab);
      }
    }
  } finally {
    await context.close();
    await server.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
  report(results);
  if (options.json) writeFileSync(options.json, JSON.stringify(results, null, 2));
}

function report(results: RunResult[]): void {
  const med = (pick: (r: RunResult) => number) => median(results.map(pick));
  const keys = [...new Set(results.flatMap((r) => Object.keys(r.steps)))];
  const rows = keys.map((key) => [key, med((r) => r.steps[key] ?? 0)] as const).sort((a, b) => b[1] - a[1]);
  console.log('\nCPU profile, whole tab (navigation → settled), ms, median of runs:');
  console.log('| item | ms |\n| --- | ---: |');
  for (const [key, ms] of rows) if (ms >= 0.5 && key !== '(idle)') console.log(`| ${key} | ${ms.toFixed(1)} |`);
  console.log('\nTrace, main thread from the pipeline script\'s evaluation to its last task (thread time), ms, median:');
  const t = (pick: (f: TraceFigures) => number) => med((r) => pick(r.trace)).toFixed(1);
  console.log('| item | ms |\n| --- | ---: |');
  console.log(`| load event → page-pipeline.js evaluated | ${med((r) => r.loadToInjectionMs).toFixed(1)} |`);
  console.log(`| page-pipeline.js compile (v8.compile) | ${t((f) => f.compileMs)} |`);
  console.log(`| page-pipeline.js evaluation (EvaluateScript, compile included) | ${t((f) => f.evalMs)} |`);
  console.log(`| style recalc (UpdateLayoutTree) | ${t((f) => f.styleMs)} |`);
  console.log(`| layout | ${t((f) => f.layoutMs)} |`);
  console.log(`| paint, prepaint, layerize | ${t((f) => f.paintMs)} |`);
  console.log(`| GC (MajorGC, MinorGC) | ${t((f) => f.gcMs)} |`);
  console.log(`| the scan's tasks (scheduler.postTask callbacks): thread time | ${t((f) => f.sliceMs)} (${t((f) => f.slices)} tasks) |`);
  console.log(`| busy: top-level tasks | ${t((f) => f.busyMs)} |`);
  console.log(`| wall: evaluation → last task end | ${t((f) => f.wallMs)} |`);
  console.log(`| wall − busy (idle gaps; on a busy machine also waiting for a CPU) | ${t((f) => f.wallMs - f.busyMs)} |`);
  console.log(`| long tasks after load (> 50 ms), per run | ${results.map((r) => r.trace.longTasks.map((d) => d.toFixed(0)).join('+') || '0').join(' / ')} |`);
  console.log(`\nhighlighted ${results.map((r) => r.highlighted).join(', ')}; settled after load ${results.map((r) => r.settledMs?.toFixed(0)).join(', ')} ms; tab main thread ${results.map((r) => r.taskMs.toFixed(0)).join(', ')} ms`);
}

await main();
