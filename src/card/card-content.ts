import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { BackgroundRequest } from '../messaging/protocol';
import { CARD_CONTENT_TIMEOUT_MS } from '../hover/constants';
import type { CardContentState } from './Card';
import { contentStateFromFailure, contentStateFromReply } from './content-state';

/**
 * The article part of each entity's card, asked of the background (`card:get`) once per
 * entity and kept for the page's life. Failures are not kept: the next card asks again.
 */
export class CardContentLoader {
  private readonly pending = new Map<string, Promise<CardContentState>>();
  /** Content already answered (by the warm-up or an earlier card): the card opens with it, without a loading render. */
  private readonly ready = new Map<string, CardContentState>();

  constructor(private readonly ctx: ContentScriptContext) {}

  has(entityId: string): boolean {
    return this.pending.has(entityId);
  }

  readyFor(entityId: string): CardContentState | undefined {
    return this.ready.get(entityId);
  }

  load(entityId: string): Promise<CardContentState> {
    const cached = this.pending.get(entityId);
    if (cached) return cached;
    const promise = new Promise<CardContentState>((resolve) => {
      const timer = this.ctx.setTimeout(() => resolve({ state: 'error', message: 'no answer from the extension' }), CARD_CONTENT_TIMEOUT_MS);
      // A sleeping service worker is woken by the message itself; the card shows its local part meanwhile.
      browser.runtime
        .sendMessage({ type: 'card:get', entityId } satisfies BackgroundRequest)
        .then((reply: unknown) => resolve(contentStateFromReply(reply)), (error: unknown) => resolve(contentStateFromFailure(error)))
        .finally(() => clearTimeout(timer));
    });
    this.pending.set(entityId, promise);
    void promise.then((state) => {
      if (state.state === 'error') this.pending.delete(entityId);
      else this.ready.set(entityId, state);
    });
    return promise;
  }
}
