import { render } from 'preact';
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Card, type CardContentState, type CardEntity } from './Card';
import cardCss from './card.css?inline';
import type { Mention } from '../detect/types';
import { OWN_UI_ATTRIBUTE } from '../page/scanner';
import { CARD_HOST_NAME } from './host-name';

/** After the pointer leaves the mention (or the card), the card waits this long for it to arrive in (or come back to) the card. */
export const CLOSE_GRACE_MS = 350;
/** Gap between the mention's line box and the card. */
const CARD_OFFSET_PX = 6;
/** The card keeps this far from the viewport's edges. */
const VIEWPORT_PADDING_PX = 8;
/** Tallest card; a smaller viewport gets a scrolling card. */
const CARD_MAX_HEIGHT_PX = 460;

/** What the card is placed against: the line box under the pointer, recomputed while scrolling. */
export interface CardAnchor {
  getRect(): DOMRect;
  contextElement?: Element;
}

export interface CardRequest {
  mentionId: number;
  entity: CardEntity;
  mention: Mention;
  anchor: CardAnchor;
  mode: 'hover' | 'dialog';
  theme: 'light' | 'dark' | 'system';
  content: CardContentState;
}

export interface CardHostHandlers {
  onSearch(query: string): void;
}

/** The open modal <dialog>, if any: everything outside it is inert, so the card must live inside it. */
function openModalDialog(doc: Document): HTMLDialogElement | null {
  try {
    return doc.querySelector<HTMLDialogElement>('dialog:modal');
  } catch {
    return null;
  }
}

/**
 * The hover card: Preact in a shadow root (WXT's shadow-root UI), shown in the top
 * layer as a manual popover so no z-index, stacking context or modal dialog buries
 * it, and placed with floating-ui against the mention's line box.
 */
