/**
 * The measuring instrument: three headless Debian Chromiums side by side — without an
 * extension ("off"), with IOM Lens ("on"), and with an extension whose content script is
 * empty ("floor") — and the per-tab measurements, all read through CDP from outside the page.
 */
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_FLAGS, extensionFlags, findChromium, MISSING_CHROMIUM_MESSAGE } from '../../e2e/paths';

export const CONFIGS = ['off', 'on', 'floor'] as const;
export type Config = (typeof CONFIGS)[number];

/** No internet here: every host but the bench's own server fails at once instead of waiting on DNS. */
export const HOST_RESOLVER_RULES = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
const VIEWPORT = { width: 1280, height: 800 };
/** Generous: a 20 MiB page takes a while to parse on a busy 2-core machine. */
const NAVIGATION_TIMEOUT_MS = 240_000;
/** Settling: poll this often… */
const POLL_MS = 100;
/**
 * …and call a poll quiet when the main thread did less than this much work since the last one: an
 * idle 5.8 MB page costs ~0.4 ms per 100 ms (timers, frames) and each probe another ~0.5 ms.
 */
const QUIET_TASK_MS_PER_POLL = 3;
/** Settled = this many quiet polls in a row with an unchanged highlight count… */
const QUIET_POLLS = 5;
/** …but never before this long after the load event (idle-time work starts late). */
const MIN_AFTER_LOAD_MS = 1000;
/** Give up waiting (the sample is kept and flagged) after this long. */
const SETTLE_TIMEOUT_MS = 20_000;

/**
 * The 5.8 MB page: every configuration is observed this long after its load event at least (IOM Lens
 * settles within ~2 s there), so the page's own work after the load and the bench's polls fall in
 * every configuration's window alike (see SettleOptions).
 */
export const BIG_PAGE_WINDOW_MS = 2500;

/**
 * How long the bench observes a tab after its load event at least (settling may take longer).
 * A section that compares configurations gives them all the same window, so the page's own
 * work after the load (Chrome's page-text capture, idle-time GC, timers) and the bench's polls
 * fall alike in every configuration's figure.
 */
export interface SettleOptions {
  minAfterLoadMs?: number;
}

export interface Browsers {
  contexts: Record<Config, BrowserContext>;
  chromiumVersion: string;
  close(): Promise<void>;
}

/**
 * The floor: an extension with one empty content script declared exactly like IOM Lens's
 * (same matches, all_frames, run_at…), so its cost is what any extension pays for injection.
 */
export function writeFloorExtension(manifest: ExtensionManifest): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'iom-lens-bench-floor-'));
  const scripts = (manifest.content_scripts ?? []).map(({ js: _js, css: _css, ...declaration }) => ({ ...declaration, js: ['empty.js'] }));
  if (scripts.length === 0) throw new Error('the extension under test declares no content script: nothing to compare the floor with');
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'Empty content script (bench floor)', version: '1.0', content_scripts: scripts }, null, 2),
  );
  writeFileSync(path.join(dir, 'empty.js'), '');
  return dir;
}

export interface ExtensionManifest {
  content_scripts?: { matches: string[]; js?: string[]; css?: string[]; all_frames?: boolean; run_at?: string }[];
  web_accessible_resources?: unknown[];
}

export function readManifest(extensionDir: string): ExtensionManifest {
  return JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as ExtensionManifest;
}

/** One headless Chromium as the bench runs it, in `profile`, with `extension` (a build folder) loaded or none. */
export function launchChromium(executablePath: string, profile: string, extension: string | null): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: VIEWPORT,
    args: [...CHROMIUM_FLAGS, HOST_RESOLVER_RULES, ...(extension ? extensionFlags(extension) : [])],
  });
}

export async function launchBrowsers(extensionDir: string, floorDir: string): Promise<Browsers> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);
  const profiles: string[] = [];
  const launch = async (extension: string | null): Promise<BrowserContext> => {
    const profile = mkdtempSync(path.join(tmpdir(), 'iom-lens-bench-profile-'));
    profiles.push(profile);
    return launchChromium(executablePath, profile, extension);
  };
  const contexts = { off: await launch(null), on: await launch(extensionDir), floor: await launch(floorDir) };
  // IOM Lens is ready once its service worker runs; its content script is registered by then.
  if (contexts.on.serviceWorkers().length === 0) await contexts.on.waitForEvent('serviceworker', { timeout: 30_000 });
  const probe = await contexts.off.newPage();
  const chromiumVersion = await probe.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? navigator.userAgent);
  await probe.close();
  return {
    contexts,
    chromiumVersion,
    async close() {
      for (const context of Object.values(contexts)) await context.close().catch(() => undefined);
      for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
    },
  };
}

