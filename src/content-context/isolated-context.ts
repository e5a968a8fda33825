/**
 * WXT's content-script context with nothing a page can see or send.
 *
 * WXT 0.21.4's `ContentScriptContext` (node_modules/wxt/dist/utils/content-script-context.mjs)
 * tells old copies of a content script to stop through the page: on start it
 * `window.postMessage`s `{type: "<extension id>:content:wxt:content-script-started"}` to
 * the page (every page script sees it: the extension and its id), dispatches a CustomEvent
 * of that name on `document`, and aborts itself when such a CustomEvent arrives from anyone
 * else. One event from a page script switches the extension off on that page.
 * `noScriptStartedPostMessage: true` only drops the postMessage: the CustomEvent, which a
 * page can listen for and forge once it knows the public extension id, stays. Its
 * `wxt:locationchange` event is dispatched on `window` too, so a page can forge it as well.
 * (Upstream report text: README, "Known limits".)
 *
 * This class has WXT's context's public members (signal, abort, isInvalid, isValid,
 * onInvalidated, block, setTimeout, setInterval, requestAnimationFrame,
 * requestIdleCallback, addEventListener, notifyInvalidated) with WXT's semantics, and
 * replaces the hand-over with a registry on the content script's own global object: content
 * scripts of one extension share an isolated world, which no page script can reach, so a
 * newer copy still stops the older one, and nothing is posted, dispatched or listened to
 * on the page. It does not extend WXT's class: that module's top level (its location
 * watcher's Navigation API probe, its Event subclass, its event names built from the
 * runtime's id) would run on every page, for nothing IOM Lens uses.
 * `src/content-context/vite-plugin.ts` makes WXT's generated content-script wrapper (and
 * every other import of WXT's context) construct this class instead of WXT's.
 */
import { browser } from 'wxt/browser';

/** Property of the isolated world's global object holding the running context of each content script name. */
const RUNNING_CONTEXTS = Symbol.for('iom-lens:running-content-script-contexts');

type Registry = Map<string, IsolatedContentScriptContext>;

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [RUNNING_CONTEXTS]?: Registry };
  holder[RUNNING_CONTEXTS] ??= new Map();
  return holder[RUNNING_CONTEXTS];
}

export class IsolatedContentScriptContext {
  private readonly abortController = new AbortController();

  constructor(
    private readonly scriptName: string,
    readonly options?: object,
  ) {
    // A newer copy of this content script (the extension was reloaded or updated) stops the older one, in this world only.
    const running = registry();
    running.get(scriptName)?.notifyInvalidated();
    running.set(scriptName, this);
    this.onInvalidated(() => {
      if (running.get(scriptName) === this) running.delete(scriptName);
    });
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  abort(reason?: unknown): void {
    this.abortController.abort(reason);
  }

  /** Also true once the extension is gone (reloaded, updated, removed): its runtime then has no id. */
  get isInvalid(): boolean {
    if (!browser.runtime?.id) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(callback: () => void): () => void {
    this.signal.addEventListener('abort', callback);
    return () => this.signal.removeEventListener('abort', callback);
  }

  /** A promise that never settles (WXT's `block`). */
  block<T>(): Promise<T> {
    return new Promise(() => {});
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((time) => {
      if (this.isValid) callback(time);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((deadline) => {
      if (!this.signal.aborted) callback(deadline);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  /**
   * A listener removed when the context is invalidated. WXT's `wxt:*` events are dispatched on
   * the page's `window`, where a page can forge them: refused (use `watchNavigation` from
   * src/page/navigation-watcher.ts).
   */
  addEventListener(target: EventTarget, type: string, handler: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions): void {
    if (type.startsWith('wxt:')) throw new Error(`${type} is page-visible and forgeable; IOM Lens does not listen to it`);
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }

  notifyInvalidated(): void {
    this.abort('Content script context invalidated');
  }
}

// WXT's generated content-script wrapper imports this name.
export { IsolatedContentScriptContext as ContentScriptContext };
