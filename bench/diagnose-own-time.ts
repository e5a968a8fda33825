/**
 * Why does a page's own main-thread time vary between fresh tabs? A diagnosis beside the page
 * bench, not a figure. Loads the 5.8 MB page in fresh tabs of one browser (no extension unless
 * `--extension`), settles each as the bench does, and prints per tab: TaskDuration when the load
 * event was seen and when settled, the bench's own CDP work in it, layouts and style passes; then,
 * in traced tabs, the main thread's own time by kind of work (parse, style, layout, paint, GC,
 * script, Chrome's page-text capture, …) before and after the load event, and the events of the
 * `other` kind by name.
 *
 *   npx tsx bench/diagnose-own-time.ts [--runs N] [--traced N] [--page nodejs/api/bench-all-mentions.html] [--extension DIR]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium, MISSING_CHROMIUM_MESSAGE } from '../e2e/paths';
import { serveFolder } from '../scripts/static-server';
import { closeTab, launchChromium, measureSettledTab, openTab } from './lib/browser';
import { DOC_ROOT } from './lib/debian-docs';
import { bucketOf, mainRendererThread, threadTasks } from './lib/long-task-owners';
import { startTracing, stopTracing } from './lib/tracing';
import type { TraceEvent } from './lib/trace-event';

const CATEGORIES = ['-*', 'toplevel', 'devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.gc', 'blink', 'loading', 'renderer'];
/** Kinds of work under this (ms) are left out of the printout. */
const SHOWN_MS = 1;
/** Events counted per tab: how many lifecycle passes and parser chunks the load took. */
const COUNTED = ['ParseHTML', 'UpdateLayoutTree', 'Layout', 'Paint'];

type Totals = Record<string, number>;

const add = (totals: Totals, key: string, ms: number) => (totals[key] = (totals[key] ?? 0) + ms);
const format = (totals: Totals) =>
  Object.entries(totals)
    .filter(([, ms]) => ms >= SHOWN_MS)
    .sort((a, b) => b[1] - a[1])
    .map(([key, ms]) => `${key} ${ms.toFixed(0)}`)
    .join(', ');

/** Thread self time by kind of work, before and after `loadTs`, ms; `other` split by event name. */
function byKind(events: TraceEvent[], loadTs: number): { before: Totals; after: Totals; otherBefore: Totals; counts: Totals } {
  const { pid, tid } = mainRendererThread(events);
  const { thread } = threadTasks(events, pid, tid);
  const before: Totals = {};
  const after: Totals = {};
  const otherBefore: Totals = {};
  const counts: Totals = {};
  const stack: { e: TraceEvent; kind: string }[] = [];
  const childTime = new Map<TraceEvent, number>();
  const kinds: { e: TraceEvent; kind: string }[] = [];
  for (const e of thread) {
    while (stack.length && stack[stack.length - 1].e.ts + (stack[stack.length - 1].e.dur ?? 0) <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) childTime.set(parent.e, (childTime.get(parent.e) ?? 0) + (e.tdur ?? e.dur ?? 0));
    const frame = { e, kind: bucketOf(e) ?? parent?.kind ?? 'other' };
    stack.push(frame);
    kinds.push(frame);
    if (COUNTED.includes(e.name) && e.ts < loadTs) add(counts, e.name, 1);
  }
  for (const { e, kind } of kinds) {
    const selfMs = ((e.tdur ?? e.dur ?? 0) - (childTime.get(e) ?? 0)) / 1000;
    add(e.ts < loadTs ? before : after, kind, selfMs);
    if (kind === 'other' && e.ts < loadTs) add(otherBefore, e.name, selfMs);
  }
  return { before, after, otherBefore, counts };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const runs = Number(option('--runs', '5'));
  const traced = Number(option('--traced', '3'));
  const page = option('--page', 'nodejs/api/bench-all-mentions.html');
  const extension = argv.includes('--extension') ? path.resolve(option('--extension', '')) : null;
  const executablePath = findChromium();
  if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);
  const profile = mkdtempSync(path.join(tmpdir(), 'iom-lens-diagnose-'));
  const server = await serveFolder(DOC_ROOT);
  const context = await launchChromium(executablePath, profile, extension);
  if (extension && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  const url = `${server.origin}/${page}`;
  try {
    for (let i = 0; i < runs; i++) {
      const tab = await openTab(context, url);
      const s = await measureSettledTab(tab);
      console.log(
        `tab ${i + 1}: ${s.taskMs.toFixed(0)} ms to settled, ${s.taskMsAtLoad.toFixed(0)} of it when the load event was seen; ` +
          `the bench's CDP work ${s.benchCdpMs.toFixed(0)} ms (${s.polls} polls); ${s.layoutCount} layouts, ${s.recalcStyleCount} style passes; load average ${loadavg()[0].toFixed(1)}`,
      );
      await closeTab(tab);
    }
    for (let i = 0; i < traced; i++) {
      let events: TraceEvent[] = [];
      const tab = await openTab(context, url, (cdp) => startTracing(cdp, CATEGORIES));
      // Stopped before the heap figure's forced GC.
      const s = await measureSettledTab(tab, async () => {
        events = await stopTracing(tab.cdp);
      });
      await closeTab(tab);
      const r = byKind(events, events.find((e) => e.name === 'MarkLoad')?.ts ?? Infinity);
      console.log(`traced tab ${i + 1}: ${s.taskMs.toFixed(0)} ms to settled (${s.taskMsAtLoad.toFixed(0)} at load); load average ${loadavg()[0].toFixed(1)}`);
      console.log(`  before the load event: ${format(r.before)}`);
      console.log(`    passes: ${format(r.counts)}; 'other' by event: ${format(r.otherBefore)}`);
      console.log(`  after it: ${format(r.after)}`);
    }
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

await main();
