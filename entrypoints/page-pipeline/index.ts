import { createPrecompiledDetector } from '../../src/detect/precompiled';
import { getEntity } from '../../src/entities/registry';
import { watchEffectiveSettings } from '../../src/settings/store';
import { PageController } from '../../src/page/page-controller';
import { offerPipeline } from '../../src/page/pipeline-handoff';
import { backgroundDetector } from '../../src/page/background-detector';
import { STOP_AFTER } from '../../src/page/stage-stop';

/*
 * The page pipeline (detector, scanner, highlighter, card), injected by the background
 * (src/background/pipeline-loader.ts) only into frames where the content script's
 * prefilter found a candidate. It runs in the content script's isolated world and hands
 * itself over there (src/page/pipeline-handoff.ts).
 *
 * A page's text, from here to the painted highlight (read the files in this order):
 *
 *   entrypoints/content/index.ts    every page: the gate (src/page/gate.ts) reads the site's setting,
 *   src/page/prefilter.ts           1. prefilter: could anything in body.textContent be a mention? no → stop
 *   src/page/pipeline-handoff.ts    the background injects this script; the gate starts it with the page's candidates
 *   src/page/page-controller.ts     settings, navigation, hover and cards around the scan
 *   src/page/observer.ts            the scheduler: what to (re)read, in tasks of task-scheduler.ts;
 *   src/page/dom-watcher.ts           page changes come from the DOM watcher
 *   src/page/page-scanner.ts        the scan, one step after the other, each sliced:
 *   src/page/candidate-blocks.ts    2. candidate blocks: which blocks hold a candidate (+ their context)
 *   src/page/block-text.ts          3. block text: their visible text nodes (visibility per block), joined by text-model.ts
 *   src/page/background-detector.ts 4. detect: that text to the background's detector (src/background/detect-service.ts), or
 *   src/page/detect-step.ts            the detector (src/detect/) here, over that text, chunk by chunk
 *   src/page/place.ts               5. place: each mention → a StaticRange over its text nodes (mention-index.ts)
 *   src/page/highlighter.ts         6. paint: CSS.highlights and one ::highlight() stylesheet, random names
 *   src/page/scan-stats.ts          the counters of all steps, read by `page:stats` (tests, bench)
 */
export default defineUnlistedScript(() => {
  offerPipeline({
    start(ctx, { prefilter, pageText, settings }) {
      const controller = new PageController(ctx, {
        createDetector: createPrecompiledDetector,
        detectInBackground: backgroundDetector(ctx.signal),
        // The gate's: compiled (and warmed up) there already.
        prefilter,
        pageText,
        getEntity: (id) => getEntity(id),
        // The gate's, current: the stored settings are not read and validated again.
        getSettings: () => Promise.resolve(settings),
        watchSettings: (host, onChange, signal) => watchEffectiveSettings(host, onChange, signal, settings),
      });
      if (STOP_AFTER !== 'pipeline' && STOP_AFTER !== 'candidates') void controller.start();
      return { handleMessage: (message) => controller.handleMessage(message) };
    },
  });
});
