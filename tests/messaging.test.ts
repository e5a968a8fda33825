import { afterEach, describe, expect, it, vi } from 'vitest';
import { readContentRequest } from '../src/messaging/content-requests';
import { messageListener, readMessage } from '../src/messaging/receive';

const sender = { tab: { id: 3 } } as never;

describe('runtime messages', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes a valid message to the handler for its type, typed', async () => {
    const listener = messageListener('test', { 'card:get': (m) => Promise.resolve(`card ${m.entityId}`) });
    await expect(listener({ type: 'card:get', entityId: 'iom' }, sender)).resolves.toBe('card iom');
  });

  it("leaves another part's valid message alone, without a warning", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const handler = vi.fn();
    const listener = messageListener('test', { 'card:get': handler });
    expect(listener({ type: 'reader:page', tabId: 4, request: { type: 'page:mentions' } }, sender)).toBeUndefined();
    expect(handler).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown type', { type: 'card:delete', entityId: 'iom' }, /card:delete/],
    ['no type', { entityId: 'iom' }, /undefined/],
    ['not an object', 'card:get', /refused/],
    ['a missing field', { type: 'card:get' }, /entityId/],
    ['a wrong field type', { type: 'mentions:count', count: '12' }, /refused/],
    ['a negative count', { type: 'mentions:count', count: -1 }, /refused/],
    ['a direction that is not one', { type: 'page:jump', direction: 'sideways' }, /refused/],
    ['a reader request around a malformed one', { type: 'reader:page', tabId: 1, request: { type: 'page:reveal' } }, /entityId/],
  ])('refuses %s with a logged reason', (_, raw, reason) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const handler = vi.fn();
    const listener = messageListener('test', { 'card:get': handler, 'mentions:count': handler, 'page:jump': handler });
    expect(listener(raw, sender)).toBeUndefined();
    expect(handler).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(reason);
  });

  it('keeps the logged reason short, whatever the message holds', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    readMessage({ type: 'x'.repeat(1_000_000) }, 'test');
    expect(String(warn.mock.calls[0][0]).length).toBeLessThan(500);
  });

  it("reads the content script's requests alone: its own pass, anything else is refused with a logged reason", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readContentRequest({ type: 'page:jump', direction: 'next' }, 'test')).toEqual({ type: 'page:jump', direction: 'next' });
    expect(readContentRequest({ type: 'page:stats' }, 'test')).toEqual({ type: 'page:stats' });
    expect(warn).not.toHaveBeenCalled();
    expect(readContentRequest({ type: 'card:get', entityId: 'iom' }, 'test')).toBeUndefined();
    expect(readContentRequest({ type: 'page:reveal' }, 'test')).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[1][0])).toMatch(/entityId/);
  });

  it('does not let an own-property lookup reach the prototype', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readMessage({ type: 'toString' }, 'test')).toBeUndefined();
  });
});

describe("the background's card:get answers", () => {
  it('every entity’s card content is a valid CardContent, since-2014 facts included', async () => {
    const v = await import('valibot');
    const { CardContentSchema } = await import('../src/messaging/protocol');
    const { buildSerializedIndex } = await import('../src/search/build-index');
    const { loadArticleIndex } = await import('../src/search/search');
    const { cardContentFor } = await import('../src/search/card-content');
    const { entities } = await import('../src/entities/registry');
    const index = loadArticleIndex(buildSerializedIndex());
    let withSince = 0;
    for (const entity of entities) {
      const content = cardContentFor(index, entity.section, entity.id);
      const parsed = v.safeParse(CardContentSchema, content);
      expect(parsed.success ? [] : v.summarize(parsed.issues), entity.id).toEqual([]);
      expect(parsed.output).toEqual(content);
      if (content.since) withSince++;
    }
    expect(withSince).toBeGreaterThan(0);
  });
});
