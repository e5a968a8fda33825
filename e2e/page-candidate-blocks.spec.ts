/// <reference types="chrome" />
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { pageStats, sendToPage } from './page-helpers';

/** Fixtures whose text never stops changing: no settled state to compare. */
const UNSETTLED = new Set(['page-busy.html']);
const FIXTURES = readdirSync(path.join(import.meta.dirname, 'fixtures')).filter((name) => name.endsWith('.html') && !UNSETTLED.has(name));

test.describe('candidate blocks only: the same mentions as the detector on the whole page', () => {
  for (const fixture of FIXTURES) {
    test(fixture, async ({ context, serviceWorker, fixtureOrigin }) => {
      const page = await context.newPage();
      await page.goto(`${fixtureOrigin}/${fixture}`);
      await expect.poll(async () => (await pageStats(serviceWorker))?.gate.prefilterRuns ?? 0).toBeGreaterThan(0);
      const gate = (await pageStats(serviceWorker))!.gate;
      // No candidate: nothing is read (tests/page-prefilter.test.ts proves the prefilter misses no mention).
      test.skip(!gate.pipelineRequested, 'no candidate on this page');
      await expect.poll(async () => (await pageStats(serviceWorker))?.pipeline?.events.firstScan !== null).toBe(true);
      const reply = (await sendToPage(serviceWorker, { type: 'page:stats', fullPageCheck: true })) as { pipeline: { fullPage: string[]; scanned: string[] } };
      const check = reply.pipeline;
      expect(check.scanned).toEqual(check.fullPage);
      const routed = (await pageStats(serviceWorker))?.pipeline?.timing.routedFromGate;
      console.log(`${fixture}: ${check.scanned.length} mentions, same as the whole page (blocks ${routed ? "from the gate's candidates" : 'read again'})`);
    });
  }

  test("a page left as the gate read it is scanned from the gate's candidates, not read again", async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/smoke.html`);
    await expect.poll(async () => (await pageStats(serviceWorker))?.pipeline?.events.firstScan ?? null).not.toBeNull();
    expect((await pageStats(serviceWorker))!.pipeline!.timing.routedFromGate).toBe(true);
  });

  test("the first scan's text is detected by the background's detector: the page creates none", async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/smoke.html`);
    await expect.poll(async () => (await pageStats(serviceWorker))?.pipeline?.events.firstScan ?? null).not.toBeNull();
    const { timing, events } = (await pageStats(serviceWorker))!.pipeline!;
    expect(events.firstScan!.mentions).toBeGreaterThan(0);
    // Read in the background (its chunks are counted), with no detector created or warmed up here.
    expect(timing.chunks).toBeGreaterThan(0);
    expect({ createMs: timing.createMs, warmupMs: timing.warmupMs }).toEqual({ createMs: 0, warmupMs: 0 });
  });

  test("a page that changes after the gate's read is read again, and ends with the whole page's mentions", async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-busy.html`);
    await expect.poll(async () => (await pageStats(serviceWorker))?.pipeline?.events.firstScan ?? null).not.toBeNull();
    // The page changes every 4 ms: the gate's offsets are stale before the pipeline starts (or the gate hands none).
    expect((await pageStats(serviceWorker))!.pipeline!.timing.routedFromGate).not.toBe(true);
    await page.evaluate(() => (window as unknown as { stopBusy(): number }).stopBusy());
    await expect
      .poll(async () => {
        const { pipeline } = (await sendToPage(serviceWorker, { type: 'page:stats', fullPageCheck: true })) as { pipeline: { fullPage: string[]; scanned: string[] } };
        return pipeline.fullPage.length > 0 && JSON.stringify(pipeline.scanned) === JSON.stringify(pipeline.fullPage);
      })
      .toBe(true);
  });
});
