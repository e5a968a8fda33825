/// <reference types="chrome" />
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { card, highlightTexts, hoverSlowly, textRect, waitForHighlights } from './page-helpers';

async function openCardOn(page: Page, selector: string, text: string, occurrence = 0) {
  const r = await textRect(page, selector, text, occurrence);
  await hoverSlowly(page, r.x + r.width / 2, r.y + r.height / 2);
  await expect(card(page)).toBeVisible();
  // Measure the card at rest, after its short entrance animation.
  await card(page).evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
  return r;
}

async function cardBox(page: Page) {
  const box = await card(page).boundingBox();
  if (!box) throw new Error('card has no box');
  return box;
}

function expectInsideViewport(box: { x: number; y: number; width: number; height: number }, viewport: { width: number; height: number }) {
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

/** The element the browser hit-tests at the centre of the open card: the card's host when nothing covers it. */
async function elementAtCardCentre(page: Page): Promise<string | undefined> {
  const box = await cardBox(page);
  return page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName.toLowerCase(), {
    x: box.x + box.width / 2,
    y: box.y + box.height / 2,
  });
}

test.describe('hover card', () => {
  test('resting on a mention opens a card with the entity, the reason, the article part and the source', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page);
    const mention = await openCardOn(page, '#lead', 'International Organization for Migration');
    const c = card(page);
    await expect(c.locator('.name')).toHaveText('International Organization for Migration (IOM)');
    await expect(c.locator('.kind')).toHaveText('Organization');
    await expect(c.locator('.reason')).toContainText('Matched “International Organization for Migration”');
    await expect(c.locator('.summary')).not.toBeEmpty();
    await expect(c.locator('.facts dt').first()).toBeVisible();
    await expect(c.locator('.asof').first()).toHaveText(/\(as of \d{4}\)/);
    await expect(c.locator('details summary')).toContainText('Full section:');
    await expect(c.locator('.search')).toHaveText('Search the article for “International Organization for Migration”');
    await expect(c.locator('.source')).toContainText(/CC BY-SA/);
    await expect(c).toHaveAttribute('role', 'dialog');
    // Placed just below the line box it was opened on, inside the viewport.
    const box = await cardBox(page);
    expect(box.y).toBeGreaterThanOrEqual(mention.y + mention.height);
    expect(box.y).toBeLessThan(mention.y + mention.height + 20);
    expectInsideViewport(box, page.viewportSize()!);
    await page.screenshot({ path: 'test-results/card-org.png', animations: 'disabled' });
    // The expander shows the full section.
    await c.locator('details summary').click();
    await expect(c.locator('details p').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/card-org-expanded.png', animations: 'disabled' });
  });

  test('a former name shows its era', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page, 'former-name');
    await openCardOn(page, '#former', 'ICEM');
    await expect(card(page).locator('.era')).toHaveText('ICEM — name of IOM 1952–1980');
    await expect(card(page).locator('.kind')).toHaveText('Former name');
    // The era is said once: the reason line does not repeat it.
    await expect(card(page).locator('.reason')).toContainText('Matched “ICEM”');
    await expect(card(page).locator('.reason')).not.toContainText('1952–1980');
    await page.screenshot({ path: 'test-results/card-former-name.png', animations: 'disabled' });
    await page.mouse.move(5, 700);
    await expect(card(page)).toBeHidden();
    // Matched by its full name, the era line still names it by its acronym, under the full name as title.
    await openCardOn(page, '#former', 'Intergovernmental Committee for European Migration');
    await expect(card(page).locator('.name')).toHaveText('Intergovernmental Committee for European Migration (ICEM)');
    await expect(card(page).locator('.era')).toHaveText('ICEM — name of IOM 1952–1980');
    await expect(card(page).locator('.reason')).toContainText('Matched “Intergovernmental Committee for European Migration”');
    await expect(card(page).locator('.reason')).not.toContainText('1952–1980');
  });

  test('the card stays open while the pointer travels into it, and closes after leaving both', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page);
    const m = await openCardOn(page, '#lead', 'International Organization for Migration');
    const box = await cardBox(page);
    // Travel from the mention down into the card, through the gap.
    await hoverSlowly(page, box.x + 40, box.y + 30, { x: m.x + 20, y: m.y + m.height / 2 });
    await page.waitForTimeout(600);
    await expect(card(page)).toBeVisible();
    // The card's text can be selected.
    const selected = await card(page).locator('.name').evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return sel.toString();
    });
    expect(selected).toBe('International Organization for Migration (IOM)');
    // Leave to an empty part of the page: it closes after the grace time.
    const plain = await textRect(page, '#plain', 'nothing');
    await hoverSlowly(page, plain.x, plain.y + 400, { x: box.x + 40, y: box.y + box.height + 5 });
    await expect(card(page)).toBeHidden();
  });

  test('a fast sweep across a mention or a pressed button opens nothing', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page);
    const m = await textRect(page, '#lead', 'International Organization for Migration');
    const y = m.y + m.height / 2;
    // Sweep across the whole mention in 3 big jumps (≈100 px per event) and off it.
    await page.mouse.move(m.x - 50, y + 200);
    await page.mouse.move(m.x - 50, y);
    await page.mouse.move(m.x + m.width / 2, y);
    await page.mouse.move(m.x + m.width + 150, y + 150);
    await page.waitForTimeout(900);
    await expect(card(page)).toBeHidden();
    // Selecting text: the button is down while passing over the mention and resting there.
    await page.mouse.move(m.x - 30, y);
    await page.mouse.down();
    await hoverSlowly(page, m.x + m.width / 2, y, { x: m.x - 30, y });
    await page.waitForTimeout(900);
    await expect(card(page)).toBeHidden();
    await page.mouse.up();
    // With no open delay at all, a sweep still opens nothing…
    await serviceWorker.evaluate(async () => {
      await chrome.storage.sync.set({ settings: { global: { openDelayMs: 0 }, sites: [] }, settings$: { v: 2 } });
    });
    await page.waitForTimeout(300);
    await page.mouse.move(m.x - 50, y + 200);
    await page.mouse.move(m.x - 50, y);
    await page.mouse.move(m.x + m.width / 2, y);
    await page.mouse.move(m.x + m.width + 150, y + 150);
    await page.waitForTimeout(600);
    await expect(card(page)).toBeHidden();
    // …while resting on the mention opens at once.
    await hoverSlowly(page, m.x + m.width / 2, y);
    await expect(card(page)).toBeVisible();
  });

  test('a mention scrolled under a resting pointer opens its card when the pointer next moves', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page);
    // "IOM" in #far, in page coordinates (the page is not scrolled yet), and a resting point over the empty block above it.
    const far = await page.evaluate(() => {
      const text = document.querySelector('#far')!.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, text.data.indexOf('IOM'));
      range.setEnd(text, text.data.indexOf('IOM') + 3);
      const r = range.getClientRects()[0];
      const bottom = document.documentElement.scrollHeight - innerHeight;
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 + scrollY, bottom };
    });
    // Scrolled to the bottom, the mention is here; unscrolled, this point is over the empty block.
    const rest = { x: far.x, y: far.y - far.bottom };
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.querySelector('*') === null && !document.elementFromPoint(x, y)?.textContent, rest)).toBe(true);
    await hoverSlowly(page, rest.x, rest.y);
    await page.waitForTimeout(600);
    await expect(card(page)).toBeHidden();
    // The page scrolls the mention under the pointer; the reader then nudges the mouse by 2 px and rests.
    await page.evaluate((top) => window.scrollTo({ top, behavior: 'instant' }), far.bottom);
    await page.mouse.move(rest.x + 2, rest.y);
    await expect(card(page)).toBeVisible();
    await expect(card(page).locator('.name')).toHaveText('International Organization for Migration (IOM)');
  });

  test('mentions at the right and bottom edges get cards inside the viewport', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-edges.html`);
    await waitForHighlights(page);
    const viewport = page.viewportSize()!;
    for (const id of ['right', 'bottom', 'corner']) {
      const r = await openCardOn(page, `#${id}`, 'IOM');
      const box = await cardBox(page);
      expectInsideViewport(box, viewport);
      // Never on the mention's line: below it, or flipped above it near the bottom edge.
      if (id === 'right') expect(box.y).toBeGreaterThanOrEqual(r.y + r.height);
      else expect(box.y + box.height).toBeLessThanOrEqual(r.y);
      await page.screenshot({ path: `test-results/card-edge-${id}.png`, animations: 'disabled' });
      await page.mouse.move(200, 200);
      await expect(card(page)).toBeHidden();
    }
  });

  test('a mention wrapped over two lines gets its card under the line the pointer rests on, and keeps to it while the page scrolls', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page, 'former-name');
    // Narrow the paragraph so that the former name breaks before "European": its two line
    // boxes do not overlap (line 1 ends at the right, line 2 starts at the left).
    await page.evaluate(() => {
      const former = document.getElementById('former')!;
      const text = former.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, text.data.indexOf(' European'));
      former.style.width = `${range.getBoundingClientRect().width + 4}px`;
    });
    const line1 = await textRect(page, '#former', 'Intergovernmental');
    const line2 = await textRect(page, '#former', 'European');
    expect(line2.y).toBeGreaterThan(line1.y + line1.height / 2);
    expect(line2.x + line2.width).toBeLessThan(line1.x);
    for (const [line, word] of [[line1, 'Intergovernmental'], [line2, 'European']] as const) {
      await openCardOn(page, '#former', word);
      await expect(card(page).locator('.name')).toHaveText('Intergovernmental Committee for European Migration (ICEM)');
      const box = await cardBox(page);
      expect(box.y).toBeGreaterThanOrEqual(line.y + line.height);
      expect(box.y).toBeLessThan(line.y + line.height + 20);
      if (line === line2) break;
      await page.mouse.move(200, 700);
      await expect(card(page)).toBeHidden();
    }
    // A small scroll leaves the pointer on the mention; the card moves with its line.
    const before = await cardBox(page);
    await page.evaluate(() => scrollBy(0, 8));
    await expect.poll(async () => Math.round((await cardBox(page)).y)).toBe(Math.round(before.y - 8));
  });

  test('pointer events a page script dispatches itself open no card (the page cannot probe for IOM Lens)', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page);
    const m = await textRect(page, '#lead', 'International Organization for Migration');
    await page.evaluate(async ({ x, y }) => {
      const target = document.elementFromPoint(x, y)!;
      for (let i = 0; i < 30; i++) {
        target.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, pointerType: 'mouse', bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      for (const type of ['pointerdown', 'pointerup']) {
        target.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerType: 'touch', isPrimary: true, bubbles: true }));
      }
    }, { x: m.x + m.width / 2, y: m.y + m.height / 2 });
    await page.waitForTimeout(700);
    expect(await page.evaluate(() => document.querySelector('iom-lens-card')?.matches(':popover-open') ?? false)).toBe(false);
    // The reader's own pointer still works.
    await openCardOn(page, '#lead', 'International Organization for Migration');
  });

  test('the card shows above a max z-index stacking context and a modal dialog, and takes the pointer', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-dialog.html`);
    await waitForHighlights(page);
    await openCardOn(page, '#in-dialog', 'International Organization for Migration');
    expect(await elementAtCardCentre(page)).toBe('iom-lens-card');
    // The card is interactive although the page behind the dialog is inert.
    await card(page).locator('details summary').click();
    await expect(card(page).locator('details')).toHaveAttribute('open', '');
    await page.screenshot({ path: 'test-results/card-over-modal-dialog.png', animations: 'disabled' });
  });

  test('the card over a max z-index stacking context (no dialog)', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-dialog.html`);
    await page.evaluate(() => (document.getElementById('modal') as HTMLDialogElement).close());
    await waitForHighlights(page);
    await openCardOn(page, '#in-overlay', 'IOM');
    expect(await elementAtCardCentre(page)).toBe('iom-lens-card');
  });

  test('hostile page CSS does not change the card', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-hostile.html`);
    await waitForHighlights(page);
    await openCardOn(page, '#hostile', 'IOM');
    const style = await card(page).evaluate((el) => {
      const s = getComputedStyle(el);
      return { font: s.fontSize, family: s.fontFamily, color: s.color, position: s.position, letter: s.letterSpacing, transform: s.transform, display: s.display };
    });
    expect(style.font).toBe('14px');
    expect(style.family).not.toMatch(/Comic/);
    expect(style.color).not.toBe('rgb(255, 0, 0)');
    expect(style.position).toBe('fixed');
    expect(style.letter).toBe('normal');
    expect(style.transform).toBe('none');
    const box = await cardBox(page);
    expect(box.width).toBeGreaterThan(230);
    expect(box.width).toBeLessThanOrEqual(400);
    expectInsideViewport(box, page.viewportSize()!);
    await page.screenshot({ path: 'test-results/card-hostile-css.png', animations: 'disabled' });
  });

  test('axe finds no serious or critical problem in an open card', async ({ context, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page);
    await openCardOn(page, '#lead', 'International Organization for Migration');
    await expect(card(page).locator('.summary')).toBeVisible();
    const results = await new AxeBuilder({ page }).include('iom-lens-card').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test('dark system theme and reduced motion are followed; the theme setting overrides the system', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await page.goto(`${fixtureOrigin}/page-card.html`);
    await waitForHighlights(page);
    await openCardOn(page, '#lead', 'International Organization for Migration');
    const look = () =>
      card(page).evaluate((el) => {
        const s = getComputedStyle(el);
        return { background: s.backgroundColor, animation: s.animationName };
      });
    expect(await look()).toEqual({ background: 'rgb(31, 34, 40)', animation: 'none' });
    await page.screenshot({ path: 'test-results/card-dark.png', animations: 'disabled' });
    await page.mouse.move(5, 700);
    await expect(card(page)).toBeHidden();
    await serviceWorker.evaluate(async () => {
      await chrome.storage.sync.set({ settings: { global: { theme: 'light' }, sites: [] }, settings$: { v: 2 } });
    });
    await page.waitForTimeout(300);
    await openCardOn(page, '#lead', 'International Organization for Migration');
    expect((await look()).background).toBe('rgb(255, 255, 255)');
    // And the other way: a dark setting on a light system.
    await page.mouse.move(5, 700);
    await expect(card(page)).toBeHidden();
    await page.emulateMedia({ colorScheme: 'light' });
    await serviceWorker.evaluate(async () => {
      await chrome.storage.sync.set({ settings: { global: { theme: 'dark' }, sites: [] }, settings$: { v: 2 } });
    });
    await page.waitForTimeout(300);
    await openCardOn(page, '#lead', 'International Organization for Migration');
    expect((await look()).background).toBe('rgb(31, 34, 40)');
  });

  test('on the demo page: a former name card (the README screenshot)', async ({ context, fixtureOrigin }) => {
    // The demo page that `npm start` opens, served from the fixture origin.
    const demo = readFileSync(path.join(import.meta.dirname, '..', 'scripts', 'demo', 'index.html'));
    await context.route(`${fixtureOrigin}/demo.html`, (route) => route.fulfill({ body: demo, contentType: 'text/html; charset=utf-8' }));
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/demo.html`);
    await waitForHighlights(page, 'former-name');
    expect(await highlightTexts(page, 'former-name')).toEqual(
      expect.arrayContaining(['ICEM', 'Intergovernmental Committee for European Migration']),
    );
    const mention = await openCardOn(page, 'body', 'ICEM');
    await expect(card(page).locator('.era')).toHaveText('ICEM — name of IOM 1952–1980');
    // Below the mention there is less room than the card needs: it opens above, at full height.
    const box = await cardBox(page);
    expect(box.y + box.height).toBeLessThanOrEqual(mention.y);
    expect(box.height).toBeGreaterThan(300);
    await expect(card(page).locator('.summary')).toBeVisible();
    await page.screenshot({ path: 'test-results/card-demo-former-name.png', animations: 'disabled' });
  });
});
