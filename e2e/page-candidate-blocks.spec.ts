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
      console.log(`${fixture}: ${check.scanned.length} mentions, same as the whole page`);
    });
  }
});
