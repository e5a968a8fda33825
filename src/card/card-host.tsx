import { render } from 'preact';
import { autoUpdate, computePosition, flip, inline, offset, shift, size } from '@floating-ui/dom';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Card, type CardContentState, type CardEntity } from './Card';
import { t } from './i18n';
import cardCss from './card.css?inline';
import type { Mention } from '../detect/types';
import { CARD_HOST_NAME, OWN_UI_ATTRIBUTE } from './host-name';
import type { CardMode, HoverEvent } from '../hover/machine';
/** Gap between the mention's line box and the card. */
const CARD_OFFSET_PX = 6;
/** The card keeps this far from the viewport's edges. */
const VIEWPORT_PADDING_PX = 8;
/** Tallest card; a smaller viewport gets a scrolling card. */
const CARD_MAX_HEIGHT_PX = 460;

/** What the card is placed against: the mention's text, followed while the page scrolls or reflows. */
export interface CardAnchor {
  /** A live Range over the mention. */
  range: Range;
  /** Where the pointer was, relative to the range's bounding box, when the card opened: the card goes against that line box. */
  pointInBox: { x: number; y: number } | null;
  contextElement?: Element;
}

export interface CardRequest {
  mentionId: number;
  entity: CardEntity;
  mention: Mention;
  anchor: CardAnchor;
  mode: CardMode;
  theme: 'light' | 'dark' | 'system';
  content: CardContentState;
}

export interface CardHostHandlers {
  onSearch(query: string): void;
  /** What happens to the card itself (the pointer enters or leaves it, focus leaves it, its close button): the hover machine decides. */
  onInput(event: Extract<HoverEvent, { type: 'pointer-enter-card' | 'pointer-leave-card' | 'focus-left-card' | 'close-button' }>): void;
}

/**
 * The open modal <dialog>, if any: everything outside it is inert, so the card must live inside it.
 * Read from the document's live list of dialogs, which the browser keeps between calls while
 * the DOM is unchanged: `querySelector('dialog:modal')` walked all 119 k elements of the
 * 5.8 MB page at the first card (9 ms of a 200 ms task in a trace).
 */
function openModalDialog(dialogs: HTMLCollectionOf<HTMLDialogElement>): HTMLDialogElement | null {
  try {
    for (const dialog of dialogs) if (dialog.matches(':modal')) return dialog;
  } catch {
    // a browser without :modal
  }
  return null;
}

/**
 * The hover card: Preact in a shadow root (WXT's shadow-root UI), shown in the top
 * layer as a manual popover so no z-index, stacking context or modal dialog buries
 * it, and placed with floating-ui against the mention's line box. It shows and hides
 * when told to (by `HoverDriver`, which runs the hover machine) and reports what
 * happens to it; it never decides to open or close.
 */
