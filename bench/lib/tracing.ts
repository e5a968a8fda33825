/** Recording a Chrome trace of one tab over CDP, returned whole (the bench's trace readers share this). */
import type { CDPSession } from '@playwright/test';
import type { TraceEvent } from './trace-event';

export async function startTracing(cdp: CDPSession, categories: readonly string[]): Promise<void> {
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: [...categories], recordMode: 'recordContinuously' }, transferMode: 'ReturnAsStream' });
}

export async function stopTracing(cdp: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream ?? '')));
  await cdp.send('Tracing.end');
  const handle = await done;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}