type Metrics = Record<string, number>;

async function getMetrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Main-thread time of all tasks in the tab's renderer so far, in ms (TaskDuration is in seconds). */
export async function taskMs(cdp: CDPSession): Promise<number> {
  return (await getMetrics(cdp)).TaskDuration * 1000;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs in the page's own world before any of its scripts, in every configuration alike:
 * records long tasks (> 50 ms, the Long Tasks API's own threshold) for "after the load event" figures.
 */
function recordLongTasks(): void {
  const w = window as unknown as { __benchLongTasks: [number, number][] };
  w.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__benchLongTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the figure is reported as missing.
  }
}

/** What the page's own world sees: the clock, and how many ranges are painted in CSS.highlights. */
function probe(): { now: number; highlighted: number } {
  let highlighted = 0;
  CSS.highlights?.forEach((highlight) => (highlighted += highlight.size));
  return { now: performance.now(), highlighted };
}

export interface Tab {
  page: Page;
  cdp: CDPSession;
  /** The load event's end, on the page's clock. */
  loadEnd: number;
  /** Main-thread time when the bench saw the load event, ms. */
  taskMsAtLoad: number;
}

/**
 * A fresh tab, instrumented before navigation (and by `beforeNavigation`: a profiler, a trace), loaded to its load event.
 * `atDomContentLoaded` runs once the document is parsed, before the load event (a trace of a 20 MiB page's whole load outgrows a string).
 */
export async function openTab(
  context: BrowserContext,
  url: string,
  beforeNavigation?: (cdp: CDPSession) => Promise<void>,
  atDomContentLoaded?: (cdp: CDPSession) => Promise<void>,
): Promise<Tab> {
  const page = await context.newPage();
  await page.addInitScript(recordLongTasks);
  const cdp = await context.newCDPSession(page);
  // threadTicks: main-thread CPU time, so other processes on this shared machine do not count as our work.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await beforeNavigation?.(cdp);
  await page.goto(url, { waitUntil: atDomContentLoaded ? 'domcontentloaded' : 'load', timeout: NAVIGATION_TIMEOUT_MS });
  if (atDomContentLoaded) {
    await atDomContentLoaded(cdp);
    await page.waitForLoadState('load', { timeout: NAVIGATION_TIMEOUT_MS });
  }
  const taskMsAtLoad = await taskMs(cdp);
  const loadEnd = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  await renderFrameAfterLoad(page);
  return { page, cdp, loadEnd, taskMsAtLoad };
}

/**
 * Every configuration renders one frame after the load event. Chrome captures the page's text
 * (ChromeRenderFrameObserver::CapturePageText, for translation and phishing checks: 7–9 ms on the
 * 5.8 MB page, 35–38 ms of thread time on the 20 MiB one) in the first lifecycle update after the load finishes;
 * a headless tab whose page changes nothing after its load renders none, so without this the
 * capture would land in IOM Lens's figure (its highlights cause a frame) and not in the page's.
 * A tab a reader looks at renders frames after its load anyway (scrolling, the caret, the page's
 * own timers): the capture is the page's cost, paid in every configuration.
 */
async function renderFrameAfterLoad(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}

export async function closeTab(tab: Tab): Promise<void> {
  await tab.cdp.detach().catch(() => undefined);
  await tab.page.close();
}

interface Settled {
  /** ms after the load event when the highlight count last changed (null: nothing highlighted). */
  highlightSettledMs: number | null;
  /** ms after the load event of the last poll interval with main-thread work above the quiet threshold. */
  lastBusyMs: number;
  highlighted: number;
  timedOut: boolean;
  /** How many times the bench probed the tab while settling (a `Runtime.evaluate` and a `Performance.getMetrics` each). */
  polls: number;
}

/** Waits until the highlight count stopped changing and the main thread went quiet. */
async function waitSettled(tab: Tab, { minAfterLoadMs = MIN_AFTER_LOAD_MS }: SettleOptions = {}): Promise<Settled> {
  const started = Date.now();
  let last = await tab.page.evaluate(probe);
  let countChangedAt = last.now;
  let lastBusyAt = tab.loadEnd;
  let lastTask = await taskMs(tab.cdp);
  let quiet = 0;
  let polls = 0;
  let timedOut = false;
  for (;;) {
    await sleep(POLL_MS);
    const now = await tab.page.evaluate(probe);
    const task = await taskMs(tab.cdp);
    if (now.highlighted !== last.highlighted) {
      countChangedAt = now.now;
      quiet = 0;
    }
    if (task - lastTask > QUIET_TASK_MS_PER_POLL) {
      lastBusyAt = now.now;
      quiet = 0;
    } else quiet++;
    last = now;
    lastTask = task;
    polls++;
    if (quiet >= QUIET_POLLS && now.now - tab.loadEnd >= minAfterLoadMs) break;
    if (Date.now() - started > SETTLE_TIMEOUT_MS) {
      timedOut = true;
      break;
    }
  }
  return {
    highlightSettledMs: last.highlighted > 0 ? Math.max(0, countChangedAt - tab.loadEnd) : null,
    lastBusyMs: Math.max(0, lastBusyAt - tab.loadEnd),
    highlighted: last.highlighted,
    timedOut,
    polls,
  };
}

export interface LoadSample extends Settled {
  /** Main-thread time of the whole tab, navigation to settled, ms. */
  taskMs: number;
  /**
   * The part of `taskMs` that ran the bench's own CDP commands (DevToolsCommandDuration: the
   * settling probes, their `Runtime.evaluate`s, the metric reads), ms: not the page's nor the extension's.
   */
  benchCdpMs: number;
  /** Main-thread time when the bench saw the load event (read just after it), ms. */
  taskMsAtLoad: number;
  /** Layouts and style recalculations from navigation to settled: how many frames the load rendered. */
  layoutCount: number;
  recalcStyleCount: number;
  /** JS heap in use after a forced GC, MB (main and isolated worlds share the tab's V8 heap). */
  heapMB: number;
  /** Long tasks (> 50 ms) that started after the load event, ms each. */
  longTasksAfterLoad: number[];
}

/** `settledHook` runs once settled, before the forced GC of the heap figure (a profiler stops there). */
export async function measureSettledTab(tab: Tab, settledHook?: () => Promise<void>, options?: SettleOptions): Promise<LoadSample> {
  const settled = await waitSettled(tab, options);
  const metrics = await getMetrics(tab.cdp);
  await settledHook?.();
  await tab.cdp.send('HeapProfiler.collectGarbage');
  const heap = (await getMetrics(tab.cdp)).JSHeapUsedSize / (1024 * 1024);
  const long = await tab.page.evaluate(
    (loadEnd) => ((window as unknown as { __benchLongTasks?: [number, number][] }).__benchLongTasks ?? []).filter(([start]) => start >= loadEnd).map(([, d]) => d),
    tab.loadEnd,
  );
  return {
    ...settled,
    taskMs: metrics.TaskDuration * 1000,
    benchCdpMs: (metrics.DevToolsCommandDuration ?? 0) * 1000,
    taskMsAtLoad: tab.taskMsAtLoad,
    layoutCount: metrics.LayoutCount ?? 0,
    recalcStyleCount: metrics.RecalcStyleCount ?? 0,
    heapMB: heap,
    longTasksAfterLoad: long,
  };
}

/** One fresh tab: load, settle, measure, close. */
export async function measureLoad(context: BrowserContext, url: string, options?: SettleOptions): Promise<LoadSample> {
  const tab = await openTab(context, url);
  try {
    return await measureSettledTab(tab, undefined, options);
  } finally {
    await closeTab(tab);
  }
}

/** Main-thread time (ms) the tab spends while `action` runs (typically a page.evaluate in the page's own world). */
export async function mainThreadTimeOf<R>(tab: Tab, action: () => Promise<R>): Promise<{ taskMs: number; result: R }> {
  const before = await taskMs(tab.cdp);
  const result = await action();
  return { taskMs: (await taskMs(tab.cdp)) - before, result };
}

/** The baseline pass: a bare TreeWalker(SHOW_TEXT) over the body, touching every text node's data once. */
export function bareWalk(): { ms: number; nodes: number; chars: number } {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes++;
    chars += (node as Text).data.length;
  }
  return { ms: performance.now() - t0, nodes, chars };
}
