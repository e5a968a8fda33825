/**
 * Traces the PDF reader opening a PDF in headless Chromium with the e2e build, and says what
 * each long task of the reader's main thread spent its time on (issue 14: "no task over
 * 50 ms"). A CDP trace (devtools.timeline, v8, GC and the V8 sampling profiler) of the
 * whole browser; the reader's thread is the renderer main thread that loaded pdf-reader.html.
 *
 *   npx tsx scripts/trace-pdf-reader.ts [long-500.pdf] [--save trace.json] [--no-samples]
 *
 * Needs the e2e build (`IOM_LENS_OUT_DIR=.output-e2e npx wxt build`) and the generated PDFs
 * (`npm run test:e2e -- e2e/pdf-reader.spec.ts` writes them, or scripts/make-pdf-fixtures.ts).
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveFolder } from './static-server';
import { CHROMIUM_FLAGS, EXTENSION_DIR, extensionFlags, findChromium } from '../e2e/paths';
import { writePdfFixtures } from './make-pdf-fixtures';
import type { TraceEvent } from '../bench/lib/trace-event';

/** A task the browser reports as long (the Long Tasks API's threshold). */
const LONG_TASK_MS = 50;
/** Tasks listed by CPU time besides those over LONG_TASK_MS of wall-clock time. */
const LONGEST_BY_CPU = 5;
/** After the reader has read every page, the trace runs on this long for the pipeline's last passes. */
const SETTLE_MS = 3_000;
const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.gc',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
];


const args = process.argv.slice(2);
/** --no-samples: without the sampling profiler (it costs the traced threads time of its own). */
const categories = args.includes('--no-samples') ? CATEGORIES.filter((c) => !c.includes('cpu_profiler')) : CATEGORIES;
const saveAt = args.includes('--save') ? args[args.indexOf('--save') + 1] : undefined;
const pdfName = args.find((a) => a.endsWith('.pdf') && a !== saveAt) ?? 'long-500.pdf';

async function record(): Promise<TraceEvent[]> {
  const fixtureRoot = path.join(import.meta.dirname, '..', 'e2e', 'fixtures');
  await writePdfFixtures(path.join(fixtureRoot, 'pdf-generated'));
  const server = await serveFolder(fixtureRoot);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'iom-lens-trace-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_FLAGS, ...extensionFlags(EXTENSION_DIR)],
    viewport: { width: 1280, height: 800 },
  });
  try {
    if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker');
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReturnAsStream' });
    await page.goto(`${server.origin}/pdf-generated/${pdfName}`);
    let frame;
    while (!(frame = page.frames().find((f) => f.url().includes('/pdf-reader.html')))) await page.waitForTimeout(50);
    await frame.waitForFunction(() => performance.getEntriesByName('iom-lens:pdf-text-ready').length > 0, undefined, { timeout: 180_000 });
    await page.waitForTimeout(SETTLE_MS);
    const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
    await cdp.send('Tracing.end');
    const handle = await done;
    let text = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle, size: 1 << 20 });
      text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle });
    if (saveAt) writeFileSync(saveAt, text);
    const parsed = JSON.parse(text) as { traceEvents: TraceEvent[] } | TraceEvent[];
    return Array.isArray(parsed) ? parsed : parsed.traceEvents;
  } finally {
    await context.close();
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/** The renderer main thread that ran the reader: the one whose events name pdf-reader.html. */
function readerThread(events: TraceEvent[]): { pid: number; tid: number } {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const hits = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key) || !e.args?.data) continue;
    if (JSON.stringify(e.args.data).includes('pdf-reader')) hits.set(key, (hits.get(key) ?? 0) + 1);
  }
  const best = [...hits].sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new Error('no renderer thread loaded pdf-reader.html');
  const [pid, tid] = best[0].split(':').map(Number);
  return { pid, tid };
}

interface Sample {
  ts: number;
  stack: string[];
}

/** The V8 sampling profiler's samples on one thread, each with its stack (leaf first). */
function samplesOf(events: TraceEvent[], pid: number, tid: number): Sample[] {
  const out: Sample[] = [];
  const profiles = new Map<string, { time: number; nodes: Map<number, { frame: string; parent?: number }> }>();
  for (const e of events) {
    if (e.pid !== pid) continue;
    if (e.name === 'Profile' && e.tid === tid) {
      profiles.set(e.id!, { time: (e.args!.data as { startTime: number }).startTime, nodes: new Map() });
    }
    if (e.name !== 'ProfileChunk') continue;
    const profile = profiles.get(e.id!);
    if (!profile) continue;
    const data = e.args!.data as {
      cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { functionName: string; url: string; lineNumber?: number } }[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const node of data.cpuProfile?.nodes ?? []) {
      const { functionName, url, lineNumber } = node.callFrame;
      const file = url ? url.split('/').pop() : '';
      profile.nodes.set(node.id, { frame: `${functionName || '(anonymous)'}${file ? ` ${file}:${(lineNumber ?? 0) + 1}` : ''}`, parent: node.parent });
    }
    const samples = data.cpuProfile?.samples ?? [];
    samples.forEach((id, i) => {
      profile.time += data.timeDeltas?.[i] ?? 0;
      const stack: string[] = [];
      for (let node = profile.nodes.get(id); node; node = node.parent === undefined ? undefined : profile.nodes.get(node.parent)) stack.push(node.frame);
      out.push({ ts: profile.time, stack });
    });
  }
  return out;
}

