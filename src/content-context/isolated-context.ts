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
 * This subclass keeps everything else (signal, onInvalidated, isInvalid, setTimeout,
 * setInterval, requestAnimationFrame, requestIdleCallback, addEventListener) and replaces
 * the hand-over with a registry on the content script's own global object: content
 * scripts of one extension share an isolated world, which no page script can reach, so a
 * newer copy still stops the older one, and nothing is posted, dispatched or listened to
 * on the page. `src/content-context/vite-plugin.ts` makes WXT's generated content-script
 * wrapper construct this class instead of its own.
 */
import { ContentScriptContext as WxtContentScriptContext } from 'wxt/utils/content-script-context';

/** Property of the isolated world's global object holding the running context of each content script name. */
const RUNNING_CONTEXTS = Symbol.for('iom-lens:running-content-script-contexts');

type Registry = Map<string, IsolatedContentScriptContext>;

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [RUNNING_CONTEXTS]?: Registry };
  holder[RUNNING_CONTEXTS] ??= new Map();
  return holder[RUNNING_CONTEXTS];
}

export class IsolatedContentScriptContext extends WxtContentScriptContext {
  /**
   * Set in stopOldScripts, which WXT's constructor calls; `declare` because an initialised
   * class field would be reset after `super()` returns.
   */
  private declare scriptName: string;

  /** Called by WXT's constructor: stops the previous copy of this content script, if any, in this world only. */
  override stopOldScripts(): void {
    // `this.contentScriptName` is private in WXT's typings; the constructor argument is the same string.
    this.scriptName = (this as unknown as { contentScriptName: string }).contentScriptName;
    registry().get(this.scriptName)?.notifyInvalidated();
  }

  /** Called by WXT's constructor: registers this copy so that a newer one can stop it. */
  override listenForNewerScripts(): void {
    const running = registry();
    running.set(this.scriptName, this);
    this.onInvalidated(() => {
      if (running.get(this.scriptName) === this) running.delete(this.scriptName);
    });
  }

  /**
   * WXT's `wxt:*` events are dispatched on the page's `window`, where a page can forge
   * them: refused (use `watchNavigation` from src/page/navigation-watcher.ts).
   */
  override addEventListener(target: EventTarget, type: string, ...rest: unknown[]): void {
    if (type.startsWith('wxt:')) throw new Error(`${type} is page-visible and forgeable; IOM Lens does not listen to it`);
    (super.addEventListener as (target: EventTarget, type: string, ...rest: unknown[]) => void)(target, type, ...rest);
  }
}

// WXT's generated content-script wrapper imports this name.
export { IsolatedContentScriptContext as ContentScriptContext };
