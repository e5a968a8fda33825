/**
 * Who spends a long task? Records a Chrome trace (CDP Tracing: devtools.timeline, v8.execute,
 * the V8 GC and CPU-profiler categories) of one scenario in a fresh headless Chromium, and
 * prints, for every main-thread task over 50 ms, where its time went: script by file (the
 * page's own, the content script, the page pipeline), GC, style, layout, paint, parsing,
 * and the functions the CPU profiler sampled most. A diagnosis tool beside the bench, not a
 * figure: one run, printed, nothing asserted.
 *
 *   npx tsx bench/trace-long-tasks.ts --scenario text-node|text-node-edit|text-plain|huge-page|own-highlight|card-open
 *                                     [--extension DIR | --off] [--light] [--out trace.json]
 *   npx tsx bench/trace-long-tasks.ts --from trace.json [--over MS]   (analyse a saved trace again; list tasks over MS)
 *
 * `own-highlight` is the control for browser work IOM Lens causes: no extension; the page
 * itself adds one `::highlight()` Range at the end of a 10 MB text node.
 * `card-open`: the 5.8 MB page with mentions, settled, then the pointer rests on a mention
 * until its card is open (the first card of the tab), traced from just before the move.
 * `huge-page` and `card-open` need the bench's pages (run the page bench once, or bench/lib/pages.ts).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium, MISSING_CHROMIUM_MESSAGE, PROJECT_ROOT } from '../e2e/paths';
import { serveFolder } from '../scripts/static-server';
import { launchChromium } from './lib/browser';
import { DOC_ROOT } from './lib/debian-docs';
import { HUGE_FILLER_REPEAT, HUGE_FILLER_SENTENCE, hugeTextPlain } from '../e2e/huge-inputs';
import type { TraceEvent } from './lib/trace-event';
import { startTracing, stopTracing } from './lib/tracing';
import { isScriptEntry, mainRendererThread, scriptOwner, taskBreakdown, threadTasks } from './lib/long-task-owners';
import { CARD_HOST_NAME } from '../src/card/host-name';

const SCENARIOS = ['text-node', 'text-node-edit', 'text-plain', 'huge-page', 'own-highlight', 'card-open'] as const;
type Scenario = (typeof SCENARIOS)[number];
/** Tasks over this are listed (the Long Tasks API's line); `--over MS` lowers it to see what is near. */
let longTaskMs = 50;
const CATEGORIES = [
  '-*',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.gc',
  'disabled-by-default-v8.cpu_profiler',
  'blink',
  'loading',
  // Chrome's own renderer work, e.g. its page-text capture (ChromeRenderFrameObserver::CapturePageText).
  'renderer',
];
/**
 * `--light`: tasks and CPU samples only. The timeline categories make style, layout and
 * paint several times slower than untraced (invalidation tracking), so their figures are
 * only read for shares; `--light` gives task lengths nearer the untraced ones.
 */
const LIGHT_CATEGORIES = ['-*', 'toplevel', 'v8.execute', 'disabled-by-default-v8.gc', 'disabled-by-default-v8.cpu_profiler'];
let categories = CATEGORIES;
/** After the last highlight change, keep tracing this long (deferred work, paint). */
const TAIL_MS = 2_000;


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseArgs(argv: string[]): { scenario: Scenario; extension: string | null; out: string | null; from: string | null } {
  let scenario: Scenario = 'text-node';
  let extension: string | null = path.join(PROJECT_ROOT, '.output-e2e', 'chrome-mv3');
  let out: string | null = null;
  let from: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--scenario') scenario = argv[++i] as Scenario;
    else if (argv[i] === '--extension') extension = path.resolve(argv[++i]);
    else if (argv[i] === '--off') extension = null;
    else if (argv[i] === '--out') out = argv[++i];
    else if (argv[i] === '--from') from = argv[++i];
    else if (argv[i] === '--over') longTaskMs = Number(argv[++i]);
    else if (argv[i] === '--light') categories = LIGHT_CATEGORIES;
  }
  if (!SCENARIOS.includes(scenario)) throw new Error(`scenarios: ${SCENARIOS.join(', ')}`);
  if (scenario === 'own-highlight') extension = null;
  return { scenario, extension, out, from };
}

function highlighted(page: Page): Promise<number> {
  return page.evaluate(() => {
    let n = 0;
    CSS.highlights.forEach((h) => (n += h.size));
    return n;
  });
}

/** Waits until the highlight count has not changed for 2 s (or 60 s in all). */
/** A scan paints when it has read the whole page: under tracing the 20 MiB page shows nothing for several seconds, so a count still 0 is waited on this long. */
const NOTHING_PAINTED_MS = 20_000;

async function waitSettled(page: Page): Promise<void> {
  let last = -1;
  let since = Date.now();
  const start = Date.now();
  while (Date.now() - start < 60_000) {
    const now = await highlighted(page);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since > 2_000 && (now > 0 || Date.now() - start > NOTHING_PAINTED_MS)) return;
    await sleep(100);
  }
}

