/// <reference types="chrome" />
import path from 'node:path';
import type { Frame, Page, Worker } from '@playwright/test';
import { writePdfFixtures } from '../scripts/make-pdf-fixtures';
import { highlightNames, waitForHighlights } from './page-helpers';
import type { EntityKind } from '../src/entities/types';

/** Generated once per run into an ignored folder the fixture server serves. */
export const PDF_FIXTURE_DIR = path.join(import.meta.dirname, 'fixtures', 'pdf-generated');
export const PDF_PATH = '/pdf-generated';
const READER_WAIT_MS = 15_000;

export function makePdfFixtures(): Promise<string[]> {
  return writePdfFixtures(PDF_FIXTURE_DIR);
}

/** The reader's frame in a tab: Chrome loads the PDF handler as a frame inside the PDF's own page. */
export async function readerFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + READER_WAIT_MS;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/pdf-reader.html'));
    if (frame) {
      await frame.waitForSelector('#viewer', { state: 'attached' });
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`no reader frame in ${page.frames().map((f) => f.url()).join(', ')}`);
    await page.waitForTimeout(50);
  }
}

/** Texts of the ranges IOM Lens highlights on the reader's text layers, by kind (the highlight names are random: page-helpers.ts highlightNames). */
export async function readerHighlights(frame: Frame): Promise<Partial<Record<EntityKind, string[]>>> {
  const names = await highlightNames(frame);
  return frame.evaluate((names) => {
    const out: Record<string, string[]> = {};
    Object.entries(names).forEach(([kind, name]) => {
      const highlight = CSS.highlights.get(name!);
      if (!highlight) return;
      out[kind] = [...(highlight as unknown as Set<AbstractRange>)]
        .filter((r) => r.startContainer.parentElement?.closest('.iom-lens-text-layer'))
        .map((r) => {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          return range.toString();
        });
    });
    return out;
  }, names);
}

export async function waitForReaderHighlights(frame: Frame): Promise<void> {
  await waitForHighlights(frame, 'org', READER_WAIT_MS);
}

/** The active tab's id, as the service worker sees it. */
export async function activeTabId(serviceWorker: Worker): Promise<number> {
  const id = await serviceWorker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  if (id === undefined) throw new Error('no active tab');
  return id;
}

/** Sends a page:* request to the reader of a tab the way the popup does (reader:page over runtime messaging). */
export async function askReaderOf(serviceWorker: Worker, tabId: number, request: object): Promise<unknown> {
  return serviceWorker.evaluate(
    ({ tabId, request }) => chrome.runtime.sendMessage({ type: 'reader:page', tabId, request }).catch((e: Error) => ({ error: e.message })),
    { tabId, request },
  );
}

/** Viewport point (of the tab) at the middle of the first highlighted range whose text contains `text`. */
export async function pointOnMention(page: Page, frame: Frame, text: string): Promise<{ x: number; y: number }> {
  const inFrame = await frame.evaluate((wanted) => {
    for (const [, highlight] of CSS.highlights) {
      for (const r of highlight as unknown as Set<AbstractRange>) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        const rect = range.getClientRects()[0];
        if (range.toString().includes(wanted) && rect && rect.width > 0) return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }
    }
    return null;
  }, text);
  if (!inFrame) throw new Error(`no highlighted "${text}" on screen`);
  const box = await (await frame.frameElement()).boundingBox();
  return { x: inFrame.x + (box?.x ?? 0), y: inFrame.y + (box?.y ?? 0) };
}
