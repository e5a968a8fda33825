import { test, expect } from './fixtures';
import { highlightNames, highlightSize, waitForHighlights } from './page-helpers';
import { RESCAN_BURST, RESCAN_REFILL_MS } from '../src/page/rescan-limiter';

const STORM_MS = 5000;
const STORM_EVERY_MS = 20;

// Issue 9, item 2: a page cannot make IOM Lens rescan without bound. 250 forged WXT
// location events in 5 s cost 2.3 s of main thread before (one full rescan each).
test('forged navigation events and a replaceState flood cause a bounded number of rescans', async ({ context, extensionId, fixtureOrigin }) => {
  const page = await context.newPage();
  await page.goto(`${fixtureOrigin}/hostile-navigation.html`);
  await waitForHighlights(page);
  await expect.poll(() => highlightSize(page, 'org')).toBe(800);
  const org = (await highlightNames(page)).org;
  await page.evaluate((name) => (window as any).hostile.watchRescans(name), org);

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value;
  const before = await taskSeconds();
  const events = await page.evaluate(([id, ms, every]) => (window as any).hostile.storm(id, ms, every), [extensionId, STORM_MS, STORM_EVERY_MS] as const);
  // Let a rescan that was due at the end of the storm run.
  await page.waitForTimeout(1500);
  const mainThreadMs = ((await taskSeconds()) - before) * 1000;
  const rescans = await page.evaluate(() => (window as any).hostile.rescans);
  console.log(`[hostile] navigation storm: ${events} rounds of forged events + replaceState in ${STORM_MS} ms -> ${rescans} rescans, ${mainThreadMs.toFixed(0)} ms main thread (page's own work included)`);

  // The first navigation rescans (the URL did change), then the bucket limits the rest.
  expect(rescans).toBeGreaterThanOrEqual(1);
  expect(rescans).toBeLessThanOrEqual(RESCAN_BURST + Math.ceil((STORM_MS + 1500) / RESCAN_REFILL_MS));
  // Still marked afterwards.
  expect(await highlightSize(page, 'org')).toBe(800);
});