export class CardHost {
  private ui: ShadowRootContentScriptUi<void> | null = null;
  private creating: Promise<ShadowRootContentScriptUi<void>> | null = null;
  private request: CardRequest | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  private pointerInside = false;
  private returnFocusTo: Element | null = null;
  private headingSerial = 0;
  private headingId = 'iom-lens-card-title-0';

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly handlers: CardHostHandlers,
  ) {}

  get current(): CardRequest | null {
    return this.request;
  }

  private async ensureUi(): Promise<ShadowRootContentScriptUi<void>> {
    if (this.ui) return this.ui;
    if (!this.creating) {
      // Listeners only once a card is about to show: a page where no card ever opens gets none.
      this.ctx.addEventListener(document, 'keydown', this.onKeydown, { capture: true });
      // A click elsewhere on the page closes the card, as any popup would.
      this.ctx.addEventListener(document, 'pointerdown', (event: PointerEvent) => {
        if (this.request && this.ui && !event.composedPath().includes(this.ui.shadowHost)) this.hide(false);
      }, { capture: true });
    }
    this.creating ??= createShadowRootUi<void>(this.ctx, {
      name: CARD_HOST_NAME,
      position: 'inline',
      anchor: () => document.body ?? document.documentElement,
      css: cardCss,
      onMount: (_container, _shadow, host) => {
        host.setAttribute(OWN_UI_ATTRIBUTE, '');
        host.setAttribute('popover', 'manual');
        host.addEventListener(
          'pointerenter',
          () => {
            this.pointerInside = true;
            this.cancelClose();
          },
          { signal: this.ctx.signal },
        );
        host.addEventListener(
          'pointerleave',
          () => {
            this.pointerInside = false;
            if (this.request?.mode === 'hover') this.scheduleClose();
          },
          { signal: this.ctx.signal },
        );
      },
      onRemove: () => {
        if (this.ui) render(null, this.ui.uiContainer);
      },
    }).then((ui) => {
      this.ui = ui;
      return ui;
    });
    return this.creating;
  }

  /**
   * Builds the card's shadow root (styles included) ahead of the first card, so opening
   * it only renders. Called in idle time once a page is known to have mentions.
   */
  prepare(): void {
    this.ensureUi().catch((error: unknown) => console.warn('[IOM Lens] could not prepare the card:', error));
  }

  isPointerInside(): boolean {
    return this.pointerInside;
  }

  async show(request: CardRequest): Promise<void> {
    this.cancelClose();
    const sameMention = this.request?.mentionId === request.mentionId && this.request.mode === request.mode;
    if (request.mode === 'dialog' && this.request?.mode !== 'dialog') {
      const active = document.activeElement;
      this.returnFocusTo = active && active !== this.ui?.shadowHost ? active : null;
    }
    this.request = request;
    const ui = await this.ensureUi();
    if (this.request !== request) return;
    const host = ui.shadowHost;
    if (!host.isConnected) ui.mount();
    // The top layer is still subject to a modal dialog's inertness: inside the dialog the card stays interactive.
    const parent = openModalDialog(document) ?? document.body ?? document.documentElement;
    if (host.parentNode !== parent) {
      if (host.matches(':popover-open')) host.hidePopover();
      parent.append(host);
    }
    if (!sameMention) this.headingId = `iom-lens-card-title-${++this.headingSerial}`;
    this.renderCard();
    if (!host.matches(':popover-open')) {
      try {
        host.showPopover();
      } catch (error) {
        console.warn('[IOM Lens] could not show the card in the top layer:', error);
      }
    }
    this.position();
    if (request.mode === 'dialog') {
      ui.shadow.querySelector<HTMLElement>('.card')?.focus({ preventScroll: true });
    }
  }

  /** New article content for the card on screen (ignored, and false, if another card opened meanwhile). */
  setContent(mentionId: number, content: CardContentState): boolean {
    if (!this.request || this.request.mentionId !== mentionId) return false;
    this.request = { ...this.request, content };
    this.renderCard();
    return true;
  }

  private renderCard(): void {
    const ui = this.ui;
    const request = this.request;
    if (!ui || !request) return;
    render(
      <Card
        entity={request.entity}
        mention={request.mention}
        content={request.content}
        mode={request.mode}
        theme={request.theme}
        headingId={this.headingId}
        onSearch={(query) => this.handlers.onSearch(query)}
        onClose={() => this.hide(true)}
      />,
      ui.uiContainer,
    );
  }

  private position(): void {
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    const ui = this.ui;
    const request = this.request;
    if (!ui || !request) return;
    const floating = ui.shadow.querySelector<HTMLElement>('.card');
    if (!floating) return;
    const reference = {
      getBoundingClientRect: () => request.anchor.getRect(),
      contextElement: request.anchor.contextElement,
    };
    const update = () => {
      // Measure at full height: the size middleware's last maxHeight would make a squeezed
      // card look as if it fitted below the mention, and it would never flip above.
      floating.style.maxHeight = `${CARD_MAX_HEIGHT_PX}px`;
      computePosition(reference, floating, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(CARD_OFFSET_PX),
          // Only above or below: beside the mention the card would hide the line being read.
          flip({ padding: VIEWPORT_PADDING_PX, fallbackStrategy: 'bestFit' }),
          shift({ padding: VIEWPORT_PADDING_PX }),
          size({
            padding: VIEWPORT_PADDING_PX,
            apply({ availableHeight, availableWidth, elements }) {
              elements.floating.style.maxHeight = `${Math.max(120, Math.min(CARD_MAX_HEIGHT_PX, availableHeight))}px`;
              elements.floating.style.maxWidth = `${Math.max(200, Math.min(380, availableWidth))}px`;
            },
          }),
        ],
      })
        .then(({ x, y }) => {
          floating.style.left = `${Math.round(x)}px`;
          floating.style.top = `${Math.round(y)}px`;
        })
        .catch(() => undefined);
    };
    this.stopAutoUpdate = autoUpdate(reference, floating, update);
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.request) return;
    if (this.request.mode === 'dialog') {
      // The Escape is the card's: the page (or a modal dialog the card sits in) must not also close.
      event.preventDefault();
      event.stopPropagation();
    }
    this.hide(true);
  };

  scheduleClose(): void {
    if (this.closeTimer || !this.request) return;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = null;
      if (!this.pointerInside) this.hide(false);
    }, CLOSE_GRACE_MS);
  }

  cancelClose(): void {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }

  hide(restoreFocus: boolean): void {
    this.cancelClose();
    const wasDialog = this.request?.mode === 'dialog';
    this.request = null;
    this.pointerInside = false;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    const host = this.ui?.shadowHost;
    if (host?.matches(':popover-open')) {
      try {
        host.hidePopover();
      } catch {
        // already hidden by the page (e.g. it removed the host's parent dialog)
      }
    }
    if (this.ui) render(null, this.ui.uiContainer);
    const target = this.returnFocusTo;
    this.returnFocusTo = null;
    if ((restoreFocus || wasDialog) && target && target.isConnected && 'focus' in target) {
      (target as HTMLElement).focus({ preventScroll: true });
    }
  }
}
