/// <reference types="chrome" />
import { test, expect } from './fixtures';
import { highlightTexts, pageStats, waitForHighlights } from './page-helpers';

test.describe('prefilter first: a page without a candidate pays only the prefilter', () => {
  test('no candidate: no pipeline, no stylesheet, no highlight, no card host; text added later with a mention loads it', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-prefilter.html`);
    await expect.poll(async () => (await pageStats(serviceWorker))?.gate.prefilterRuns ?? 0).toBeGreaterThan(0);
    const before = await pageStats(serviceWorker);
    expect(before?.gate).toMatchObject({ candidates: 0, pipelineRequested: false, pipelineLoaded: false });
    expect(before?.pipeline).toBeNull();
    const untouched = () =>
      page.evaluate(() => ({
        sheets: document.adoptedStyleSheets.length,
        highlights: CSS.highlights.size,
        hosts: document.querySelectorAll('iom-lens-card, [data-iom-lens-ui]').length,
        marks: performance.getEntriesByType('mark').length + performance.getEntriesByType('measure').length,
      }));
    expect(await untouched()).toEqual({ sheets: 0, highlights: 0, hosts: 0, marks: 0 });

    // Text without a candidate changes nothing either.
    await page.evaluate(() => (window as any).app.add('More about beans and the weather.'));
    await expect.poll(async () => (await pageStats(serviceWorker))?.gate.prefilterRuns).toBeGreaterThan(1);
    expect((await pageStats(serviceWorker))?.gate.pipelineRequested).toBe(false);

    // A mention added later goes through the prefilter, which loads the pipeline.
    await page.evaluate(() => (window as any).app.add('The International Organization for Migration (IOM) opened an office.'));
    await waitForHighlights(page);
    expect(await highlightTexts(page)).toEqual(['International Organization for Migration', 'IOM']);
    const after = await pageStats(serviceWorker);
    expect(after?.gate).toMatchObject({ pipelineRequested: true, pipelineLoaded: true });
    expect(after?.pipeline?.events.firstScan?.mentions).toBe(2);
  });

  // textContent joins adjacent blocks with nothing between (https://dom.spec.whatwg.org/#concept-descendant-text-content),
  // the pipeline reads them apart: the gate must not need a word boundary the pipeline's text has and its own has not.
  test('minified block markup: the only mentions glued to their neighbours in textContent ("PartnersIOM", "IOMThe") load the pipeline', async ({ context, serviceWorker, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-glued.html`);
    const text = await page.evaluate(() => document.body.textContent ?? '');
    expect(text).toContain('PartnersIOM works');
    expect(text).toContain('GenevaIOMThe next');
    await waitForHighlights(page);
    expect(await highlightTexts(page)).toEqual(['IOM', 'IOM']);
    expect((await pageStats(serviceWorker))?.gate).toMatchObject({ pipelineRequested: true, pipelineLoaded: true });
  });

  test('the pipeline is not a web-accessible resource: a page cannot load or probe it', async ({ context, extensionId, fixtureOrigin }) => {
    const page = await context.newPage();
    await page.goto(`${fixtureOrigin}/page-prefilter.html`);
    const probe = await page.evaluate(async (id) => {
      try {
        const response = await fetch(`chrome-extension://${id}/page-pipeline.js`);
        return response.ok ? 'loaded' : 'refused';
      } catch {
        return 'refused';
      }
    }, extensionId);
    expect(probe).toBe('refused');
  });
});