const ms = (us: number) => Math.round(us / 100) / 10;

function describe(event: TraceEvent): string {
  const data = event.args?.data ?? {};
  const detail = [data.url, data.functionName, data.type, data.name, data.scriptName, data.fileName].filter((v) => typeof v === 'string' && v);
  return `${event.name}${detail.length ? ` (${detail.map((d) => String(d).split('/').pop()).join(' ')})` : ''}`;
}

function analyse(events: TraceEvent[]): void {
  const { pid, tid } = readerThread(events);
  const thread = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const samples = samplesOf(events, pid, tid);
  // RunTask (toplevel) wraps ThreadControllerImpl::RunTask: counting the outer one counts each task once.
  const allTasks = thread.filter((e) => e.name === 'RunTask');
  // Wall-clock time includes waiting for a CPU on a busy machine: the tasks over 50 ms of wall-clock
  // time, and the few longest by CPU time (what the reader's code itself spent), whatever their wall time.
  const byCpu = [...allTasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, LONGEST_BY_CPU);
  const tasks = allTasks.filter((e) => (e.dur ?? 0) > LONG_TASK_MS * 1000 || byCpu.includes(e));
  const origin = thread[0]?.ts ?? 0;
  const marks = events.filter((e) => e.pid === pid && e.cat.includes('user_timing') && e.name.startsWith('iom-lens:'));
  for (const mark of marks) console.log(`mark ${mark.name} at ${ms(mark.ts - origin)} ms`);
  const overWall = allTasks.filter((e) => (e.dur ?? 0) > LONG_TASK_MS * 1000);
  const overCpu = allTasks.filter((e) => (e.tdur ?? 0) > LONG_TASK_MS * 1000);
  console.log(`reader thread ${pid}:${tid}: ${allTasks.length} tasks, ${overWall.length} over ${LONG_TASK_MS} ms of wall-clock time, ${overCpu.length} over ${LONG_TASK_MS} ms of CPU time`);
  console.log(`longest by CPU: ${byCpu.map((e) => `${ms(e.tdur ?? 0)} ms CPU (${ms(e.dur ?? 0)} wall) at ${ms(e.ts - origin)} ms`).join(', ')}`);
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    console.log(`\n=== task at ${ms(task.ts - origin)} ms: ${ms(task.dur!)} ms wall, ${ms(task.tdur ?? 0)} ms CPU`);
    // Direct and nested trace events inside the task, by name, with their inclusive wall time (the longest first).
    const inner = thread.filter((e) => e !== task && e.ts >= task.ts && e.ts < end && (e.dur ?? 0) >= 1000);
    for (const e of inner.slice(0, 40)) {
      const depth = inner.filter((o) => o !== e && o.ts <= e.ts && o.ts + o.dur! >= e.ts + e.dur!).length;
      console.log(`${'  '.repeat(depth + 1)}${ms(e.dur!)} ms  ${describe(e)}`);
    }
    // Sampled JS: self time by function, and time by the outermost frame of our code or pdf.js.
    const inTask = samples.filter((s) => s.ts >= task.ts && s.ts < end);
    const self = new Map<string, number>();
    for (const s of inTask) self.set(s.stack[0] ?? '?', (self.get(s.stack[0] ?? '?') ?? 0) + 1);
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
    const interval = inTask.length > 1 ? (inTask.at(-1)!.ts - inTask[0].ts) / (inTask.length - 1) : 0;
    console.log(`  samples: ${inTask.length} (every ~${Math.round(interval)} µs); self time, top:`);
    for (const [frame, count] of top) console.log(`    ${count}  ${frame}`);
    const outer = new Map<string, number>();
    for (const s of inTask) {
      const frames = s.stack.filter((f) => /\.js:\d+$/.test(f));
      const key = frames.slice(-3).reverse().join(' > ') || s.stack[0] || '?';
      outer.set(key, (outer.get(key) ?? 0) + 1);
    }
    console.log('  outermost JS frames:');
    for (const [frame, count] of [...outer].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ${count}  ${frame}`);
  }
}

const events = await record();
analyse(events);
