/**
 * The one place where the PDF reader meets the page pipeline (src/page/). The reader is
 * an extension page, so no content script runs in it: it runs the pipeline itself, on its
 * own document, exactly as the content script does on a web page (same detector, same
 * scanner, highlighter, hover and cards). The whole PDF is the page: every page's text is
 * in the document (see text-layers.ts), so the pipeline's page-wide evidence spans all pages.
 * The reader loads this module (and with it the pipeline, the detector and the card) once its
 * first page is drawn: a chunk of its own, so loading the reader is not one long task.
 *
 * What this adapter relies on in today's pipeline (re-point it here when that changes):
 * - PageController(ctx, deps) (deps as in entrypoints/page-pipeline/) with start(), mentions(), reveal(entityId), jump(direction);
 * - OWN_UI_ATTRIBUTE: elements carrying it are neither scanned nor observed (own-ui.ts);
 * - ChangeQueue: a text change inside an inline element that is a direct child of <body>
 *   makes it read the whole document again, sliced into idle tasks (see requestRescan below).
 */
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createPrecompiledDetector } from '../detect/precompiled';
import { getEntity } from '../entities/registry';
import { getEffectiveSettings, watchEffectiveSettings } from '../settings/store';
import { PageController } from '../page/page-controller';
import { createPrefilter } from '../page/prefilter';
import { PREFILTER_SPEC } from '../page/prefilter-spec';
import type { ContentRequest } from '../messaging/protocol';

export interface ReaderPipeline {
  /** Answers the popup's and the background's `page:*` messages for this tab. */
  handleMessage(request: ContentRequest): Promise<unknown> | undefined;
  /** Reads the whole document again (once every page's text is in), so evidence anywhere counts everywhere. */
  requestRescan(): void;
  stop(): void;
}

/**
 * Starts the page pipeline on the reader's document. `siteHost` is the PDF's site (its
 * URL's host; '' for a local file): its per-site setting decides, not the reader's own URL.
 */
export function startPagePipeline(siteHost: string): ReaderPipeline {
  const ctx = new ContentScriptContext('pdf-reader');
  const controller = new PageController(ctx, {
    createDetector: createPrecompiledDetector,
    prefilter: createPrefilter(PREFILTER_SPEC),
    getEntity: (id) => getEntity(id),
    getSettings: () => getEffectiveSettings(siteHost),
    watchSettings: (_host, onChange, signal) => watchEffectiveSettings(siteHost, onChange, signal),
  });
  // An inline, hidden element right in <body>: changing its text asks ChangeQueue for a
  // sliced full rescan ("text changed right in <body>"); being hidden, it is never read.
  const rescanTrigger = document.createElement('span');
  rescanTrigger.hidden = true;
  const rescanText = document.createTextNode('0');
  rescanTrigger.append(rescanText);
  document.body.append(rescanTrigger);
  void controller.start();
  return {
    handleMessage(request) {
      switch (request.type) {
        case 'page:mentions':
          return Promise.resolve({ ...controller.mentions(), host: siteHost });
        case 'page:reveal':
          return Promise.resolve({ ok: controller.reveal(request.entityId) });
        case 'page:jump':
          return Promise.resolve({ ok: controller.jump(request.direction) });
        case 'page:stats':
          return undefined;
      }
    },
    requestRescan() {
      rescanText.data = String(Number(rescanText.data) + 1);
    },
    stop() {
      ctx.abort();
      rescanTrigger.remove();
    },
  };
}
