// The extension API without webextension-polyfill: Chrome's MV3 API and Firefox's `browser`
// both return promises, and the one listener below answers through sendResponse, which both
// support. The polyfill would be about a fifth of this script, parsed on every page.
import { browser } from '@wxt-dev/browser';
import { getEffectiveSettings, watchEffectiveSettings } from '../../src/settings/page-settings';
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
    const onMessage = (message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void): boolean => {
      const reply = gate.handleMessage(message);
      if (!reply) return false;
      reply.then(sendResponse, (error: unknown) => {
        console.warn('[IOM Lens] could not answer a message:', error);
        sendResponse(undefined);
      });
      // The reply comes later: keep the channel open.
      return true;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
    void gate.start();
  },
});
