import { browser } from 'wxt/browser';
import { createDetector } from '../../src/detect/index';
import { getEntity } from '../../src/entities/registry';
import { getEffectiveSettings, watchEffectiveSettings } from '../../src/settings/store';
import { PageController } from '../../src/page/page-controller';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    const controller = new PageController(ctx, {
      createDetector: () => createDetector(),
      getEntity: (id) => getEntity(id),
      getSettings: getEffectiveSettings,
      watchSettings: watchEffectiveSettings,
    });
    const onMessage = (message: unknown) => controller.handleMessage(message);
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
    void controller.start();
  },
});
