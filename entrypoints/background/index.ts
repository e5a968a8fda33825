// Each part of the background registers its own listeners synchronously at the top
// level of the service worker, so events that wake it are never missed.
// https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events
import { registerBadge } from '@/src/background/badge';
import { registerContextMenu } from '@/src/background/context-menu';
import { registerSiteToggleCommand } from '@/src/background/site-toggle-command';
import { registerSearchOpener } from '@/src/background/search-opener';
import { registerCardService } from '@/src/background/card-service';
import { registerMentionNavigation } from '@/src/background/mention-navigation';
import { registerPipelineLoader } from '@/src/background/pipeline-loader';
import { registerPdfMenu } from '@/src/background/pdf-menu';

export default defineBackground(() => {
  registerPipelineLoader();
  registerCardService();
  registerMentionNavigation();
  registerBadge();
  registerContextMenu();
  registerSiteToggleCommand();
  registerSearchOpener();
  registerPdfMenu();
});
