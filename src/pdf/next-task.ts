/**
 * Resolves in a new task, so the browser can handle input and draw in between.
 * A message-channel hop yields without the 4 ms clamp of setTimeout chains.
 */
export function nextTask(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}
