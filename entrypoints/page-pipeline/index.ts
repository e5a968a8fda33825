import { createPrecompiledDetector } from '../../src/detect/precompiled';
import { getEntity } from '../../src/entities/registry';
import { getEffectiveSettings, watchEffectiveSettings } from '../../src/settings/store';
import { PageController } from '../../src/page/page-controller';
import { offerPipeline } from '../../src/page/pipeline-handoff';
import { createPrefilter } from '../../src/page/prefilter';
import { PREFILTER_SPEC } from '../../src/page/prefilter-spec';

// The page pipeline (detector, scanner, highlighter, card), injected by the background
// (src/background/pipeline-loader.ts) only into frames where the content script's
// prefilter found a candidate. It runs in the content script's isolated world and hands
// itself over there (src/page/pipeline-handoff.ts).
export default defineUnlistedScript(() => {
  offerPipeline({
    start(ctx) {
      const controller = new PageController(ctx, {
        createDetector: createPrecompiledDetector,
        prefilter: createPrefilter(PREFILTER_SPEC),
        getEntity: (id) => getEntity(id),
        getSettings: getEffectiveSettings,
        watchSettings: watchEffectiveSettings,
      });
      void controller.start();
      return { handleMessage: (message) => controller.handleMessage(message) };
    },
  });
});
