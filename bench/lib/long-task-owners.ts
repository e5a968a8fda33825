/**
 * Whose is a long task? Reads a Chrome trace (CDP `Tracing`) of one tab and splits every
 * renderer main-thread task over a threshold into where its time went: script by file (the
 * page's own, the extension's content script, its page pipeline), GC, Chrome's page-text
 * capture, style, layout, paint, parsing. Pure: events in, figures out (`trace-long-tasks.ts`
 * prints them for one scenario; the page bench reports them per load of the 20 MiB page).
 */
import type { TraceEvent } from './trace-event';

/** The bucket an event's own time goes to; null: the same as its parent's. */
export function bucketOf(event: TraceEvent): string | null {
  const n = event.name;
  if (n === 'CpuProfiler::StartProfiling') return 'tracing itself (profiler start)';
  // Chrome (not Blink) reads the page's text for translation and phishing checks after parsing and again after
  // the load (ChromeRenderFrameObserver, on its DidMeaningfulLayout): the page pays it whether or not an extension runs.
  if (n === 'ChromeRenderFrameObserver::CapturePageText') return CAPTURE_PAGE_TEXT;
  if (n === 'StyleEngine::scheduleInvalidationsForRuleSets') return 'style: a stylesheet change, walking every element';
  if (/^(MajorGC|MinorGC|V8\.GC|V8\.GCScavenger|V8\.GCIncremental|V8\.GCFinalize|V8\.GCCompactor|BlinkGC|CppGC)/.test(n)) return GC;
  if (n === 'UpdateLayoutTree' || n === 'RecalculateStyles' || n === 'Document::updateStyle') return 'style';
  if (n === 'Layout' || n === 'LocalFrameView::layout' || n === 'InlineNode::ShapeTextIncludingFirstLine') return 'layout';
  if (n === 'PrePaint' || n === 'LocalFrameView::RunCompositingInputsLifecyclePhase') return 'pre-paint (compositing inputs)';
  if (/^(Paint|Layerize|Commit|LocalFrameView::RunPaintLifecyclePhase)$/.test(n)) return 'paint';
  if (n === 'ParseHTML' || n === 'ParseAuthorStyleSheet') return 'parse';
  if (/^(v8\.compile|V8\.Compile|v8\.parseOnBackground|CacheScript)/.test(n)) return 'compile';
  if (isScriptEntry(n) || n === 'RunMicrotasks') return 'script';
  return null;
}

const GC = 'GC';
const CAPTURE_PAGE_TEXT = "Chrome's page-text capture";

export function isScriptEntry(name: string): boolean {
  return name === 'FunctionCall' || name === 'EvaluateScript' || name === 'v8.callFunction' || name === 'V8.Execute';
}

/** `ext:<file>` for an extension's script, `page:<file>` for the page's, `page` when the event names no script. */
export function scriptOwner(url: string | undefined): string {
  if (!url) return 'page';
  const m = /chrome-extension:\/\/[^/]+\/(.*)/.exec(url);
  return m ? `ext:${m[1]}` : `page:${url.split('/').pop()}`;
}

/** The renderer main thread that ran the most task time (the tab's, not an extension page's). */
export function mainRendererThread(events: TraceEvent[]): { pid: number; tid: number } {
  let best: { pid: number; tid: number; total: number } | null = null;
  for (const t of events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')) {
    const total = events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X' && isTask(e)).reduce((s, e) => s + (e.dur ?? 0), 0);
    if (!best || total > best.total) best = { pid: t.pid, tid: t.tid, total };
  }
  if (!best) throw new Error('no renderer main thread in the trace');
  return best;
}

const isTask = (e: TraceEvent) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';

/** The thread's complete events sorted by start (outer before inner), and its outermost tasks (RunTask can nest). */
export function threadTasks(events: TraceEvent[], pid: number, tid: number): { thread: TraceEvent[]; outer: TraceEvent[] } {
  const thread = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const outer: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of thread) {
    if (!isTask(e) || e.ts + (e.dur ?? 0) <= end) continue;
    outer.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  return { thread, outer };
}

/**
 * Self (wall) time of everything inside `task`, µs, keyed `bucket · owner` (owner: the script
 * whose entry the event is under, `browser` when none), plus `task itself (not in any event)`.
 */
export function taskBreakdown(task: TraceEvent, thread: TraceEvent[]): Map<string, number> {
  const end = task.ts + (task.dur ?? 0);
  const inside = thread.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
  const childTime = new Map<TraceEvent, number>();
  const stack: { e: TraceEvent; owner: string; bucket: string }[] = [];
  const resolved: { e: TraceEvent; owner: string; bucket: string }[] = [];
  let top = 0;
  for (const e of inside) {
    while (stack.length && stack[stack.length - 1].e.ts + (stack[stack.length - 1].e.dur ?? 0) <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) childTime.set(parent.e, (childTime.get(parent.e) ?? 0) + (e.dur ?? 0));
    else top += e.dur ?? 0;
    const owner = isScriptEntry(e.name) && e.args?.data?.url !== undefined ? scriptOwner(e.args.data.url) : (parent?.owner ?? 'browser');
    const frame = { e, owner, bucket: bucketOf(e) ?? parent?.bucket ?? 'other' };
    stack.push(frame);
    resolved.push(frame);
  }
  const self = new Map<string, number>();
  for (const { e, owner, bucket } of resolved) {
    const key = `${bucket} · ${owner}`;
    self.set(key, (self.get(key) ?? 0) + (e.dur ?? 0) - (childTime.get(e) ?? 0));
  }
  self.set('task itself (not in any event)', (task.dur ?? 0) - top);
  return self;
}

