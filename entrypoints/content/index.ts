import { browser } from 'wxt/browser';
import { getEffectiveSettings, watchEffectiveSettings } from '../../src/settings/store';
import { PageGate } from '../../src/page/gate';
import { PREFILTER_SPEC } from '../../src/page/prefilter-spec';
import { takePipeline } from '../../src/page/pipeline-handoff';
import type { BackgroundRequest } from '../../src/messaging/protocol';

// Injected into every page: the settings check and the prefilter only (src/page/gate.ts).
// The rest of IOM Lens (entrypoints/page-pipeline) is injected by the background into the
// frames whose text holds a candidate.
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    const gate = new PageGate(ctx, {
      prefilter: PREFILTER_SPEC,
      getSettings: getEffectiveSettings,
      watchSettings: watchEffectiveSettings,
      loadPipeline: async () => {
        const reply = (await browser.runtime.sendMessage({ type: 'page:load-pipeline' } satisfies BackgroundRequest)) as { ok?: boolean } | undefined;
        return reply?.ok ? (takePipeline() ?? null) : null;
      },
    });
    const onMessage = (message: unknown) => gate.handleMessage(message);
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
    void gate.start();
  },
});
