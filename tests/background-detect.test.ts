/**
 * Detection in the background (src/background/detect-service.ts, page:detect): the text the
 * page sends is read back with the same blocks and groups (text-model.ts blocksOf) and gives
 * exactly the mentions the page's own chunked detection gives; the page side
 * (src/page/background-detector.ts) falls back (null) on every failure.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { allCorpusTexts } from './corpus-texts';
import { createDetector } from '../src/detect/index';
import { DetectReplySchema, type DetectRequest } from '../src/messaging/protocol';
import { readMessage } from '../src/messaging/receive';
import { detectInChunks, type DetectCost, type DetectWith } from '../src/page/detect-step';
import { ScanStats } from '../src/page/scan-stats';
import { blocksOf, chunkEnd, joinTextSegments, type SegmentedText } from '../src/page/text-model';
import { backgroundDetector } from '../src/page/background-detector';
import * as v from 'valibot';

// The build inlines the precompiled matchers (wxt.config.ts); here the detector is built at run time (tests/precompiled-detector.test.ts holds the two to agreeing).
vi.mock('../src/detect/precompiled', () => ({ createPrecompiledDetector: () => createDetector() }));
/**
 * Chunks are sized by the time the detector takes (detect-step.ts), and page-wide scores see only
 * a chunk and its context, so two runs cut differently may differ (README Known limits). Both
 * sides here cut alike: a cost that does not follow the clock.
 */
const { fixedCost } = vi.hoisted(() => ({
  fixedCost: (): DetectCost => ({
    get msPerChar() {
      return 0.001;
    },
    set msPerChar(_measured: number) {},
  }),
}));
vi.mock('../src/page/detect-step', async (original) => ({ ...(await original<typeof import('../src/page/detect-step')>()), initialDetectCost: fixedCost }));
const { answerDetectRequest } = await import('../src/background/detect-service');

const detector = createDetector();
const detect: DetectWith = (text, known) => detector.detect(text, known?.length ? { knownEntityIds: known } : {});

