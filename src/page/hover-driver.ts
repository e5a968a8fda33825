import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { EffectiveSettings } from '../settings/types';
import type { PlacedMention } from './mention-index';
import { liveRange } from './hit-test';
import { initialHover, transition, type HoverEffect, type HoverEvent, type CardMode, type Hover } from '../hover/machine';
import { resolveTheme, type CardContentState, type CardEntity } from '../card/Card';
import type { CardContentLoader } from '../card/card-content';
import type { CardAnchor, CardHost } from '../card/card-host';

export interface HoverDriverDeps {
  card: CardHost;
  content: CardContentLoader;
  /** The mention with this id, while it is on the page. */
  mention(id: number): PlacedMention | undefined;
  entity(item: PlacedMention): CardEntity;
  /** The settings in force (the open delay, the theme). */
  settings(): EffectiveSettings;
  /** A card's article part (or error) was shown, this long after the card opened. */
  onContentShown(entityId: string, state: CardContentState['state'], durationMs: number): void;
}

/**
 * Runs the hover machine on the page: holds its state, feeds it events from the DOM
 * adapters, and carries out its effects with the context's timers and the card host.
 * It decides nothing itself.
 */
export class HoverDriver {
  private hover: Hover = initialHover;
  /** Where the pointer last was on a mention: the card opens against that line of it. */
  private lastPoint: { mentionId: number; x: number; y: number } | null = null;
  private opened: { token: number; entityId: string; at: number } | null = null;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly deps: HoverDriverDeps,
  ) {}

  /** The mention whose card is open (or about to open), for the page's own bookkeeping. */
  get openMentionId(): number | null {
    const state = this.hover.state;
    return state.kind === 'open' ? state.mentionId : null;
  }

  /** Mentions the machine is waiting for or showing, so the page can tell it which ones left. */
  heldMentionIds(): number[] {
    const state = this.hover.state;
    if (state.kind === 'waiting') return [state.wait.mentionId];
    if (state.kind === 'open') return state.next ? [state.mentionId, state.next.mentionId] : [state.mentionId];
    return [];
  }

  pointerAt(mentionId: number, x: number, y: number): void {
    this.lastPoint = { mentionId, x, y };
  }

  /** One event through the machine; returns its effects (already carried out). */
  dispatch(event: HoverEvent<CardContentState>): HoverEffect<CardContentState>[] {
    const next = transition(this.hover, event, { openDelayMs: this.deps.settings().openDelayMs });
    this.hover = next.hover;
    for (const effect of next.effects) this.perform(effect);
    return next.effects;
  }

  private perform(effect: HoverEffect<CardContentState>): void {
    switch (effect.type) {
      case 'start-timer':
        // The token makes a timer that outlived its state harmless; ctx clears them all when the script goes.
        this.ctx.setTimeout(() => this.dispatch({ type: effect.fires, token: effect.token }), effect.ms);
        return;
      case 'show':
        this.show(effect.mentionId, effect.mode, effect.token);
        return;
      case 'hide':
        this.opened = null;
        this.deps.card.hide(effect.restoreFocus);
        return;
      case 'show-content': {
        if (!this.deps.card.setContent(effect.mentionId, effect.content)) return;
        const opened = this.opened;
        if (opened) this.deps.onContentShown(opened.entityId, effect.content.state, performance.now() - opened.at);
        return;
      }
      case 'consume-key':
        return;
    }
  }

  private show(mentionId: number, mode: CardMode, token: number): void {
    const item = this.deps.mention(mentionId);
    if (!item) {
      this.dispatch({ type: 'mention-removed', mentionId });
      return;
    }
    const entity = this.deps.entity(item);
    const point = mode !== 'dialog' && this.lastPoint?.mentionId === mentionId ? this.lastPoint : null;
    this.opened = { token, entityId: entity.id, at: performance.now() };
    void this.deps.card.show({
      mentionId,
      entity,
      mention: item.mention,
      anchor: anchorFor(item, point),
      mode,
      theme: resolveTheme(this.deps.settings().theme),
      content: this.deps.content.readyFor(entity.id) ?? { state: 'loading' },
    });
    void this.deps.content.load(entity.id).then((content) => this.dispatch({ type: 'content-arrived', token, content }));
  }
}

/**
 * The card's anchor: the mention's text as a live Range, which follows the page's layout
 * while the card is open, and the point the pointer was on, so that Floating UI's
 * `inline()` places the card against the line box under the pointer when the mention
 * wraps.
 */
function anchorFor(item: PlacedMention, point: { x: number; y: number } | null): CardAnchor {
  // Null when the text changed under the mention: the page drops it on its next commit.
  const range = liveRange(document, item.range) ?? document.createRange();
  const box = range.getBoundingClientRect();
  return {
    range,
    pointInBox: point ? { x: point.x - box.left, y: point.y - box.top } : null,
    contextElement: item.range.startContainer.parentElement ?? undefined,
  };
}
