/**
 * The demo's PDF (for `npm start`): the same generated report the e2e tests open, served
 * beside the demo page, opened in a second tab; headless, a screenshot of a card over it.
 */
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { writePdfFixtures } from './make-pdf-fixtures';
import { pointOnMention, readerFrame, waitForReaderHighlights } from '../e2e/pdf-helpers';
import { hoverSlowly } from '../e2e/page-helpers';

/** Generated into the served demo folder (ignored by git). */
const PDF_FOLDER = 'pdf-generated';

export async function openDemoPdf(context: BrowserContext, demoDir: string, origin: string): Promise<Page> {
  await writePdfFixtures(path.join(demoDir, PDF_FOLDER));
  const page = await context.newPage();
  await page.goto(`${origin}/${PDF_FOLDER}/report-20.pdf`);
  return page;
}

/** Rests the pointer on the first mention in the PDF and writes the page with its card. */
export async function screenshotPdfCard(page: Page, file: string): Promise<boolean> {
  try {
    await page.bringToFront();
    const frame = await readerFrame(page);
    await waitForReaderHighlights(frame);
    const point = await pointOnMention(page, frame, 'International Organization');
    await hoverSlowly(page, point.x, point.y);
    await frame.locator('iom-lens-card .card').waitFor({ state: 'visible' });
    // The card fades in; the screenshot's animations: 'disabled' does not reach the reader's frame.
    await frame.waitForFunction(() => {
      const card = document.querySelector('iom-lens-card')?.shadowRoot?.querySelector('.card');
      return card?.getAnimations({ subtree: true }).every((animation) => animation.playState === 'finished') ?? false;
    });
    await page.screenshot({ path: file, animations: 'disabled' });
    return true;
  } catch (error) {
    console.warn('The PDF card screenshot failed:', error instanceof Error ? error.message : error);
    return false;
  }
}
