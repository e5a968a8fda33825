// Each part of the background registers its own listeners synchronously at the top
// level of the service worker, so events that wake it are never missed.
// https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events
import { browser } from 'wxt/browser';
import { recordMentionsCount, registerBadge } from '@/src/background/badge';
import { registerContextMenu } from '@/src/background/context-menu';
import { registerSiteToggleCommand } from '@/src/background/site-toggle-command';
import { answerSearchOpen } from '@/src/background/search-opener';
import { answerCardRequest, preloadArticleIndex } from '@/src/background/card-service';
import { registerMentionNavigation } from '@/src/background/mention-navigation';
import { answerPipelineLoad } from '@/src/background/pipeline-loader';
import { answerDetectRequest } from '@/src/background/detect-service';
import { registerPdfMenu } from '@/src/background/pdf-menu';
import { messageListener } from '@/src/messaging/receive';
import { repairStoredSettings } from '@/src/settings/store';

export default defineBackground(() => {
  // The background's messages (src/messaging/protocol.ts), checked once here.
  browser.runtime.onMessage.addListener(
    messageListener('background', {
      'card:get': answerCardRequest,
      'mentions:count': recordMentionsCount,
      'search:open': answerSearchOpen,
      'page:load-pipeline': answerPipelineLoad,
      'page:detect': answerDetectRequest,
      'settings:repair': () => repairStoredSettings().then(() => ({ ok: true })),
    }),
  );
  preloadArticleIndex();
  registerMentionNavigation();
  registerBadge();
  registerContextMenu();
  registerSiteToggleCommand();
  registerPdfMenu();
});
