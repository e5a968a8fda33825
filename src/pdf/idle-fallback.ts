/**
 * Chrome starts no idle periods in the PDF handler's frame: there requestIdleCallback runs a
 * callback only at its timeout, with timeRemaining() 0. Measured in headless Chromium 156
 * (a 2 s chain of callbacks with a 300 ms timeout): in the reader frame 7 callbacks, all
 * timed out, 0 ms left; on a web page 38–40, none timed out, ~48 ms left each. The page
 * pipeline reads a document in idle-time slices (src/page/observer.ts), so in the reader
 * it did one step every 300 ms: 73 s of an idle main thread to read a 500-page PDF.
 *
 * The reader's document is the extension's own page (no page script shares its globals),
 * so the reader wraps requestIdleCallback: a callback runs in a real idle period when the
 * browser gives one, and otherwise after IDLE_FALLBACK_MS, as a task given IDLE_SLICE_MS,
 * so the work stays in short tasks with input and rendering between them.
 */

/** How long a callback waits for a real idle period before it runs anyway. */
const IDLE_FALLBACK_MS = 10;
/** The time a callback run without an idle period may take (a frame's budget, less rendering). */
const IDLE_SLICE_MS = 10;

export function installIdleFallback(win: Window & typeof globalThis): void {
  const native = win.requestIdleCallback?.bind(win);
  const cancelNative = win.cancelIdleCallback?.bind(win);
  if (!native || !cancelNative) return;
  const pending = new Map<number, { idle: number; timer: ReturnType<typeof setTimeout> }>();
  let nextHandle = 1;
  win.requestIdleCallback = (callback: IdleRequestCallback): number => {
    const handle = nextHandle++;
    const run = (deadline: IdleDeadline) => {
      const entry = pending.get(handle);
      if (!entry) return;
      pending.delete(handle);
      cancelNative(entry.idle);
      clearTimeout(entry.timer);
      callback(deadline);
    };
    const idle = native((deadline) => run(deadline));
    const timer = setTimeout(() => {
      const start = performance.now();
      run({ didTimeout: false, timeRemaining: () => Math.max(0, IDLE_SLICE_MS - (performance.now() - start)) });
    }, IDLE_FALLBACK_MS);
    pending.set(handle, { idle, timer });
    return handle;
  };
  win.cancelIdleCallback = (handle: number): void => {
    const entry = pending.get(handle);
    if (!entry) return;
    pending.delete(handle);
    cancelNative(entry.idle);
    clearTimeout(entry.timer);
  };
}