async function run(scenario: Scenario, context: BrowserContext, fixtures: string, origin: string, tmp: string): Promise<TraceEvent[]> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const appendNode = (p: Page) =>
    p.evaluate(
      ({ sentence, repeat }) => {
        const filler = sentence.repeat(repeat);
        const node = document.createElement('p');
        node.id = 'huge';
        node.textContent = `${filler}The International Organization for Migration (IOM).${filler}The end: IOM.`;
        document.body.append(node);
      },
      { sentence: HUGE_FILLER_SENTENCE, repeat: HUGE_FILLER_REPEAT },
    );
  switch (scenario) {
    case 'text-node':
    case 'text-node-edit':
    case 'own-highlight': {
      await page.goto(`${fixtures}/smoke.html`);
      await sleep(1_500);
      if (scenario === 'text-node') await startTracing(cdp, categories);
      await appendNode(page);
      if (scenario === 'own-highlight') {
        await sleep(3_000);
        await startTracing(cdp, categories);
        await page.evaluate(() => {
          const text = document.getElementById('huge')!.firstChild as Text;
          const range = new StaticRange({ startContainer: text, startOffset: text.length - 4, endContainer: text, endOffset: text.length - 1 });
          const sheet = new CSSStyleSheet();
          sheet.replaceSync('::highlight(own) { text-decoration-line: underline; text-decoration-color: blue; text-decoration-thickness: 2px; }');
          document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
          CSS.highlights.set('own', new Highlight(range));
        });
        await sleep(TAIL_MS);
        break;
      }
      await waitSettled(page);
      if (scenario === 'text-node-edit') {
        await startTracing(cdp, categories);
        await page.evaluate(() => ((document.getElementById('huge')!.firstChild as Text).data += ' ICEM'));
        await waitSettled(page);
      }
      break;
    }
    case 'text-plain':
      writeFileSync(path.join(tmp, 'huge.txt'), hugeTextPlain());
      await startTracing(cdp, categories);
      await page.goto(`${origin}/huge-input/huge.txt`);
      await waitSettled(page);
      break;
    case 'card-open': {
      await page.goto(`${origin}/doc/nodejs/api/bench-all-mentions.html`, { timeout: 240_000 });
      await waitSettled(page);
      const box = await page.evaluate(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const at = node.data.indexOf('International Organization for Migration');
          if (at < 0) continue;
          node.parentElement!.scrollIntoView({ block: 'center' });
          const range = document.createRange();
          range.setStart(node, at + 2);
          range.setEnd(node, at + 10);
          const rect = range.getBoundingClientRect();
          return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
        }
        throw new Error('no mention on the page');
      });
      await sleep(1_000);
      await startTracing(cdp, categories);
      // As a reader's pointer arrives: a few moves, then a rest on the mention.
      await page.mouse.move(box.x - 40, box.y + 30);
      for (let i = 1; i <= 12; i++) {
        await page.mouse.move(box.x - 40 + (40 * i) / 12, box.y + 30 - (30 * i) / 12);
        await sleep(16);
      }
      // Polled in tasks of its own (by default Playwright polls in animation frames, inside the frame being measured).
      await page.waitForFunction((name) => document.querySelector(name)?.matches(':popover-open'), CARD_HOST_NAME, { timeout: 10_000, polling: 250 });
      await sleep(TAIL_MS);
      break;
    }
    case 'huge-page':
      // From the load event on (where the bench counts long tasks): a trace of the whole load outgrows a string.
      await page.goto(`${origin}/doc/nodejs/api/bench-20mib-mentions.html`, { timeout: 240_000, waitUntil: 'domcontentloaded' });
      await startTracing(cdp, categories);
      await waitSettled(page);
      break;
  }
  await sleep(TAIL_MS);
  console.log(`highlighted: ${await highlighted(page)}`);
  return stopTracing(cdp);
}

interface Sample {
  ts: number;
  fn: string;
}

/** CPU-profiler samples of the thread, as [timestamp, leaf function (url)] (chunks in trace order: the profile events come sorted). */
function samplesOf(events: TraceEvent[], pid: number, tid: number): Sample[] {
  const nodes = new Map<string, Map<number, string>>();
  const out: Sample[] = [];
  const clock = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== pid) continue;
    // The Profile event is on the profiled thread; its chunks come from the profiler's own thread.
    if (e.name === 'Profile' && e.tid === tid) clock.set(e.id ?? '', Number((e.args?.data as { startTime?: number })?.startTime ?? e.ts));
    if (e.name !== 'ProfileChunk' || !clock.has(e.id ?? '')) continue;
    const data = e.args?.data as { cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { functionName: string; url?: string } }[]; samples?: number[] }; timeDeltas?: number[] };
    const map = nodes.get(e.id ?? '') ?? new Map<number, string>();
    nodes.set(e.id ?? '', map);
    // Each function is named with its two callers (minified builds have short names).
    for (const node of data.cpuProfile?.nodes ?? []) {
      const name = `${(node.callFrame.functionName || '(anonymous)').slice(0, 60)} ${scriptOwner(node.callFrame.url || undefined)}`;
      const caller = node.parent === undefined ? undefined : map.get(node.parent);
      map.set(node.id, caller ? `${name} < ${caller.split(' < ').slice(0, 2).join(' < ')}` : name);
    }
    let ts = clock.get(e.id ?? '')!;
    const samples = data.cpuProfile?.samples ?? [];
    (data.timeDeltas ?? []).forEach((delta, i) => {
      ts += delta;
      out.push({ ts, fn: map.get(samples[i]) ?? '?' });
    });
    clock.set(e.id ?? '', ts);
  }
  return out.sort((a, b) => a.ts - b.ts);
}

