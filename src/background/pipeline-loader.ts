import { browser, type Browser } from 'wxt/browser';

/** The page pipeline's bundle (entrypoints/page-pipeline), injected on request. Not web-accessible: pages cannot load or probe it. */
const PIPELINE_FILE = '/page-pipeline.js';

type ScriptingTarget = { tabId: number; frameIds?: number[]; documentIds?: string[] };

interface ScriptingApi {
  executeScript(injection: { target: ScriptingTarget; files: string[]; injectImmediately?: boolean }): Promise<unknown>;
}

/**
 * Injects the page pipeline into the frame whose content script asks for it
 * (`page:load-pipeline`, sent once per document when its prefilter finds a candidate).
 * Only the extension's own content scripts can send runtime messages; the sender's tab,
 * frame and document come from the browser, not from the message.
 */
export function answerPipelineLoad(_message: unknown, sender: Browser.runtime.MessageSender): Promise<{ ok: boolean }> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.id !== browser.runtime.id) return Promise.resolve({ ok: false });
  const frameId = sender.frameId ?? 0;
  const documentId = (sender as { documentId?: string }).documentId;
  return inject(tabId, frameId, documentId).then(
    () => ({ ok: true }),
    (error: unknown) => {
      console.warn('[IOM Lens] could not inject the page pipeline:', error);
      return { ok: false };
    },
  );
}

async function inject(tabId: number, frameId: number, documentId: string | undefined): Promise<void> {
  const scripting = (browser as unknown as { scripting?: ScriptingApi }).scripting;
  if (scripting) {
    // MV3. documentIds (Chrome 106+) pins the very document that asked, even if its frame navigated meanwhile.
    const target: ScriptingTarget = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] };
    await scripting.executeScript({ target, files: [PIPELINE_FILE], injectImmediately: true });
    return;
  }
  // MV2 (the Firefox build).
  await browser.tabs.executeScript(tabId, { file: PIPELINE_FILE, frameId });
}
