import { browser } from 'wxt/browser';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    const onMessage = (message: unknown) => {
      if ((message as { type?: string })?.type === 'page:mentions') {
        return Promise.resolve({ host: location.host, enabled: true, groups: [] });
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