function drain<T>(steps: Generator<void, T, undefined>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A page's joined text as the scanner builds it: the corpus texts' paragraphs, inline runs, blocks and, every few texts, a new group. */
function pageLike(texts: readonly string[]): SegmentedText<string> {
  return joinTextSegments(
    texts.flatMap((text, t) =>
      text.split(/\n+/).flatMap((paragraph, p) => {
        const half = Math.floor(paragraph.length / 2);
        return [
          { node: `${t}.${p}a`, text: paragraph.slice(0, half), blockBreakBefore: true, groupBefore: p === 0 && t % 3 === 0 },
          { node: `${t}.${p}b`, text: paragraph.slice(half), blockBreakBefore: false },
        ];
      }),
    ),
  );
}

const request = (joined: SegmentedText<unknown>): DetectRequest => ({
  type: 'page:detect',
  text: joined.slice(0, joined.length),
  blockStarts: joined.blockStarts(),
  groupStarts: joined.groupStartOffsets(),
  programmePolicy: 'as-iom-work',
  kinds: ['org', 'former-name', 'programme', 'campaign', 'person'],
});

const keys = (mentions: readonly { start: number; end: number; entityId: string }[]) => mentions.map((m) => `${m.start}-${m.end}:${m.entityId}`);

describe('the text sent to the background reads as the page read it', () => {
  const texts = allCorpusTexts().map((item) => item.text);
  const joined = pageLike(texts.slice(0, 60));

  it('the same offsets, blocks and groups (blocksOf)', () => {
    const sent = request(joined);
    const read = blocksOf(sent.text, sent.blockStarts, sent.groupStarts);
    expect(read.length).toBe(joined.length);
    expect(read.slice(0, read.length)).toBe(sent.text);
    expect(read.blockStarts()).toEqual(sent.blockStarts);
    expect(read.groupStartOffsets()).toEqual(sent.groupStarts);
    expect(sent.groupStarts.length).toBeGreaterThan(5);
    for (let start = 0; start < joined.length; start = chunkEnd(joined, start, joined.length, 3_000, joined)) {
      expect(chunkEnd(read, start, read.length, 3_000, read)).toBe(chunkEnd(joined, start, joined.length, 3_000, joined));
      expect(read.groupAround(start)).toEqual(joined.groupAround(start));
    }
  });

  it('refuses starts that do not fit the text', () => {
    const sent = request(joined);
    expect(() => blocksOf(sent.text, [sent.blockStarts[1], sent.blockStarts[0]], [])).toThrow(/does not fit/);
    expect(() => blocksOf(sent.text, [sent.blockStarts[0] + 1], [])).toThrow(/does not fit/);
    expect(() => blocksOf(sent.text, sent.blockStarts, [sent.blockStarts[0] + 1])).toThrow(/no block start/);
    expect(blocksOf('', [], []).length).toBe(0);
  });

  it('the background finds exactly the mentions the page finds itself, and its reply passes the schema', async () => {
    const own = drain(detectInChunks(detect, joined, [], fixedCost(), new ScanStats()));
    expect(own.length).toBeGreaterThan(100);
    const message = readMessage(request(joined), 'test');
    expect(message?.type).toBe('page:detect');
    const reply = await answerDetectRequest(message as DetectRequest);
    const parsed = v.parse(DetectReplySchema, reply);
    expect(keys(parsed.mentions)).toEqual(keys(own));
    expect(parsed.chunks).toBeGreaterThan(1);
  });

  it('refuses a request past its bounds before reading it (a text over the limit, more block starts than fit)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const sent = request(joined);
    expect(readMessage({ ...sent, text: 'x'.repeat(1_000_001) }, 'test')).toBeUndefined();
    expect(readMessage({ ...sent, blockStarts: new Array<number>(250_001).fill(4) }, 'test')).toBeUndefined();
    expect(readMessage({ ...sent, kinds: ['org', 'nonsense'] }, 'test')).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(3);
    warn.mockRestore();
  });

  it('answers a request whose starts do not fit with an error, not a throw', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const sent = request(joined);
    await expect(answerDetectRequest({ ...sent, blockStarts: [sent.blockStarts[0] + 1] })).resolves.toEqual({ error: expect.stringMatching(/does not fit/) });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('the page side falls back on every failure (null: the scan detects itself)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    fakeBrowser.reset();
  });
  const joined = joinTextSegments([
    { node: 'a', text: 'The International Organization for Migration (IOM) opened an office.', blockBreakBefore: true },
    { node: 'b', text: 'IOM staff met migrants.', blockBreakBefore: true, groupBefore: true },
  ]);
  const reply = { mentions: [{ start: 4, end: 45, surface: 'International Organization for Migration', entityId: 'iom', kind: 'org', reason: 'named' }], chunks: 1, largestChunk: 90, slowestChunkMs: 1, detectMs: 1 };

  it('sends the text, its blocks and groups and the settings, and gives the reply', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((() => Promise.resolve(reply)) as never);
    await expect(backgroundDetector(new AbortController().signal)(joined, { programmePolicy: 'never' })).resolves.toEqual(reply);
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ type: 'page:detect', text: joined.text, blockStarts: joined.blockStarts(), groupStarts: [joined.blockStarts()[0]], programmePolicy: 'never' }));
  });

  it.each([
    ['an error reply', () => Promise.resolve({ error: 'boom' })],
    ['a rejected message (no background)', () => Promise.reject(new Error('Could not establish connection'))],
    ['a malformed reply', () => Promise.resolve({ mentions: [{ start: -1 }] })],
    ['no reply at all', () => Promise.resolve(undefined)],
  ])('%s', async (_name, answer) => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(answer as never);
    await expect(backgroundDetector(new AbortController().signal)(joined, {})).resolves.toBeNull();
  });

  it('a background that never answers: null after the timeout', async () => {
    vi.useFakeTimers();
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((() => new Promise(() => undefined)) as never);
    const pending = backgroundDetector(new AbortController().signal)(joined, {});
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(pending).resolves.toBeNull();
  });

  it('a content script stopped meanwhile: null at once', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((() => new Promise(() => undefined)) as never);
    const controller = new AbortController();
    const pending = backgroundDetector(controller.signal)(joined, {});
    controller.abort();
    await expect(pending).resolves.toBeNull();
  });

  it('an empty text or one over BACKGROUND_DETECT_MAX_CHARS is not sent', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const huge = joinTextSegments([{ node: 'huge', text: 'x'.repeat(1_000_001), blockBreakBefore: true }]);
    await expect(backgroundDetector(new AbortController().signal)(huge, {})).resolves.toBeNull();
    await expect(backgroundDetector(new AbortController().signal)(joinTextSegments([]), {})).resolves.toBeNull();
    expect(send).not.toHaveBeenCalled();
  });
});