export interface LongTaskOwner {
  /** Start on the trace's clock, µs. */
  ts: number;
  /** ms after the first task of the trace. */
  atMs: number;
  wallMs: number;
  /** What the main thread itself ran (a task's wall time on a shared machine includes waiting for a CPU). */
  threadMs: number;
  /** GC inside the task (wall), ms, and how much of that ran under an extension's script. */
  gcMs: number;
  gcInExtensionMs: number;
  extensionScriptMs: number;
  pageScriptMs: number;
  capturePageTextMs: number;
  /** The largest of: `extension script`, `extension GC`, `GC`, `Chrome's page-text capture`, `page script`, `rendering`, `parse`, `other`. */
  owner: string;
}

/** The coarse owner of one `bucket · owner` key of `taskBreakdown`. */
export function ownerGroup(key: string): string {
  const [bucket, owner = ''] = key.split(' · ');
  const extension = owner.startsWith('ext:');
  if (bucket === GC) return extension ? 'extension GC' : GC;
  if (bucket === CAPTURE_PAGE_TEXT) return CAPTURE_PAGE_TEXT;
  if (bucket === 'script' || bucket === 'compile' || extension) return extension ? 'extension script' : 'page script';
  if (bucket === 'parse') return 'parse';
  if (/^(style|layout|pre-paint|paint)/.test(bucket)) return 'rendering';
  return 'other';
}

/** Summarises one task's breakdown (µs) into its owners (ms). */
function summariseTask(task: TraceEvent, breakdown: Map<string, number>, t0: number): LongTaskOwner {
  const groups = new Map<string, number>();
  for (const [key, us] of breakdown) groups.set(ownerGroup(key), (groups.get(ownerGroup(key)) ?? 0) + us / 1000);
  const group = (name: string) => groups.get(name) ?? 0;
  const [owner] = [...groups].sort((a, b) => b[1] - a[1])[0] ?? ['other'];
  return {
    ts: task.ts,
    atMs: (task.ts - t0) / 1000,
    wallMs: (task.dur ?? 0) / 1000,
    threadMs: (task.tdur ?? task.dur ?? 0) / 1000,
    gcMs: group(GC) + group('extension GC'),
    gcInExtensionMs: group('extension GC'),
    extensionScriptMs: group('extension script'),
    pageScriptMs: group('page script'),
    capturePageTextMs: group(CAPTURE_PAGE_TEXT),
    owner,
  };
}

/** Every main-thread task over `overMs` of wall or thread time, with its owners. */
export function longTaskOwners(events: TraceEvent[], overMs: number): LongTaskOwner[] {
  const { pid, tid } = mainRendererThread(events);
  const { thread, outer } = threadTasks(events, pid, tid);
  const t0 = outer[0]?.ts ?? 0;
  return outer
    .filter((t) => (t.dur ?? 0) / 1000 > overMs || (t.tdur ?? 0) / 1000 > overMs)
    .map((t) => summariseTask(t, taskBreakdown(t, thread), t0));
}

/** One line per task: `57 ms (thread 41): extension GC 30, extension script 20 …`. */
export function describeLongTask(t: LongTaskOwner): string {
  const parts = [
    ['extension script', t.extensionScriptMs],
    ['GC', t.gcMs],
    ["Chrome's page-text capture", t.capturePageTextMs],
    ['page script', t.pageScriptMs],
  ].filter(([, ms]) => (ms as number) >= 1);
  const gcNote = t.gcInExtensionMs >= 1 ? ` (${t.gcInExtensionMs.toFixed(0)} of it under the extension's script)` : '';
  const shares = parts.map(([name, ms]) => `${name} ${(ms as number).toFixed(0)}${name === 'GC' ? gcNote : ''}`).join(', ');
  return `${t.wallMs.toFixed(0)} ms (thread ${t.threadMs.toFixed(0)}) → ${t.owner}${shares ? `: ${shares}` : ''}`;
}

/** Tasks this many of the longest (by thread time) are described one by one in a load's summary. */
const DESCRIBED_TASKS = 3;

/** One load's long tasks in a line: how many, by owner, how many are long by thread time too, and the longest by thread time. */
export function summariseLoad(tasks: readonly LongTaskOwner[], overMs: number): string {
  if (tasks.length === 0) return `no task over ${overMs} ms`;
  const owners = new Map<string, number>();
  for (const t of tasks) owners.set(t.owner, (owners.get(t.owner) ?? 0) + 1);
  const byThread = [...tasks].sort((a, b) => b.threadMs - a.threadMs);
  const overByThread = byThread.filter((t) => t.threadMs > overMs).length;
  return (
    `${tasks.length} over ${overMs} ms (${[...owners].map(([owner, n]) => `${owner} ${n}`).join(', ')}), ${overByThread} of them by thread time; ` +
    `longest by thread time: ${byThread.slice(0, DESCRIBED_TASKS).map(describeLongTask).join('; ')}`
  );
}
