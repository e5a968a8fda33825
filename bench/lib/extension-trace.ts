/**
 * The extension's own renderer work, read from a Chrome trace instead of as a difference of
 * two tabs: the thread time of the renderer main-thread tasks that ran an extension's code.
 * On a small page the on − off difference of TaskDuration is within the page's own variation
 * between tabs (±60 ms on a 700 ms page); this counts only tasks the extension ran, so it
 * says what the extension itself costs, with an empty content script's figure beside it.
 *
 * A task (or a microtask checkpoint between tasks) is the extension's when it holds an event tagged with a `chrome-extension://` script
 * (the content script's compile and evaluation, timer and scheduler callbacks) or a CPU-profiler
 * sample whose stack holds such a frame (promise continuations after a storage or messaging
 * reply, which run as microtasks and carry no script URL). Counted whole, with everything the
 * task did (the native `textContent` it called, the GC it caused): what the page waits for.
 */
import type { BrowserContext } from '@playwright/test';
import { closeTab, measureSettledTab, openTab } from './browser';
import { startTracing, stopTracing } from './tracing';
import type { TraceEvent } from './trace-event';

/** Tasks, script events and CPU samples; `.hires` samples every 0.1 ms (1 ms otherwise), so short callbacks are seen. */
const CATEGORIES = ['-*', 'toplevel', 'devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.cpu_profiler.hires'];
const EXTENSION_URL = 'chrome-extension://';

export interface ExtensionTasks {
  /** Thread time of the extension's tasks on the renderer main threads, ms. */
  ms: number;
  tasks: number;
}

type ProfileNode = { id: number; parent?: number; callFrame: { url?: string } };

/** Timestamps of CPU samples, per `pid:tid` of the profiled thread, whose stack holds an extension frame. */
function extensionSampleTimes(events: TraceEvent[]): Map<string, number[]> {
  const threadOf = new Map<string, string>();
  const clock = new Map<string, number>();
  const inExtension = new Map<string, Map<number, boolean>>();
  const out = new Map<string, number[]>();
  for (const e of events) {
    const id = `${e.pid}:${e.id ?? ''}`;
    if (e.name === 'Profile') {
      threadOf.set(id, `${e.pid}:${e.tid}`);
      clock.set(id, Number((e.args?.data as { startTime?: number } | undefined)?.startTime ?? e.ts));
      continue;
    }
    if (e.name !== 'ProfileChunk' || !clock.has(id)) continue;
    const data = e.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
    const nodes = inExtension.get(id) ?? new Map<number, boolean>();
    inExtension.set(id, nodes);
    // Parents come before their children in the chunks.
    for (const node of data?.cpuProfile?.nodes ?? []) {
      nodes.set(node.id, (node.callFrame.url ?? '').startsWith(EXTENSION_URL) || (node.parent !== undefined && nodes.get(node.parent) === true));
    }
    let ts = clock.get(id)!;
    const samples = data?.cpuProfile?.samples ?? [];
    const thread = threadOf.get(id)!;
    (data?.timeDeltas ?? []).forEach((delta, i) => {
      ts += delta;
      if (nodes.get(samples[i])) {
        const list = out.get(thread) ?? [];
        list.push(ts);
        out.set(thread, list);
      }
    });
    clock.set(id, ts);
  }
  return out;
}

/** The extension's tasks on every renderer main thread of the trace (the tab's, and its frames'). */
function extensionTasks(events: TraceEvent[]): ExtensionTasks {
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const samples = extensionSampleTimes(events);
  const result: ExtensionTasks = { ms: 0, tasks: 0 };
  for (const thread of mainThreads) {
    const own = events.filter((e) => `${e.pid}:${e.tid}` === thread && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const marks = [...(samples.get(thread) ?? []), ...own.filter((e) => (e.args?.data?.url ?? '').startsWith(EXTENSION_URL)).map((e) => e.ts)].sort((a, b) => a - b);
    if (marks.length === 0) continue;
    let end = -Infinity;
    let next = 0;
    for (const task of own) {
      // Outermost top-level events only: tasks (RunTask can nest ThreadControllerImpl::RunTask) and
      // the microtask checkpoints the scheduler runs between them (BlinkScheduler_PerformMicrotaskCheckpoint).
      if (!task.cat.split(',').includes('toplevel') || task.ts < end) continue;
      end = task.ts + task.dur!;
      while (next < marks.length && marks[next] < task.ts) next++;
      if (next < marks.length && marks[next] <= end) {
        result.ms += (task.tdur ?? task.dur!) / 1000;
        result.tasks++;
      }
    }
  }
  return result;
}

/** One fresh tab traced from before navigation until settled (as the load figures settle): the extension's tasks in it. */
export async function tracedExtensionTasks(context: BrowserContext, url: string): Promise<ExtensionTasks> {
  const tab = await openTab(context, url, (cdp) => startTracing(cdp, CATEGORIES));
  try {
    await measureSettledTab(tab);
    return extensionTasks(await stopTracing(tab.cdp));
  } finally {
    await closeTab(tab);
  }
}
