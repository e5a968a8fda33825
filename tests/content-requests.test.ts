import { afterEach, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { contentRequestSchema, readContentRequest } from '../src/messaging/content-requests';

afterEach(() => vi.restoreAllMocks());

/** Valid and invalid requests, edge cases of every field included. */
const SAMPLES: unknown[] = [
  { type: 'page:mentions' },
  { type: 'page:mentions', extra: 1 },
  { type: 'page:reveal', entityId: 'iom' },
  { type: 'page:reveal', entityId: 'x'.repeat(100) },
  { type: 'page:reveal', entityId: 'x'.repeat(101) },
  { type: 'page:reveal', entityId: '' },
  { type: 'page:reveal', entityId: 7 },
  { type: 'page:reveal' },
  { type: 'page:jump', direction: 'next' },
  { type: 'page:jump', direction: 'previous', other: true },
  { type: 'page:jump', direction: 'up' },
  { type: 'page:jump' },
  { type: 'page:stats' },
  { type: 'page:stats', fullPageCheck: true },
  { type: 'page:stats', fullPageCheck: false },
  { type: 'page:stats', fullPageCheck: undefined },
  { type: 'page:stats', fullPageCheck: 'yes' },
  { type: 'card:get', entityId: 'iom' },
  { type: 'toString' },
  { type: 'constructor' },
  { type: 42 },
  {},
  [],
  ['page:mentions'],
  null,
  undefined,
  'page:mentions',
  7,
];

describe("the content script's request reader", () => {
  it('reads exactly what the requests’ schema reads, with the same output, and refuses the rest', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const sample of SAMPLES) {
      const parsed = v.safeParse(contentRequestSchema(), sample);
      const read = readContentRequest(sample, 'test');
      expect(read, JSON.stringify(sample) ?? String(sample)).toStrictEqual(parsed.success ? parsed.output : undefined);
    }
  });

  it('logs one short reason per refused request', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    readContentRequest({ type: 'page:reveal', entityId: 'x'.repeat(1_000_000) }, 'test');
    readContentRequest({ type: 'y'.repeat(1_000_000) }, 'test');
    expect(warn).toHaveBeenCalledTimes(2);
    for (const [line] of warn.mock.calls) expect(String(line).length).toBeLessThan(300);
  });
});
