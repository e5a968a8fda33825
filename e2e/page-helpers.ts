/// <reference types="chrome" />
import { expect, type Page, type Worker } from '@playwright/test';
import { ENTITY_KINDS, type EntityKind } from '../src/entities/types';
import type { PageController } from '../src/page/page-controller';
import type { GateStats } from '../src/page/gate';

/** The content script's answer to page:mentions. */
export type PageMentionsReply = ReturnType<PageController['mentions']>;

/** The answer to page:stats: the prefilter's counters, and the pipeline's (scan, hover, observer, events) once it is loaded. */
export interface PageStatsReply {
  gate: GateStats;
  pipeline: ReturnType<PageController['stats']> | null;
}

/** Asks the active tab's top frame for its counters (`page:stats`, answered in the extension's world, never seen by the page). */
export async function pageStats(serviceWorker: Worker): Promise<PageStatsReply | null> {
  return (await sendToPage(serviceWorker, { type: 'page:stats' })) as PageStatsReply | null;
}

/** The extension's service worker as it runs now (a worker stopped and woken again is a new Worker). */
export async function currentServiceWorker(context: import('@playwright/test').BrowserContext, extensionId: string): Promise<Worker> {
  const running = context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  return running.at(-1) ?? context.waitForEvent('serviceworker');
}

/** Asks the active tab's content script (top frame) for its mentions, as the popup does. */
export async function pageMentions(serviceWorker: Worker): Promise<PageMentionsReply | null> {
  return serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) return null;
    return chrome.tabs.sendMessage(tab.id, { type: 'page:mentions' }, { frameId: 0 }).catch(() => null);
  });
}

/** Sends a message to the active tab's top frame, as the background does for commands. */
export async function sendToPage(serviceWorker: Worker, message: object): Promise<unknown> {
  return serviceWorker.evaluate(async (m) => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) return null;
    return chrome.tabs.sendMessage(tab.id, m, { frameId: 0 }).catch((e: Error) => ({ error: e.message }));
  }, message);
}

type Target = Page | import('@playwright/test').Frame;

/**
 * IOM Lens's highlight names in the page's document, by kind. They are random per document
 * (src/page/highlighter.ts); its stylesheet, adopted by the document once something is
 * painted, has one `…::highlight()` rule per kind in ENTITY_KINDS order, which is how a
 * test (in the page's own world) tells them apart. Empty before the first paint.
 */
export async function highlightNames(target: Target): Promise<Partial<Record<EntityKind, string>>> {
  const names = await target.evaluate(() => {
    for (const sheet of document.adoptedStyleSheets) {
      const found = [...sheet.cssRules].flatMap((rule) => {
        const match = rule instanceof CSSStyleRule ? /::highlight\(([^)]+)\)$/.exec(rule.selectorText) : null;
        return match ? [match[1]] : [];
      });
      if (found.length) return found;
    }
    return [];
  });
  return Object.fromEntries(names.slice(0, ENTITY_KINDS.length).map((name, i) => [ENTITY_KINDS[i], name]));
}

/** Text of every range IOM Lens paints for one kind, read in the page's world (CSS.highlights is per document). */
export async function highlightTexts(page: Page, kind: EntityKind = 'org', frame?: import('@playwright/test').Frame): Promise<string[]> {
  const target = frame ?? page.mainFrame();
  const name = (await highlightNames(target))[kind];
  if (!name) return [];
  return target.evaluate((highlightName) => {
    const highlight = CSS.highlights.get(highlightName);
    if (!highlight) return [];
    return [...(highlight as unknown as Set<AbstractRange>)].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    });
  }, name);
}

/** How many ranges IOM Lens paints for one kind (0 before anything is painted). */
export async function highlightSize(target: Target, kind: EntityKind = 'org'): Promise<number> {
  const name = (await highlightNames(target))[kind];
  return name ? target.evaluate((n) => CSS.highlights.get(n)?.size ?? 0, name) : 0;
}

/** Every kind IOM Lens paints in the page, with its number of ranges. */
export async function highlightSizes(target: Target): Promise<Partial<Record<EntityKind, number>>> {
  const names = await highlightNames(target);
  const sizes = await target.evaluate((byKind) => Object.fromEntries(Object.entries(byKind).map(([kind, name]) => [kind, CSS.highlights.get(name!)?.size ?? 0])), names);
  return Object.fromEntries(Object.entries(sizes).filter(([, size]) => size > 0));
}

/** Waits until IOM Lens has painted at least one highlight of the kind. */
export async function waitForHighlights(target: Target, kind: EntityKind = 'org', timeout = 10_000): Promise<void> {
  await expect.poll(() => highlightSize(target, kind), { timeout }).toBeGreaterThan(0);
}

/** Viewport rectangle of the n-th occurrence of `text` inside the element matched by `selector`. */
export async function textRect(page: Page, selector: string, text: string, occurrence = 0) {
  return page.evaluate(
    ({ selector, text, occurrence }) => {
      const root = document.querySelector(selector);
      if (!root) throw new Error(`no element ${selector}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const data = (node as Text).data;
        let at = data.indexOf(text);
        while (at >= 0) {
          if (seen++ === occurrence) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            let r = range.getClientRects()[0];
            if (r.bottom > innerHeight || r.top < 0 || r.right > innerWidth || r.left < 0) {
              node.parentElement!.scrollIntoView({ block: 'center', behavior: 'instant' });
              r = range.getClientRects()[0];
            }
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }
          at = data.indexOf(text, at + 1);
        }
      }
      throw new Error(`"${text}" not found in ${selector}`);
    },
    { selector, text, occurrence },
  );
}

/** Moves the pointer to (x, y) slowly, in small steps, as a reader's hand would, then rests. */
export async function hoverSlowly(page: Page, x: number, y: number, from?: { x: number; y: number }): Promise<void> {
  const start = from ?? { x: Math.max(2, x - 40), y: Math.max(2, y + 30) };
  await page.mouse.move(start.x, start.y);
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(start.x + ((x - start.x) * i) / steps, start.y + ((y - start.y) * i) / steps);
    await page.waitForTimeout(16);
  }
}

/** The card's host element (in the top layer) and its open-shadow-root contents. */
export function card(page: Page) {
  return page.locator('iom-lens-card .card');
}
