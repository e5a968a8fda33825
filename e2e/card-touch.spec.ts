import type { CDPSession, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { card, textRect, waitForHighlights } from './page-helpers';

/**
 * Touch and pen in Chromium. The extension's context cannot be created with Playwright's
 * `hasTouch`/`isMobile` (it is a persistent context shared by the suite), so each test
 * turns the page into a 360×640 phone over CDP (`Emulation.setDeviceMetricsOverride`,
 * `Emulation.setTouchEmulationEnabled`) and touches it with `Input.dispatchTouchEvent`:
 * Chromium then fires real `pointerType: "touch"` pointer events, long-press gestures
 * and compatibility mouse events, as on a phone. A pen is `Input.dispatchMouseEvent` with
 * `pointerType: "pen"`.
 */

const PHONE = { width: 360, height: 640 };

async function phone(context: import('@playwright/test').BrowserContext, url: string): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage();
  await page.setViewportSize(PHONE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { ...PHONE, deviceScaleFactor: 2, mobile: true });
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  await page.goto(url);
  await waitForHighlights(page);
  return { page, cdp };
}

async function touch(cdp: CDPSession, page: Page, x: number, y: number, holdMs = 60, to?: { x: number; y: number }): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  if (to) {
    for (let i = 1; i <= 8; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + ((to.x - x) * i) / 8, y: y + ((to.y - y) * i) / 8 }] });
      await page.waitForTimeout(16);
    }
  }
  await page.waitForTimeout(holdMs);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function penTap(cdp: CDPSession, x: number, y: number): Promise<void> {
  const common = { x, y, button: 'left' as const, clickCount: 1, pointerType: 'pen' as const };
  await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...common, buttons: 1 });
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...common, buttons: 0 });
}

const centre = (r: { x: number; y: number; width: number; height: number }) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

test.describe('touch and pen', () => {
  test('a tap on a mention opens its card, fitted to a 360×640 screen; a tap elsewhere closes it', async ({ context, fixtureOrigin }) => {
    const { page, cdp } = await phone(context, `${fixtureOrigin}/page-touch.html`);
    expect(await page.evaluate(() => ({ w: innerWidth, h: innerHeight, touch: navigator.maxTouchPoints }))).toEqual({ w: 360, h: 640, touch: 5 });
    const m = centre(await textRect(page, '#lead', 'International Organization for Migration'));
    await touch(cdp, page, m.x, m.y);
    const c = card(page);
    await expect(c).toBeVisible();
    await expect(c.locator('.name')).toHaveText('International Organization for Migration (IOM)');
    await c.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
    const box = (await c.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    // Its content scrolls inside it rather than running off the screen.
    expect(await c.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await page.screenshot({ path: 'test-results/card-touch-phone.png', animations: 'disabled' });

    // A tap inside the card is the card's own (the expander opens; the card stays). On a
    // phone the expander is below the card's fold: the card scrolls (its footer stays in view).
    await c.locator('details summary').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const summary = centre((await c.locator('details summary').boundingBox())!);
    await touch(cdp, page, summary.x, summary.y);
    await expect(c.locator('details p').first()).toBeVisible();
    await expect(c).toBeVisible();

    // A tap on text the card does not cover (the heading above) closes it.
    const heading = centre(await textRect(page, 'h1', 'Migration'));
    await touch(cdp, page, heading.x, heading.y);
    await expect(c).toBeHidden();

    // A tap on another mention (above the card: on a phone the card covers the lines below) moves the card there.
    const former = centre(await textRect(page, '#former', 'ICEM'));
    await touch(cdp, page, former.x, former.y);
    await expect(c.locator('.name')).toHaveText('Intergovernmental Committee for European Migration (ICEM)');
    const lead = centre(await textRect(page, '#lead', 'International Organization for Migration'));
    await touch(cdp, page, lead.x, lead.y);
    await expect(c.locator('.name')).toHaveText('International Organization for Migration (IOM)');

    // The close button closes it too.
    const close = centre((await c.locator('.close').boundingBox())!);
    await touch(cdp, page, close.x, close.y);
    await expect(c).toBeHidden();
  });

  test('a long press on a mention opens nothing and leaves the selection to the browser; a swipe opens nothing', async ({ context, fixtureOrigin }) => {
    const { page, cdp } = await phone(context, `${fixtureOrigin}/page-touch.html`);
    // The page sees every touch event uncancelled: IOM Lens never calls preventDefault on them.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      for (const type of ['touchstart', 'touchend', 'pointerdown', 'pointerup', 'contextmenu']) {
        window.addEventListener(type, (e) => seen.push(`${type}${e.defaultPrevented ? ':prevented' : ''}`));
      }
    });
    const m = centre(await textRect(page, '#lead', 'International Organization for Migration'));
    await touch(cdp, page, m.x, m.y, 900);
    await page.waitForTimeout(600);
    await expect(card(page)).toBeHidden();
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen).toContain('touchstart');
    expect(seen.filter((s) => s.endsWith(':prevented'))).toEqual([]);

    // A swipe that starts on a mention scrolls or drags, never opens.
    await page.evaluate(() => getSelection()?.removeAllRanges());
    await touch(cdp, page, m.x, m.y, 30, { x: m.x - 5, y: m.y - 150 });
    await page.waitForTimeout(600);
    await expect(card(page)).toBeHidden();

    // A long press while a card is open leaves it open.
    const fresh = centre(await textRect(page, '#lead', 'International Organization for Migration'));
    await touch(cdp, page, fresh.x, fresh.y);
    await expect(card(page)).toBeVisible();
    const heading = centre(await textRect(page, 'h1', 'Migration'));
    await touch(cdp, page, heading.x, heading.y, 900);
    await page.waitForTimeout(400);
    await expect(card(page)).toBeVisible();
  });

  test('a pen tap opens a card like a finger, and a pen tap elsewhere closes it', async ({ context, fixtureOrigin }) => {
    const { page, cdp } = await phone(context, `${fixtureOrigin}/page-touch.html`);
    const m = centre(await textRect(page, '#former', 'ICEM'));
    await penTap(cdp, m.x, m.y);
    await expect(card(page).locator('.name')).toHaveText('Intergovernmental Committee for European Migration (ICEM)');
    // The card is below the mention: the heading above is not under it.
    const heading = centre(await textRect(page, 'h1', 'Migration'));
    await penTap(cdp, heading.x, heading.y);
    await expect(card(page)).toBeHidden();
  });
});
