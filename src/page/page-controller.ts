import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { EffectiveSettings } from '../settings/types';
import type { EntityKind } from '../entities/types';
import type { BackgroundRequest, ContentRequest, PageMentionGroup, PageMentionsResponse } from '../messaging/protocol';
import { CardHost, type CardAnchor } from '../card/card-host';
import { resolveTheme, type CardContentState, type CardEntity } from '../card/Card';
import { contentStateFromFailure, contentStateFromReply } from '../card/content-state';
import { ChangeQueue } from './observer';
import { PageScanner, type PageDetector, type ScanTiming } from './page-scanner';
import { FAST_POINTER_PX_PER_MS, hitTest, liveRange, trackPointer, type PointerSample } from './hit-test';
import type { PlacedMention } from './mention-index';
import { orderForNavigation, pickJumpTarget } from './navigation';
import { watchNavigation } from './navigation-watcher';
import type { Prefilter } from './prefilter';

/** Used when the settings give no open delay: the pointer must rest this long on a mention. */
export const OPEN_DELAY_MS = 300;
/** After a fast movement the pointer must rest at least this long on a mention, whatever the open delay. */
export const MIN_REST_AFTER_FAST_MS = 150;
/** The card says the article could not be loaded when the background has not answered after this long. */
export const CARD_CONTENT_TIMEOUT_MS = 8000;
/** The card's shadow root is built in idle time after the first scan, or after this long on a page that is never idle. */
export const CARD_PREPARE_IDLE_TIMEOUT_MS = 2000;

/**
 * Moments the tests and the benchmark read through the `page:stats` message (never User
 * Timing: `performance.mark` entries are visible to the page): when the first scan
 * committed, when the warm-up `card:get` left, and for each card the time from opening
 * to its article part (or error) being shown. performance.now() times of this document.
 */
export interface ControllerEvents {
  firstScan: { at: number; mentions: number } | null;
  warmUp: { at: number; entityId: string } | null;
  cardContent: { entityId: string; state: string; durationMs: number }[];
}

/** Card timings kept for the stats: the newest this many. */
const MAX_CARD_EVENTS = 50;

export interface PageDeps {
  createDetector: () => PageDetector;
  prefilter: Prefilter;
  getEntity(id: string): CardEntity | undefined;
  getSettings(host: string): Promise<EffectiveSettings>;
  watchSettings(host: string, onChange: (settings: EffectiveSettings) => void, signal: AbortSignal): void;
}

const isTopFrame = (() => {
  try {
    return window.top === window;
  } catch {
    return false;
  }
})();

function enabledKinds(settings: EffectiveSettings): EntityKind[] {
  return (Object.keys(settings.kinds) as EntityKind[]).filter((kind) => settings.kinds[kind]);
}

/**
 * Everything IOM Lens does on one page (one frame): reads the site's setting first,
 * then scans, highlights, follows changes, hit-tests the pointer and opens cards.
 */