export class CardHost {
  private ui: ShadowRootContentScriptUi<void> | null = null;
  private creating: Promise<ShadowRootContentScriptUi<void>> | null = null;
  private request: CardRequest | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private returnFocusTo: Element | null = null;
  private headingSerial = 0;
  /** Counts show() calls: one that was overtaken by a newer one while the UI was being built stops. */
  private showSerial = 0;
  private headingId = 'iom-lens-card-title-0';
  private readonly dialogs = document.getElementsByTagName('dialog');

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly handlers: CardHostHandlers,
  ) {}

  private async ensureUi(): Promise<ShadowRootContentScriptUi<void>> {
    if (this.ui) return this.ui;
    this.creating ??= createShadowRootUi<void>(this.ctx, {
      name: CARD_HOST_NAME,
      position: 'inline',
      anchor: () => document.body ?? document.documentElement,
      css: cardCss,
      onMount: (_container, _shadow, host) => {
        host.setAttribute(OWN_UI_ATTRIBUTE, '');
        host.setAttribute('popover', 'manual');
        const options = { signal: this.ctx.signal };
        // Touch has no hover: a finger on the card is a press, read by the page's press adapter.
        host.addEventListener(
          'pointerenter',
          (event) => {
            if (event.isTrusted && event.pointerType !== 'touch') this.handlers.onInput({ type: 'pointer-enter-card' });
          },
          options,
        );
        host.addEventListener(
          'pointerleave',
          (event) => {
            if (event.isTrusted && event.pointerType !== 'touch') this.handlers.onInput({ type: 'pointer-leave-card' });
          },
          options,
        );
        host.addEventListener(
          'focusout',
          (event) => {
            // Focus went to the page (not inside the card, not away from the window).
            const to = event.relatedTarget;
            if (event.isTrusted && this.request && to instanceof Node && !host.contains(to)) this.handlers.onInput({ type: 'focus-left-card' });
          },
          options,
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
    // The list of dialogs is read (one walk of the page) here rather than when the card opens.
    void this.dialogs.length;
    // The first UI string of a document loads the extension's messages (~10–25 ms on a busy page).
    t('cardKindOrg');
  }

  /** The event's path reaches the card. */
  contains(event: Event): boolean {
    return this.ui !== null && event.composedPath().includes(this.ui.shadowHost);
  }

  async show(request: CardRequest): Promise<void> {
    const sameMention = this.request?.mentionId === request.mentionId && this.request.mode === request.mode;
    if (request.mode === 'dialog' && this.request?.mode !== 'dialog') {
      const active = document.activeElement;
      this.returnFocusTo = active && active !== this.ui?.shadowHost ? active : null;
    }
    this.request = request;
    const serial = ++this.showSerial;
    const ui = await this.ensureUi();
    // setContent() may have replaced the request meanwhile (same card, new content): only a newer show() or a hide() stops this one.
    if (serial !== this.showSerial || !this.request) return;
    const host = ui.shadowHost;
    // The top layer is still subject to a modal dialog's inertness: inside the dialog the card stays interactive.
    // (Looked up before mounting: adding the host changes the DOM, after which the list of dialogs is read again.)
    const parent = openModalDialog(this.dialogs) ?? document.body ?? document.documentElement;
    if (!host.isConnected) ui.mount();
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
    // Placed in the next frame, before it paints: measuring the mention now would lay the page out
    // in this task, on top of the render and the top-layer style above (on the 5.8 MB page one task
    // of 90–250 ms in traces; split, each part is about half).
    requestAnimationFrame(() => {
      if (serial === this.showSerial && this.request && !this.ctx.signal.aborted) this.position();
    });
    if (request.mode === 'dialog') {
      ui.shadow.querySelector<HTMLElement>('.card')?.focus({ preventScroll: true });
    }
  }

  /** New article content for the card on screen (ignored, and false, if another card opened meanwhile). */
  setContent(mentionId: number, content: CardContentState): boolean {
    if (!this.request || this.request.mentionId !== mentionId) return false;
    if (this.request.content === content) return true;
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
        mode={request.mode === 'dialog' ? 'dialog' : 'hover'}
        theme={request.theme}
        headingId={this.headingId}
        onSearch={(query) => this.handlers.onSearch(query)}
        onClose={() => this.handlers.onInput({ type: 'close-button' })}
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
    const { range, pointInBox, contextElement } = request.anchor;
    // A range whose text went away measures as an empty box at 0,0: keep the last real one.
    let lastBox = range.getBoundingClientRect();
    const reference = {
      getBoundingClientRect: () => {
        const box = range.getBoundingClientRect();
        if (box.width > 0 || box.height > 0) lastBox = box;
        return lastBox;
      },
      getClientRects: () => range.getClientRects(),
      contextElement,
    };
    const update = () => {
      // Measure at full height: the size middleware's last maxHeight would make a squeezed
      // card look as if it fitted below the mention, and it would never flip above.
      floating.style.maxHeight = `${CARD_MAX_HEIGHT_PX}px`;
      computePosition(reference, floating, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          // A mention wrapped into two line boxes side by side: the one the pointer was on
          // (the same point of the moved box while scrolling). Line boxes that overlap
          // horizontally are one block to inline(): the card goes below the whole mention.
          inline(() => {
            if (!pointInBox) return {};
            const box = reference.getBoundingClientRect();
            return { x: box.left + pointInBox.x, y: box.top + pointInBox.y };
          }),
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

  hide(restoreFocus: boolean): void {
    this.showSerial++;
    this.request = null;
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
    if (restoreFocus && target && target.isConnected && 'focus' in target) {
      (target as HTMLElement).focus({ preventScroll: true });
    }
  }
}
