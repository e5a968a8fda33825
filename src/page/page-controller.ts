import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { EffectiveSettings } from '../settings/types';
import type { EntityKind } from '../entities/types';
import type { BackgroundRequest, ContentRequest, PageMentionGroup, PageMentionsResponse } from '../messaging/protocol';
import { CardHost } from '../card/card-host';
import type { CardEntity } from '../card/Card';
import { CardContentLoader } from '../card/card-content';
import { HoverDriver } from './hover-driver';
import { connectHoverInput } from './hover-input';
import { CARD_PREPARE_IDLE_TIMEOUT_MS } from '../hover/constants';
import { ChangeQueue } from './observer';
import { PageScanner, type PageDetector, type ScanTiming } from './page-scanner';
import { hitTest, hitTestTarget, liveRange, mentionsUnder } from './hit-test';
import type { PlacedMention } from './mention-index';
import { orderForNavigation, pickJumpTarget } from './navigation';
import { watchNavigation } from './navigation-watcher';
import type { PageTextHandoff } from './pipeline-handoff';
import type { DetectInBackground } from './background-detector';
import type { Prefilter } from './prefilter';

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
  /** Detects a full scan's text in the background (background-detector.ts); absent where there is none to ask. */
  detectInBackground?: DetectInBackground;
  prefilter: Prefilter;
  /** The gate's candidates in the page's text, for the first scan (pipeline-handoff.ts). */
  pageText?: PageTextHandoff | null;
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
 * IOM Lens on one page (one frame): reads the site's setting first, then has the page
 * scanned, highlighted and followed (`PageScanner`, `ChangeQueue`), connects the input
 * adapters to the hover machine (`HoverDriver`), and answers the popup and the
 * background (mentions, jumps, stats).
 */
export class PageController {
  private settings: EffectiveSettings | null = null;
  private readonly scanner: PageScanner;
  private readonly queue: ChangeQueue;
  private readonly card: CardHost;
  private readonly content: CardContentLoader;
  private readonly hover: HoverDriver;
  private active: AbortController | null = null;
  private lastReportedCount = -1;
  private lastJumpedId: number | null = null;
  private scanned = false;
  private cardPrepared = false;
  /** Hover cost, for the benchmark: pointer events seen, and time spent in animation-frame lookups. */
  readonly hoverStats = { moves: 0, listenerMs: 0, lookups: 0, lookupMs: 0 };
  readonly events: ControllerEvents = { firstScan: null, warmUp: null, cardContent: [] };

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly deps: PageDeps,
  ) {
    this.scanner = new PageScanner(document, deps.createDetector, deps.prefilter, deps.pageText, deps.detectInBackground);
    this.queue = new ChangeQueue({
      updateRoot: (root) => this.scanner.updateRoot(root),
      commit: () => {
        this.scanner.commit();
        this.afterScan();
      },
      startFullScan: () => this.scanner.startFullScan(),
      stepFullScan: (budgetLeft) => this.scanner.stepFullScan(budgetLeft),
      waitingFor: () => this.scanner.waitingFor,
    });
    this.card = new CardHost(ctx, {
      onSearch: (query) => {
        browser.runtime.sendMessage({ type: 'search:open', query } satisfies BackgroundRequest).catch(() => undefined);
      },
      onInput: (event) => this.hover.dispatch(event),
    });
    this.content = new CardContentLoader(ctx);
    this.hover = new HoverDriver(ctx, {
      card: this.card,
      content: this.content,
      mention: (id) => this.scanner.index.byId(id),
      entity: (item) =>
        this.deps.getEntity(item.mention.entityId) ?? {
          id: item.mention.entityId,
          name: item.mention.surface,
          kind: item.mention.kind,
          description: '',
        },
      // The driver runs only while the page is active, which needs settings.
      settings: () => this.settings!,
      onContentShown: (entityId, state, durationMs) => {
        this.events.cardContent.push({ entityId, state, durationMs });
        if (this.events.cardContent.length > MAX_CARD_EVENTS) this.events.cardContent.shift();
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
    connectHoverInput(document, active.signal, {
      hover: this.hover,
      card: this.card,
      hitAt: (x, y) => hitTest(document, this.scanner.index, x, y, this.shadowRoots()),
      hitUnder: (target, x, y) => hitTestTarget(document, this.scanner.index, target, x, y, () => this.shadowRoots()),
      // Null (the target cannot tell) may hold one too.
      mayHoldMention: (target) => mentionsUnder(this.scanner.index, target)?.length !== 0,
      stats: this.hoverStats,
    });
  }

  private shadowRoots(): ShadowRoot[] {
    return [...this.scanner.walkState.shadowRoots];
  }

  private deactivate(): void {
    this.active?.abort();
    this.active = null;
    this.hover.dispatch({ type: 'deactivate' });
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
      this.ctx.requestIdleCallback(prepare, { timeout: CARD_PREPARE_IDLE_TIMEOUT_MS });
    }
    this.report();
    // Once the page is marked (never before: the scan comes first), wake the service worker
    // and have it answer for the first mention, so the reader's first card finds it awake.
    const first = this.scanner.index.all()[0];
    if (first && !this.content.has(first.mention.entityId)) {
      this.events.warmUp = { at: performance.now(), entityId: first.mention.entityId };
      void this.content.load(first.mention.entityId);
    }
    // A card whose mention left the page closes; a wait for one ends.
    for (const mentionId of this.hover.heldMentionIds()) {
      if (!this.scanner.index.byId(mentionId)) this.hover.dispatch({ type: 'mention-removed', mentionId });
    }
  }

  private report(): void {
    const count = this.active ? this.scanner.index.size : 0;
    if (count === this.lastReportedCount) return;
    this.lastReportedCount = count;
    browser.runtime.sendMessage({ type: 'mentions:count', count } satisfies BackgroundRequest).catch(() => undefined);
  }

  // ---- keyboard and popup ----

  private revealItem(item: PlacedMention): void {
    const element = item.range.startContainer.parentElement;
    element?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    this.lastJumpedId = item.id;
    this.hover.dispatch({ type: 'keyboard-open', mentionId: item.id });
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
  handleMessage(request: ContentRequest): Promise<unknown> | undefined {
    if (!isTopFrame) return undefined;
    switch (request.type) {
      case 'page:mentions':
        return Promise.resolve(this.mentions());
      case 'page:stats':
        return Promise.resolve(request.fullPageCheck === true ? { ...this.stats(), ...this.scanner.fullPageCheck() } : this.stats());
      case 'page:reveal':
        return Promise.resolve({ ok: this.reveal(request.entityId) });
      case 'page:jump':
        return Promise.resolve({ ok: this.jump(request.direction) });
    }
  }
}
