import { afterEach, describe, expect, it } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { CardHost, type CardRequest } from '../../src/card/card-host';
import { CARD_HOST_NAME } from '../../src/card/host-name';
import type { HoverEvent } from '../../src/hover/machine';

/**
 * The card host in real Chromium: the shadow root, the top layer, Floating UI's placement
 * against the mention's line box, focus in and out. The hover machine that tells it when
 * to show and hide is tested in Node (tests/hover-machine.test.ts).
 */

/** What CardHost uses of WXT's context: its lifetime (signal, onInvalidated) and options. */
function testContext(): { ctx: ContentScriptContext; invalidate: () => void } {
  const controller = new AbortController();
  const callbacks: (() => void)[] = [];
  const ctx = {
    options: {},
    signal: controller.signal,
    onInvalidated: (callback: () => void) => {
      callbacks.push(callback);
      return () => undefined;
    },
  } as unknown as ContentScriptContext;
  return { ctx, invalidate: () => (controller.abort(), callbacks.forEach((callback) => callback())) };
}

const contexts: (() => void)[] = [];
function newHost(inputs: HoverEvent[] = []): CardHost {
  const { ctx, invalidate } = testContext();
  contexts.push(invalidate);
  return new CardHost(ctx, { onSearch: () => undefined, onInput: (event) => inputs.push(event) });
}

/** A mention in a fixed-width paragraph at `top` px from the viewport's top. */
function mentionAt(top: number): Range {
  const p = document.createElement('p');
  p.style.cssText = `position: absolute; top: ${top}px; left: 40px; width: 500px; margin: 0; font: 16px/20px monospace`;
  p.textContent = 'Funding for IOM grew.';
  document.body.append(p);
  const range = new Range();
  range.setStart(p.firstChild!, 12);
  range.setEnd(p.firstChild!, 15);
  return range;
}

function request(range: Range, mentionId: number, mode: CardRequest['mode'] = 'hover'): CardRequest {
  return {
    mentionId,
    entity: { id: 'iom', name: 'International Organization for Migration', kind: 'org', description: 'The UN migration agency.' },
    mention: { start: 12, end: 15, surface: 'IOM', entityId: 'iom', kind: 'org', reason: 'test' },
    anchor: { range, pointInBox: null },
    mode,
    theme: 'light',
    content: { state: 'loading' },
  };
}

const shadowHost = () => document.querySelector<HTMLElement>(CARD_HOST_NAME);
const cardBox = () => shadowHost()?.shadowRoot?.querySelector<HTMLElement>('.card') ?? null;
/** Floating UI places the card asynchronously (a microtask after computePosition). */
async function placed(): Promise<DOMRect> {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const box = cardBox();
  if (!box) throw new Error('no card on screen');
  return box.getBoundingClientRect();
}

describe('CardHost (real DOM and layout, in Chromium)', () => {
  afterEach(() => {
    contexts.splice(0).forEach((invalidate) => invalidate());
    document.body.replaceChildren();
  });

  it('shows the card in the top layer, in its own shadow root, just below the mention', async () => {
    const range = mentionAt(100);
    const host = newHost();
    await host.show(request(range, 1));
    const element = shadowHost();
    expect(element?.matches(':popover-open')).toBe(true);
    expect(element?.shadowRoot?.querySelector('[role="dialog"]')?.textContent).toContain('International Organization for Migration');
    const box = await placed();
    const mention = range.getBoundingClientRect();
    expect(box.top).toBeGreaterThanOrEqual(mention.bottom);
    expect(box.top - mention.bottom).toBeLessThan(20);
  });

  it('flips above a mention near the bottom of the viewport, and stays inside it', async () => {
    const range = mentionAt(window.innerHeight - 40);
    const host = newHost();
    await host.show(request(range, 1));
    const box = await placed();
    expect(box.bottom).toBeLessThanOrEqual(range.getBoundingClientRect().top);
    expect(box.top).toBeGreaterThanOrEqual(0);
  });

  it('a keyboard card takes focus, and hiding it gives focus back to where it was', async () => {
    const button = document.createElement('button');
    button.textContent = 'before';
    document.body.append(button);
    button.focus();
    const host = newHost();
    await host.show(request(mentionAt(100), 1, 'dialog'));
    expect(document.activeElement).toBe(shadowHost());
    host.hide(true);
    expect(document.activeElement).toBe(button);
    expect(shadowHost()?.matches(':popover-open')).toBe(false);
  });

  it('new content reaches only the card it was asked for', async () => {
    const host = newHost();
    await host.show(request(mentionAt(100), 7));
    const alert = () => cardBox()?.querySelector('[role="alert"]') ?? null;
    expect(cardBox()?.querySelector('[role="status"]')).not.toBeNull();
    expect(host.setContent(8, { state: 'error', message: 'late reply for another mention' })).toBe(false);
    expect(alert()).toBeNull();
    expect(host.setContent(7, { state: 'error', message: 'the article could not be read' })).toBe(true);
    expect(alert()).not.toBeNull();
  });

  it('a show() overtaken by hide() before its shadow root exists never shows', async () => {
    const host = newHost();
    const shown = host.show(request(mentionAt(100), 1));
    host.hide(false);
    await shown;
    expect(shadowHost()?.matches(':popover-open') ?? false).toBe(false);
    expect(cardBox()).toBeNull();
  });

  it('inside an open modal dialog the card lives in the dialog, so it stays interactive', async () => {
    const dialog = document.createElement('dialog');
    document.body.append(dialog);
    dialog.showModal();
    const range = new Range();
    dialog.textContent = 'IOM';
    range.selectNodeContents(dialog.firstChild!);
    const host = newHost();
    await host.show(request(range, 1));
    expect(shadowHost()?.parentElement).toBe(dialog);
    dialog.close();
  });

  it('reports the close button to the hover machine instead of closing itself', async () => {
    const inputs: HoverEvent[] = [];
    const host = newHost(inputs);
    await host.show(request(mentionAt(100), 1, 'dialog'));
    shadowHost()?.shadowRoot?.querySelector<HTMLButtonElement>('button[aria-label], button.close')?.click();
    expect(inputs).toContainEqual({ type: 'close-button' });
    expect(shadowHost()?.matches(':popover-open')).toBe(true);
  });
});