function analyse(events: TraceEvent[]): void {
  const { pid, tid } = mainRendererThread(events);
  const { thread, outer } = threadTasks(events, pid, tid);
  const samples = samplesOf(events, pid, tid);
  const long = outer.filter((t) => (t.dur ?? 0) / 1000 > longTaskMs);
  console.log(`renderer main thread ${pid}/${tid}: ${outer.length} tasks, ${long.length} over ${longTaskMs} ms, ${(outer.reduce((s, t) => s + (t.dur ?? 0), 0) / 1000).toFixed(0)} ms in all`);
  // On a shared machine a task's wall time includes waiting for a CPU (and for GC helper threads): its thread time does not.
  const longByThread = outer.filter((t) => (t.tdur ?? 0) / 1000 > longTaskMs);
  console.log(`by the thread's own time: ${longByThread.length} over ${longTaskMs} ms${longByThread.length ? ` (${longByThread.map((t) => `+${((t.ts - (outer[0]?.ts ?? 0)) / 1000).toFixed(0)}: ${((t.tdur ?? 0) / 1000).toFixed(0)}`).join(', ')} ms)` : ''}`);
  const t0 = outer[0]?.ts ?? 0;
  for (const task of long) {
    const end = task.ts + (task.dur ?? 0);
    const self = taskBreakdown(task, thread);
    // The script entries the task ran, by function and file.
    const entry = new Map<string, true>();
    for (const e of thread) {
      if (e.ts < task.ts || e.ts + (e.dur ?? 0) > end || !isScriptEntry(e.name) || !e.args?.data) continue;
      const owner = e.args.data.url !== undefined ? scriptOwner(e.args.data.url) : 'browser';
      entry.set(`${e.args.data.functionName || '(anonymous)'} ${owner}`, true);
    }
    const entries = [...entry.keys()].slice(0, 6);
    console.log(`\nlong task at +${((task.ts - t0) / 1000).toFixed(0)} ms (${task.args && 'src_func' in task.args ? String((task.args as Record<string, unknown>).src_func) : ''}): ${((task.dur ?? 0) / 1000).toFixed(1)} ms (thread ${((task.tdur ?? 0) / 1000).toFixed(1)} ms); entered by ${entries.join(' | ') || '(no script entry)'}`);
    for (const [key, us] of [...self].sort((a, b) => b[1] - a[1])) if (us >= 500) console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${key}`);
    const byFn = new Map<string, number>();
    const within = samples.filter((s) => s.ts >= task.ts && s.ts <= end);
    for (let i = 1; i < within.length; i++) byFn.set(within[i].fn, (byFn.get(within[i].fn) ?? 0) + (within[i].ts - within[i - 1].ts));
    const topFns = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 8);
    if (topFns.length) console.log(`  sampled (self): ${topFns.map(([fn, us]) => `${fn} ${(us / 1000).toFixed(1)}`).join('; ')}`);
  }
}

async function main(): Promise<void> {
  const { scenario, extension, out, from } = parseArgs(process.argv.slice(2));
  if (from) {
    analyse(JSON.parse(readFileSync(from, 'utf8')) as TraceEvent[]);
    return;
  }
  const executablePath = findChromium();
  if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);
  const profile = mkdtempSync(path.join(tmpdir(), 'iom-lens-trace-'));
  const tmp = path.join(DOC_ROOT, '..', 'huge-input');
  const fixtures = await serveFolder(path.join(PROJECT_ROOT, 'e2e', 'fixtures'));
  const docs = await serveFolder(path.join(DOC_ROOT, '..'));
  try {
    mkdirSync(tmp, { recursive: true });
    const context = await launchChromium(executablePath, profile, extension);
    if (extension && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
    const events = await run(scenario, context, fixtures.origin, docs.origin, tmp);
    if (out) writeFileSync(out, JSON.stringify(events));
    console.log(`${scenario}, ${extension ? 'with IOM Lens' : 'no extension'}`);
    analyse(events);
    await context.close();
  } finally {
    await fixtures.close();
    await docs.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

await main();