export class PageController {
  private settings: EffectiveSettings | null = null;
  private readonly scanner: PageScanner;
  private readonly queue: ChangeQueue;
  private readonly card: CardHost;
  private active: AbortController | null = null;
  private lastReportedCount = -1;
  private pending: { mentionId: number; timer: ReturnType<typeof setTimeout> } | null = null;
  private lastJumpedId: number | null = null;
  private scanned = false;
  private cardPrepared = false;
  private readonly contentCache = new Map<string, Promise<CardContentState>>();
  /** Content already answered (by the warm-up or an earlier card): the card opens with it, without a loading render. */
  private readonly readyContent = new Map<string, CardContentState>();
  /** Hover cost, for the benchmark: time spent in animation-frame lookups. */
  readonly hoverStats = { moves: 0, listenerMs: 0, lookups: 0, lookupMs: 0 };
  readonly events: ControllerEvents = { firstScan: null, warmUp: null, cardContent: [] };

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly deps: PageDeps,
  ) {
    this.scanner = new PageScanner(document, deps.createDetector, deps.prefilter);
    this.queue = new ChangeQueue({
      updateRoot: (root) => this.scanner.updateRoot(root),
      commit: () => {
        this.scanner.commit();
        this.afterScan();
      },
      startFullScan: () => this.scanner.startFullScan(),
      stepFullScan: (budgetLeft) => this.scanner.stepFullScan(budgetLeft),
    });
    this.card = new CardHost(ctx, {
      onSearch: (query) => {
        browser.runtime.sendMessage({ type: 'search:open', query } satisfies BackgroundRequest).catch(() => undefined);
      },
    });
  }

  async start(): Promise<void> {
    // SVG and XML documents have no HTML body to mark or to host a card.
    if (document.documentElement?.namespaceURI !== 'http://www.w3.org/1999/xhtml') return;
    const host = location.host;
    let settings: EffectiveSettings;
    try {
      settings = await this.deps.getSettings(host);
    } catch (error) {
      console.warn('[IOM Lens] could not read the settings; staying off on this page:', error);
      return;
    }
    if (this.ctx.isInvalid) return;
    this.apply(settings);
    this.deps.watchSettings(host, (next) => this.apply(next), this.ctx.signal);
    watchNavigation(this.ctx.signal, () => this.rescan());
    this.ctx.onInvalidated(() => this.deactivate());
  }

  private apply(next: EffectiveSettings): void {
    const previous = this.settings;
    this.settings = next;
    if (!next.enabled) {
      this.deactivate();
      return;
    }
    this.scanner.configure({
      detect: { programmePolicy: next.programmePolicy, kinds: enabledKinds(next) },
      density: next.density,
      style: next.highlightStyle,
    });
    if (!this.active) {
      this.activate();
      return;
    }
    const detectionChanged =
      !previous ||
      previous.programmePolicy !== next.programmePolicy ||
      enabledKinds(previous).join() !== enabledKinds(next).join();
    if (detectionChanged) this.rescan();
    else {
      // Style and density only change what is painted.
      this.scanner.highlighter.paint(this.scanner.painted());
    }
  }

  private activate(): void {
    const active = new AbortController();
    this.active = active;
    this.lastReportedCount = -1;
    this.rescan();
    this.queue.observe(document);
    trackPointer(document, active.signal, (sample) => this.onPointerFrame(sample), this.hoverStats);
  }

  private deactivate(): void {
    this.active?.abort();
    this.active = null;
    this.cancelPending();
    this.card.hide(false);
    this.queue.disconnect();
    this.scanner.cancelFullScan();
    this.scanner.clear();
    this.report();
  }

  private rescan(): void {
    if (this.active) this.queue.requestRescan();
  }

  private afterScan(): void {
    for (const root of this.scanner.walkState.shadowRoots) this.queue.observe(root);
    if (!this.scanned) {
      this.scanned = true;
      this.events.firstScan = { at: performance.now(), mentions: this.scanner.index.size };
    }
    if (!this.cardPrepared && this.scanner.index.size > 0) {
      // The first card would otherwise build its shadow root and parse its styles while the reader waits.
      this.cardPrepared = true;
      const prepare = () => {
        if (this.active && !this.ctx.isInvalid) this.card.prepare();
      };
      if (typeof requestIdleCallback === 'function') requestIdleCallback(prepare, { timeout: CARD_PREPARE_IDLE_TIMEOUT_MS });
      else setTimeout(prepare, 0);
    }
    this.report();
    // Once the page is marked (never before: the scan comes first), wake the service worker
    // and have it answer for the first mention, so the reader's first card finds it awake.
    const first = this.scanner.index.all()[0];
    if (first && !this.contentCache.has(first.mention.entityId)) {
      this.events.warmUp = { at: performance.now(), entityId: first.mention.entityId };
      void this.loadContent(first.mention.entityId);
    }
    // A card whose mention left the page closes.
    const open = this.card.current;
    if (open && !this.scanner.index.byId(open.mentionId)) this.card.hide(false);
  }

  private report(): void {
    const count = this.active ? this.scanner.index.size : 0;
    if (count === this.lastReportedCount) return;
    this.lastReportedCount = count;
    browser.runtime.sendMessage({ type: 'mentions:count', count } satisfies BackgroundRequest).catch(() => undefined);
  }

  // ---- hover ----

  private onPointerFrame(sample: PointerSample): void {
    if (!this.active || !this.settings) return;
    const t0 = performance.now();
    const hit =
      sample.buttons !== 0 ? null : hitTest(document, this.scanner.index, sample.x, sample.y, [...this.scanner.walkState.shadowRoots]);
    this.hoverStats.lookups++;
    this.hoverStats.lookupMs += performance.now() - t0;
    const open = this.card.current;
    if (!hit) {
      this.cancelPending();
      if (open && open.mode === 'hover' && !this.card.isPointerInside()) this.card.scheduleClose();
      return;
    }
    if (open && open.mentionId === hit.item.id) {
      this.card.cancelClose();
      return;
    }
    if (open && open.mode === 'hover') this.card.scheduleClose();
    const fast = sample.speed > FAST_POINTER_PX_PER_MS;
    // A fast pointer restarts the wait; a slow one keeps it: the card opens once the pointer rests.
    if (this.pending && this.pending.mentionId === hit.item.id && !fast) return;
    this.cancelPending();
    const configured = Number.isFinite(this.settings.openDelayMs) ? this.settings.openDelayMs : OPEN_DELAY_MS;
    // Even with no open delay, a pointer that arrived fast must rest a moment first.
    const delay = fast ? Math.max(configured, MIN_REST_AFTER_FAST_MS) : configured;
    const rect = hit.rect;
    this.pending = {
      mentionId: hit.item.id,
      timer: setTimeout(() => {
        this.pending = null;
        this.openCard(hit.item, 'hover', this.anchorFor(hit.item, rect));
      }, delay),
    };
  }

  private cancelPending(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
  }

  /** The card follows the line box it was opened on while the page scrolls. */
  private anchorFor(item: PlacedMention, rect: DOMRect | null): CardAnchor {
    const lineIndex = (() => {
      if (!rect) return 0;
      const live = liveRange(document, item.range);
      const rects = live ? [...live.getClientRects()] : [];
      const i = rects.findIndex((r) => Math.abs(r.top - rect.top) < 1 && Math.abs(r.left - rect.left) < 1);
      return Math.max(0, i);
    })();
    let lastRect = rect ?? new DOMRect();
    return {
      getRect: () => {
        const live = liveRange(document, item.range);
        const rects = live ? live.getClientRects() : null;
        const current = rects?.[lineIndex] ?? rects?.[0];
        if (current) lastRect = current;
        return lastRect;
      },
      contextElement: item.range.startContainer.parentElement ?? undefined,
    };
  }

  private openCard(item: PlacedMention, mode: 'hover' | 'dialog', anchor: CardAnchor): void {
    const settings = this.settings;
    if (!settings || !this.active) return;
    const entity = this.deps.getEntity(item.mention.entityId) ?? {
      id: item.mention.entityId,
      name: item.mention.surface,
      kind: item.mention.kind,
      description: '',
    };
    const request = {
      mentionId: item.id,
      entity,
      mention: item.mention,
      anchor,
      mode,
      theme: resolveTheme(settings.theme),
      content: this.readyContent.get(entity.id) ?? ({ state: 'loading' } as CardContentState),
    };
    const openedAt = performance.now();
    const contentPromise = this.loadContent(entity.id);
    void this.card.show(request).then(() =>
      contentPromise.then((content) => {
        const shown = request.content === content ? this.card.current?.mentionId === item.id : this.card.setContent(item.id, content);
        if (!shown) return;
        this.events.cardContent.push({ entityId: entity.id, state: content.state, durationMs: performance.now() - openedAt });
        if (this.events.cardContent.length > MAX_CARD_EVENTS) this.events.cardContent.shift();
      }),
    );
  }

  private loadContent(entityId: string): Promise<CardContentState> {
    const cached = this.contentCache.get(entityId);
    if (cached) return cached;
    const promise = new Promise<CardContentState>((resolve) => {
      const timer = setTimeout(() => resolve({ state: 'error', message: 'no answer from the extension' }), CARD_CONTENT_TIMEOUT_MS);
      // A sleeping service worker is woken by the message itself; the card shows its local part meanwhile.
      browser.runtime
        .sendMessage({ type: 'card:get', entityId } satisfies BackgroundRequest)
        .then((reply: unknown) => resolve(contentStateFromReply(reply)), (error: unknown) => resolve(contentStateFromFailure(error)))
        .finally(() => clearTimeout(timer));
    });
    // Failures are not cached: the next card asks again.
    this.contentCache.set(entityId, promise);
    void promise.then((state) => {
      if (state.state === 'error') this.contentCache.delete(entityId);
      else this.readyContent.set(entityId, state);
    });
    return promise;
  }

  // ---- keyboard and popup ----

  private revealItem(item: PlacedMention): void {
    const element = item.range.startContainer.parentElement;
    element?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    this.lastJumpedId = item.id;
    this.openCard(item, 'dialog', this.anchorFor(item, null));
  }

  jump(direction: 'next' | 'previous'): boolean {
    if (!this.active) return false;
    const ordered = orderForNavigation(this.scanner.painted(), (item) => {
      const live = liveRange(document, item.range);
      const rect = live?.getClientRects()[0];
      return rect && (rect.width > 0 || rect.height > 0) ? { top: rect.top, left: rect.left } : null;
    });
    const target = pickJumpTarget(ordered, direction, this.lastJumpedId);
    if (!target) return false;
    this.revealItem(target);
    return true;
  }

  reveal(entityId: string): boolean {
    if (!this.active) return false;
    const item = this.scanner.index.all().find((candidate) => candidate.mention.entityId === entityId);
    if (!item) return false;
    this.revealItem(item);
    return true;
  }

  mentions(): PageMentionsResponse {
    const groups = new Map<string, PageMentionGroup>();
    if (this.active) {
      for (const item of this.scanner.index.all()) {
        const id = item.mention.entityId;
        const group = groups.get(id);
        if (group) group.count++;
        else groups.set(id, { entityId: id, name: this.deps.getEntity(id)?.name ?? item.mention.surface, kind: item.mention.kind, count: 1 });
      }
    }
    return {
      host: location.host,
      enabled: Boolean(this.active),
      groups: [...groups.values()],
    };
  }

  /** The one place the pipeline's counters are read (`page:stats`): scan timing, hover cost, observer batches, events. */
  stats(): { timing: ScanTiming; hover: PageController['hoverStats']; observer: ChangeQueue['stats']; events: ControllerEvents; now: number } {
    return {
      timing: { ...this.scanner.timing },
      hover: { ...this.hoverStats },
      observer: { ...this.queue.stats },
      events: { ...this.events, cardContent: [...this.events.cardContent] },
      now: performance.now(),
    };
  }

  /** Answers the popup and the background; only the top frame speaks for the tab. */
  handleMessage(message: unknown): Promise<unknown> | undefined {
    const request = message as ContentRequest | undefined;
    if (!request || typeof request !== 'object' || !isTopFrame) return undefined;
    switch (request.type) {
      case 'page:mentions':
        return Promise.resolve(this.mentions());
      case 'page:stats':
        return Promise.resolve((request as { fullPageCheck?: unknown }).fullPageCheck === true ? { ...this.stats(), ...this.scanner.fullPageCheck() } : this.stats());
      case 'page:reveal':
        return Promise.resolve({ ok: typeof request.entityId === 'string' && this.reveal(request.entityId) });
      case 'page:jump':
        return Promise.resolve({ ok: this.jump(request.direction === 'previous' ? 'previous' : 'next') });
      default:
        return undefined;
    }
  }
}
